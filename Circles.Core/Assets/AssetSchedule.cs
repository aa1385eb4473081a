using System.Text.RegularExpressions;
using Circles.Core.Common;

namespace Circles.Core.Assets;

/// <summary>
/// When an asset meets, in RFC 5545 recurrence terms (as Open Referral UK exchanges it): FREQ=WEEKLY with BYDAY
/// "TU,TH" and an INTERVAL of weeks, or FREQ=MONTHLY with BYDAY "2TU,4TU" (the 2nd and 4th Tuesday; -1 is the last).
/// </summary>
public sealed partial record AssetSchedule
{
    public const string Weekly = "WEEKLY";
    public const string Monthly = "MONTHLY";

    public string Freq { get; init; } = Weekly;

    public int Interval { get; init; } = 1;

    public string ByDay { get; init; } = "";

    public TimeOnly? OpensAt { get; init; }

    public TimeOnly? ClosesAt { get; init; }

    /// <summary>Stable id for Open Referral UK; given when the schedule is first stored.</summary>
    public string? Uid { get; init; }

    public static IReadOnlyList<Term> Days { get; } =
    [
        new("MO", "Monday"), new("TU", "Tuesday"), new("WE", "Wednesday"), new("TH", "Thursday"),
        new("FR", "Friday"), new("SA", "Saturday"), new("SU", "Sunday"),
    ];

    public static IReadOnlyList<Term> WeeksOfMonth { get; } =
    [
        new("1", "1st"), new("2", "2nd"), new("3", "3rd"), new("4", "4th"), new("-1", "Last"),
    ];

    [GeneratedRegex(@"^(?<week>-1|[1-4])?(?<day>MO|TU|WE|TH|FR|SA|SU)$")]
    private static partial Regex DayPattern();

    public IReadOnlyList<(int? Week, string Day)> Parts =>
        ByDay.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => DayPattern().Match(p))
            .Where(m => m.Success)
            .Select(m => (m.Groups["week"].Success ? int.Parse(m.Groups["week"].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null, m.Groups["day"].Value))
            .ToList();

    /// <summary>What is wrong with the pattern, in words for the person who typed it; null when it is a real pattern.</summary>
    public string? Problem()
    {
        if (Freq is not (Weekly or Monthly))
        {
            return "Choose every week or every month";
        }

        var items = ByDay.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
        {
            return "Choose at least one day";
        }

        if (items.Any(i => !DayPattern().IsMatch(i)))
        {
            return "Days must be written like TU, or 2TU for the 2nd Tuesday of the month";
        }

        if (Freq == Weekly && Parts.Any(p => p.Week is not null))
        {
            return "A weekly pattern has days only, like TU,TH";
        }

        if (Freq == Monthly && Parts.Any(p => p.Week is null))
        {
            return "Choose which weeks of the month, like the 2nd and 4th";
        }

        if (Interval is < 1 or > 12)
        {
            return "How many weeks apart must be a number from 1 to 12";
        }

        if (Freq == Monthly && Interval != 1)
        {
            return "A monthly pattern is every month: leave its interval as 1";
        }

        if (OpensAt is { } opens && ClosesAt is { } closes && closes <= opens)
        {
            return "The finishing time must be after the starting time";
        }

        return ClosesAt is not null && OpensAt is null ? "Enter the starting time as well as the finishing time" : null;
    }

    /// <summary>Does it meet on this day of the week at all (in some week of the month)?</summary>
    public bool MeetsOn(string day) => Parts.Any(p => p.Day == day);

    /// <summary>"2nd and 4th Tuesday of the month, 10am to 12pm"; "Every Monday and Friday"; "Every other Wednesday".</summary>
    public string Describe()
    {
        var parts = Parts;
        string when;
        if (Freq == Monthly)
        {
            var byDay = parts.GroupBy(p => p.Day).Select(g =>
                $"{Join(g.OrderBy(p => p.Week is -1 ? 5 : p.Week).Select(p => Terms.LabelOf(WeeksOfMonth, p.Week?.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList())} {DayName(g.Key)}");
            when = Capitalise(Join(byDay.ToList()).Replace("Last", "last", StringComparison.Ordinal)) + " of the month";
        }
        else
        {
            var days = Join(Days.Where(d => parts.Any(p => p.Day == d.Key)).Select(d => d.Label).ToList());
            when = Interval switch
            {
                1 => $"Every {days}",
                2 => $"Every other {days}",
                _ => $"Every {Interval} weeks on {days}",
            };
        }

        return (OpensAt, ClosesAt) switch
        {
            ({ } o, { } c) => $"{when}, {Display.Time(o)} to {Display.Time(c)}",
            ({ } o, null) => $"{when}, from {Display.Time(o)}",
            _ => when,
        };
    }

    private static string DayName(string day) => Terms.LabelOf(Days, day);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>The pattern a form describes: which days, which weeks (monthly), how many weeks apart (weekly).</summary>
    public static AssetSchedule FromChoices(string freq, IEnumerable<string> days, IEnumerable<string> weeks, int interval, TimeOnly? opens, TimeOnly? closes)
    {
        var chosenDays = Days.Where(d => days.Contains(d.Key)).Select(d => d.Key).ToList();
        var byDay = freq == Monthly
            ? string.Join(",", chosenDays.SelectMany(d => WeeksOfMonth.Where(w => weeks.Contains(w.Key)).Select(w => w.Key + d)))
            : string.Join(",", chosenDays);
        return new AssetSchedule { Freq = freq, Interval = freq == Monthly ? 1 : interval, ByDay = byDay, OpensAt = opens, ClosesAt = closes };
    }
}
