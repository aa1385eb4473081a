using System.Globalization;
using Circles.Core.Auditing;
using Circles.Core.CheckIns;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Reporting;

/// <summary>What a report covers: London dates from and to (both included), and the areas (null: every area).</summary>
public sealed record ReportScope(DateOnly From, DateOnly To, IReadOnlyList<long>? AreaIds)
{
    public DateTimeOffset StartUtc => UkTime.StartOfDayUtc(From);

    /// <summary>The first instant after the period.</summary>
    public DateTimeOffset EndUtc => UkTime.StartOfDayUtc(To.AddDays(1));

    /// <summary>The first day of every month the period touches, in order.</summary>
    public IReadOnlyList<DateOnly> Months
    {
        get
        {
            var months = new List<DateOnly>();
            for (var m = new DateOnly(From.Year, From.Month, 1); m <= To; m = m.AddMonths(1))
            {
                months.Add(m);
            }

            return months;
        }
    }
}

public sealed record StatusTally
{
    public string Status { get; init; } = "";

    public long Count { get; init; }
}

public sealed record MonthTally
{
    /// <summary>yyyy-MM, in London time.</summary>
    public string Month { get; init; } = "";

    public long Count { get; init; }
}

public sealed record IntroductionTally
{
    public string Month { get; init; } = "";

    public int Level { get; init; }

    public long? AreaId { get; init; }

    public long Count { get; init; }
}

public sealed record VolunteerMonthMinutes
{
    public string Month { get; init; } = "";

    public long VolunteerId { get; init; }

    public long Minutes { get; init; }
}

/// <summary>The raw counts behind every figure, read in one go for one scope.</summary>
public sealed record OutcomeCounts
{
    /// <summary>Circles open at some time in the period, by their status at its end.</summary>
    public IReadOnlyList<StatusTally> CirclesByStatus { get; init; } = [];

    public IReadOnlyList<IntroductionTally> Introductions { get; init; } = [];

    public IReadOnlyList<MonthTally> MeetingsHeld { get; init; } = [];

    public IReadOnlyList<MonthTally> ActionsCompleted { get; init; } = [];

    /// <summary>Connections first made in the period, by what had become of them at its end.</summary>
    public IReadOnlyList<StatusTally> Connections { get; init; } = [];

    public IReadOnlyList<MonthTally> Contributions { get; init; } = [];

    /// <summary>Approved hours, per volunteer per month.</summary>
    public IReadOnlyList<VolunteerMonthMinutes> VolunteerMinutes { get; init; } = [];

    public IReadOnlyList<MonthTally> CheckInsDone { get; init; } = [];

    /// <summary>People on a check-in cadence whose check-in was overdue on the last day of the period.</summary>
    public long OverdueAtEnd { get; init; }

    /// <summary>People with two or more answers to the ONS question by the end, the latest in the period.</summary>
    public IReadOnlyList<FirstAndLatest> Loneliness { get; init; } = [];
}

public interface IReportStore
{
    Task<OutcomeCounts> Count(ReportScope scope, CancellationToken cancellationToken);
}

/// <summary>The dashboard's and the commissioner report's filter: a period and some areas (none chosen: all you may see).</summary>
public sealed record GetOutcomesQuery : IQuery<OutcomeReport>
{
    public string? FromDay { get; init; }

    public string? FromMonth { get; init; }

    public string? FromYear { get; init; }

    public string? ToDay { get; init; }

    public string? ToMonth { get; init; }

    public string? ToYear { get; init; }

    public List<string> Areas { get; init; } = [];

    /// <summary>For people outside the organisation: small numbers suppressed.</summary>
    public bool ForCommissioners { get; init; }
}

public sealed record OutcomeReport(DateOnly From, DateOnly To, IReadOnlyList<string> AreaNames, bool Suppressed, IReadOnlyList<Figure> Figures, DateTimeOffset MadeAt)
{
    public string AreasText => AreaNames.Count == 0 ? "All areas" : string.Join(", ", AreaNames);

    public string PeriodText => $"{Display.Date(From)} to {Display.Date(To)}";
}

public static class ReportRules
{
    public const int LongestYears = 5;

    /// <summary>Dashboards and reports are for those who coordinate an area, and administrators.</summary>
    public static bool MayReport(Viewer viewer) => viewer.Coordinates;

    /// <summary>Unless chosen: the last twelve months, from the first of the month eleven months ago to today.</summary>
    public static (DateOnly From, DateOnly To) DefaultPeriod(DateOnly today) => (new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today);

