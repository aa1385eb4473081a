namespace Circles.Core.Matching;

/// <summary>Times of the week someone is free: a day and a part of the day, like "tue-pm".</summary>
public static class Availability
{
    public static IReadOnlyList<string> Days { get; } = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public static IReadOnlyList<string> Parts { get; } = ["am", "pm", "eve"];

    public static IReadOnlyList<string> AllSlots { get; } = Days.SelectMany(d => Parts.Select(p => $"{d}-{p}")).ToList();

    public static IReadOnlySet<string> Parse(string? stored) =>
        (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(AllSlots.Contains).ToHashSet();

    public static string Format(IEnumerable<string> slots) => string.Join(',', AllSlots.Where(slots.Contains));

    public static string Describe(string slot)
    {
        var (day, part) = (slot[..3], slot[4..]);
        var dayName = day switch
        {
            "mon" => "Monday", "tue" => "Tuesday", "wed" => "Wednesday", "thu" => "Thursday", "fri" => "Friday", "sat" => "Saturday", _ => "Sunday",
        };
        return dayName + " " + (part switch { "am" => "morning", "pm" => "afternoon", _ => "evening" });
    }

    /// <summary>The slot a London time falls in.</summary>
    public static string SlotOf(DateTime londonTime) =>
        $"{Days[((int)londonTime.DayOfWeek + 6) % 7]}-{(londonTime.Hour < 12 ? "am" : londonTime.Hour < 17 ? "pm" : "eve")}";
}

public readonly record struct Location(double Latitude, double Longitude)
{
    /// <summary>Straight-line (great-circle) distance in kilometres.</summary>
    public double KilometresTo(Location other)
    {
        const double EarthRadiusKm = 6371.0;
        var dLat = Radians(other.Latitude - Latitude);
        var dLon = Radians(other.Longitude - Longitude);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(Radians(Latitude)) * Math.Cos(Radians(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return EarthRadiusKm * 2 * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}

/// <summary>Someone who could help: a facilitator, a volunteer for a task.</summary>
public sealed record Candidate(long Id, string Name, IReadOnlySet<string> Interests, Location? Location, IReadOnlySet<string> Availability);

/// <summary>What the circle, opportunity or task is looking for.</summary>
public sealed record Need(IReadOnlySet<string> Interests, Location? Location, IReadOnlySet<string> Slots);

public sealed record Suggestion(Candidate Candidate, int Score, double? Kilometres, IReadOnlyList<string> Reasons);

/// <summary>
/// The one matching component: ranks candidates by shared interests, straight-line distance and
/// availability, and says why, so a person makes the choice. Reused for facilitators, volunteers and tasks.
/// </summary>
public static class Matcher
{
    public const double WalkingDistanceKm = 1.5;

    /// <summary>
    /// The best <paramref name="take"/>, explained. Every candidate is scored, but only those suggested have their reasons
    /// written: a circle's page ranks every volunteer in the area to show five.
    /// </summary>
    public static IReadOnlyList<Suggestion> Rank(Need need, IEnumerable<Candidate> candidates, int take = 5)
    {
        var wanted = need.Interests.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return candidates.Select(c => (Candidate: c, Fit: Measure(need, wanted, c)))
            .OrderByDescending(x => x.Fit.Score)
            .ThenBy(x => x.Fit.Kilometres ?? double.MaxValue)
            .ThenBy(x => x.Candidate.Name, StringComparer.OrdinalIgnoreCase)
            .Take(take)
            .Select(x => Explain(need, wanted, x.Candidate, x.Fit))
            .ToList();
    }

    private readonly record struct Fit(int Score, double? Kilometres);

    private static Fit Measure(Need need, HashSet<string> wanted, Candidate candidate)
    {
        var shared = candidate.Interests.Count(wanted.Contains);
        double? km = need.Location is { } here && candidate.Location is { } there ? here.KilometresTo(there) : null;
        var free = need.Slots.Count(candidate.Availability.Contains);
        var score = (3 * shared)
            + (km switch { null => 0, <= WalkingDistanceKm => 4, <= 5 => 2, <= 15 => 1, _ => 0 })
            + (free > 0 ? 2 * free : candidate.Availability.Count > 0 ? 1 : 0);
        return new Fit(score, km);
    }

    private static Suggestion Explain(Need need, HashSet<string> wanted, Candidate candidate, Fit fit)
    {
        var reasons = new List<string>();
        var shared = candidate.Interests.Where(wanted.Contains).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (shared.Count > 0)
        {
            reasons.Add($"Shares {(shared.Count == 1 ? "an interest" : $"{shared.Count} interests")}: {string.Join(", ", shared)}");
        }

        reasons.Add(fit.Kilometres switch
        {
            null => "Distance not known: a postcode is missing or not in the postcode list",
            <= WalkingDistanceKm and var distance => $"Lives about {distance:0.0} km away: walking distance",
            var distance => $"Lives about {distance:0} km away",
        });

        var free = need.Slots.Where(candidate.Availability.Contains).ToList();
        reasons.Add(free.Count > 0 ? "Free when the circle meets: " + string.Join(", ", free.Select(Availability.Describe))
            : candidate.Availability.Count > 0 ? $"Free {candidate.Availability.Count} times a week, for example {Availability.Describe(Availability.AllSlots.First(candidate.Availability.Contains))}"
            : "Has not said when they are free");

        return new Suggestion(candidate, fit.Score, fit.Kilometres, reasons);
    }
}