    public static string MonthLabel(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}

public sealed class GetOutcomesValidator(TimeProvider clock) : Validator<GetOutcomesQuery>
{
    protected override void Rules(GetOutcomesQuery q, Failures failures)
    {
        var from = failures.RequiredDate("FromDay", q.FromDay, q.FromMonth, q.FromYear, "The start of the period", "Enter the start of the period");
        var to = failures.PastDate("ToDay", q.ToDay, q.ToMonth, q.ToYear, "The end of the period", "Enter the end of the period", "The end of the period must be today or in the past", UkTime.Today(clock));

        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                failures.Add("ToDay", "The end of the period must be the same as or after the start");
            }
            else if (f < t.AddYears(-ReportRules.LongestYears))
            {
                failures.Add("FromDay", $"Choose a period of {ReportRules.LongestYears} years or less");
            }
        }

        if (q.Areas.Count > 200 || q.Areas.Any(a => !long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            failures.Add("Areas", "Choose areas from the list");
        }
    }
}

public sealed class GetOutcomesHandler(IReportStore reports, Areas.IAreaStore areas, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : IQueryHandler<GetOutcomesQuery, OutcomeReport>
{
    public async ValueTask<OutcomeReport> Handle(GetOutcomesQuery query, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        if (!ReportRules.MayReport(who))
        {
            throw new NotFoundException("report", "outcomes");
        }

        UkFormats.ReadDate(query.FromDay, query.FromMonth, query.FromYear, "", out var from);
        UkFormats.ReadDate(query.ToDay, query.ToMonth, query.ToYear, "", out var to);
        var known = (await areas.List(cancellationToken)).Where(a => who.CanSeeArea(a.Id)).ToList();
        var chosen = query.Areas.Select(a => long.Parse(a, CultureInfo.InvariantCulture)).Distinct().ToList();
        if (chosen.Any(id => known.All(a => a.Id != id)))
        {
            throw ValidationException.For("Areas", "Choose areas from the list");
        }

        // Nothing chosen: a coordinator's own areas; for an administrator every area, and on the dashboard the records
        // with no area too. The commissioner report always names its areas, so "all" less "each" reveals nothing.
        var areaIds = chosen.Count > 0 ? chosen : who.SeesAllAreas && !query.ForCommissioners ? null : known.Select(a => a.Id).ToList();
        var names = areaIds is null ? [] : known.Where(a => areaIds.Contains(a.Id)).Select(a => a.Name).ToList();
        var scope = new ReportScope(from!.Value, to!.Value, areaIds);
        var counts = areaIds is { Count: 0 } ? new OutcomeCounts() : await reports.Count(scope, cancellationToken);
        var figures = OutcomeFigures.Build(scope, counts, known.ToDictionary(a => a.Id, a => a.Name));
        if (query.ForCommissioners)
        {
            // The answers at first and latest, beside the change between them, would let a reader rebuild hidden cells.
            figures = Suppression.Apply(figures.Where(f => f.Key != OutcomeFigures.LonelinessBands).ToList());
        }

        var report = new OutcomeReport(scope.From, scope.To, names, query.ForCommissioners, figures, clock.GetUtcNow());
        await audit.Record(new AuditEntry(AuditActions.ReportViewed, "report", query.ForCommissioners ? "commissioner" : "dashboard",
            $"{report.PeriodText}; {report.AreasText}"), cancellationToken);
        return report;
    }
}

/// <summary>Turns the raw counts into the figures both the dashboard and the commissioner report show.</summary>
public static class OutcomeFigures
{
    public const string LonelinessBands = "loneliness-bands";

    public static IReadOnlyList<Figure> Build(ReportScope scope, OutcomeCounts counts, IReadOnlyDictionary<long, string> areaNames)
    {
        var months = scope.Months.Select(m => (Key: m.ToString("yyyy-MM", CultureInfo.InvariantCulture), Label: ReportRules.MonthLabel(m))).ToList();
        long ByMonth(IReadOnlyList<MonthTally> tallies, string month) => tallies.Where(t => t.Month == month).Sum(t => t.Count);
        Figure Monthly(string key, string title, string explanation, string column, IReadOnlyList<MonthTally> tallies) =>
            FigureTable.Counts(key, key, title, explanation, "Month", [column],
                months.Select(m => (m.Label, (IReadOnlyList<long>)[ByMonth(tallies, m.Key)])).ToList());

        string[] levels = ["Level 1", "Level 2"];
        var introductionAreas = counts.Introductions.Select(i => i.AreaId).Distinct()
            .Select(id => (Id: id, Name: id is { } a && areaNames.TryGetValue(a, out var n) ? n : "No area recorded"))
            .OrderBy(a => a.Id is null ? 1 : 0).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();

        var ons = OnsDirectQuestion.Question;
        int Score(string value) => ons.Find(value)?.Score ?? 0;
        var loneliness = counts.Loneliness;

        return
        [
            FigureTable.Counts("circles", "circles", "Circles by status",
                "Circles open at some time in the period, by their status on its last day.", "Status", ["Circles"],
                Circles.CircleStatuses.All.Select(s => (Circles.CircleStatuses.Describe(s),
                    (IReadOnlyList<long>)[counts.CirclesByStatus.Where(c => c.Status == s).Sum(c => c.Count)])).ToList()),
            FigureTable.Counts("introductions-by-month", "introductions", "Introductions by month and level",
                "People introduced in the period. Level 1 is information or a short conversation; level 2 is a longer relationship.", "Month", levels,
                months.Select(m => (m.Label, (IReadOnlyList<long>)[.. new[] { 1, 2 }.Select(l => counts.Introductions.Where(i => i.Month == m.Key && i.Level == l).Sum(i => i.Count))])).ToList()),
            FigureTable.Counts("introductions-by-area", "introductions", "Introductions by area and level",
                "The same introductions, by the area the person lives in.", "Area", levels,
                introductionAreas.Select(a => (a.Name, (IReadOnlyList<long>)[.. new[] { 1, 2 }.Select(l => counts.Introductions.Where(i => i.AreaId == a.Id && i.Level == l).Sum(i => i.Count))])).ToList()),
            Monthly("meetings", "Circle meetings held", "Meetings marked as held, by the month they took place.", "Meetings held", counts.MeetingsHeld),
            Monthly("actions", "Actions completed", "Actions in circles marked done, by the month they were completed.", "Actions completed", counts.ActionsCompleted),
            FigureTable.Counts("connections", "connections", "Connections to community assets",
                "People introduced to a community asset in the period, by what had become of it at the end of the period.", "What happened", ["Connections"],
                Assets.ConnectionStatuses.All.Select(s => (s.Label, (IReadOnlyList<long>)[counts.Connections.Where(c => c.Status == s.Key).Sum(c => c.Count)])).ToList()),
            Monthly("contributions", "Contributions recorded", "What people gave to their community, by the month they gave it.", "Contributions", counts.Contributions),
            VolunteerHours(months, counts.VolunteerMinutes),
            Monthly("check-ins", "Check-ins done", "Check-ins recorded, by the month they were taken.", "Check-ins", counts.CheckInsDone),
            new Figure
            {
                Key = "check-ins-overdue",
                Title = "Check-ins overdue",
                Explanation = "People on a check-in cadence, not paused, who had gone longer than their longest gap without contact on the last day of the period.",
                RowHeading = "When",
                Columns = ["People"],
                Rows = [new FigureRow("Overdue at the end of the period", [new Cell("check-ins-overdue", counts.OverdueAtEnd, counts.OverdueAtEnd)])],
            },
            FigureTable.Counts("loneliness-change", "loneliness", "Loneliness: first and latest check-in",
                $"People who answered “{ons.Wording}” at two or more check-ins, the latest in the period, comparing their first answer with their latest.",
                "Change", ["People"],
                [
                    ("Less often lonely", [loneliness.Count(p => Score(p.Latest) > Score(p.First))]),
                    ("No change", [loneliness.Count(p => Score(p.Latest) == Score(p.First))]),
                    ("More often lonely", [loneliness.Count(p => Score(p.Latest) < Score(p.First))]),
                ],
                totalId: _ => "loneliness/people"),
            FigureTable.Counts(LonelinessBands, "loneliness", "Loneliness answers at first and latest check-in",
                "The same people: how many gave each answer the first time and the latest time.", "How often they feel lonely", ["At first", "At latest"],
                ons.Options.Select(o => (o.Wording, (IReadOnlyList<long>)[loneliness.Count(p => p.First == o.Value), loneliness.Count(p => p.Latest == o.Value)])).ToList(),
                rowTotals: false, totalId: _ => "loneliness/people"),
        ];
    }

    /// <summary>Approved hours by month. Each number is as small as the number of volunteers who gave the hours.</summary>
    private static Figure VolunteerHours(IReadOnlyList<(string Key, string Label)> months, IReadOnlyList<VolunteerMonthMinutes> minutes)
    {
        static decimal Hours(IEnumerable<VolunteerMonthMinutes> rows) => rows.Sum(r => r.Minutes) / 60m;
        var rows = months.Select(m =>
        {
            var inMonth = minutes.Where(x => x.Month == m.Key).ToList();
            return new FigureRow(m.Label, [new Cell($"hours/{m.Key}", Hours(inMonth), inMonth.Select(x => x.VolunteerId).Distinct().LongCount())]);
        }).ToList();
        var total = new Cell("hours/total", Hours(minutes), minutes.Select(x => x.VolunteerId).Distinct().LongCount());
        return new Figure
        {
            Key = "hours",
            Title = "Volunteer hours",
            Explanation = "Hours volunteers gave to circles, approved by a coordinator, by the month they gave them.",
            RowHeading = "Month",
            Columns = ["Hours"],
            Unit = FigureUnits.Hours,
            Rows = [.. rows, new FigureRow(FigureTable.Total, [total], IsTotal: true)],
            Sums = [[.. rows.Select(r => r.Cells[0].Id), total.Id]],
        };
    }
}
