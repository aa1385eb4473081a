using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Circles.Data.Sqlite;
using Circles.Tests.Support;
using CsvHelper;
using Dapper;

namespace Circles.Tests.Web;

/// <summary>
/// The dashboard and the commissioner report over a seeded dataset. Every expected number is counted here, from the
/// seed itself, with LINQ and London's own time zone: none of the site's queries or rules are used to work it out.
/// </summary>
public sealed partial class OutcomeReportTests : SiteTest
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly DateOnly From = new(2025, 4, 1);
    private static readonly DateOnly To = new(2026, 3, 31);
    private static readonly long[] ChosenAreas = [1, 2];
    private const string Filter = "FromDay=1&FromMonth=4&FromYear=2025&ToDay=31&ToMonth=3&ToYear=2026&Areas=1&Areas=2";

    private static readonly string[] OnsAnswers = ["often_always", "some_of_the_time", "occasionally", "hardly_ever", "never"];
    private static readonly string[] OnsWording = ["Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never"];
    private static readonly string[] CircleStatuses = ["enquiry", "first_conversation", "forming", "active", "self_sustaining", "closed"];
    private static readonly string[] CircleLabels = ["Enquiry", "First conversation", "Forming", "Active", "Self-sustaining", "Closed"];
    private static readonly string[] ConnectionStatuses = ["suggested", "went_once", "goes_regularly", "helps_run", "declined"];
    private static readonly string[] ConnectionLabels = ["Suggested", "Went once", "Goes regularly", "Now helps run it", "Decided not to go"];

    private sealed record Person(long Id, long? AreaId, string Name);

    private sealed record Introduction(long PersonId, DateOnly On, int Level);

    private sealed record StatusChange(long CircleId, string Status, DateTimeOffset At);

    private sealed record Circle(long Id, long PersonId, long? AreaId, long FocusMemberId);

    private sealed record Meeting(long CircleId, DateTimeOffset StartsAt, string Status);

    private sealed record CircleAction(long CircleId, string Status, DateOnly? CompletedOn);

    private sealed record ConnectionEvent(long ConnectionId, long PersonId, string Status, DateOnly On);

    private sealed record Contribution(long PersonId, DateOnly On);

    private sealed record Hours(long VolunteerId, long CircleId, DateOnly On, int Minutes, string Status);

    private sealed record CheckIn(long Id, long PersonId, DateTimeOffset TakenAt, string? Ons);

    private sealed record CadenceRow(long PersonId, DateOnly StartedOn, int MaximumDays, DateOnly? PausedOn);

    private sealed record Contact(long PersonId, DateTimeOffset At);

    private sealed class Seed
    {
        public List<Person> People { get; } = [];
        public List<Introduction> Introductions { get; } = [];
        public List<Circle> Circles { get; } = [];
        public List<StatusChange> Changes { get; } = [];
        public List<Meeting> Meetings { get; } = [];
        public List<CircleAction> Actions { get; } = [];
        public List<ConnectionEvent> ConnectionEvents { get; } = [];
        public List<Contribution> Contributions { get; } = [];
        public List<Hours> Hours { get; } = [];
        public List<CheckIn> CheckIns { get; } = [];
        public List<CadenceRow> Cadences { get; } = [];
        public List<Contact> Contacts { get; } = [];
    }

    private static DateOnly LondonDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, London).DateTime);

    private static DateTimeOffset LondonMidnight(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), London), TimeSpan.Zero);

    private static bool InPeriod(DateOnly day) => day >= From && day <= To;

    private static bool InPeriod(DateTimeOffset at) => InPeriod(LondonDate(at));

    private static string MonthLabel(DateOnly day) => new DateOnly(day.Year, day.Month, 1).ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static IEnumerable<DateOnly> Months()
    {
        for (var m = From; m <= To; m = m.AddMonths(1))
        {
            yield return m;
        }
    }

    /// <summary>Deterministic and varied: months with none, one or a handful of each thing, and instants either side of midnight at month ends.</summary>
    private static Seed Make()
    {
        var random = new Random(20261124);
        var seed = new Seed();
        var first = new DateOnly(2024, 10, 1);
        DateOnly Day(DateOnly start, int days) => start.AddDays(random.Next(days));
        DateTimeOffset Instant(DateOnly start, int days) =>
            new DateTimeOffset(Day(start, days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(random.Next(86_400));

        for (var id = 1; id <= 90; id++)
        {
            long? area = id % 30 == 0 ? null : 1 + (id % 3);
            seed.People.Add(new Person(id, area, $"Seeded Person {id:D3}"));
            for (var i = 0; i < 1 + random.Next(2); i++)
            {
                seed.Introductions.Add(new Introduction(id, Day(new DateOnly(2025, 1, 1), 560), 1 + random.Next(2)));
            }

            for (var i = 0; i < random.Next(4); i++)
            {
                seed.Contributions.Add(new Contribution(id, Day(new DateOnly(2025, 2, 1), 500)));
            }
        }

        var memberId = 1000L;
        for (var id = 1; id <= 36; id++)
        {
            var person = seed.People[(id * 7) % seed.People.Count];
            var circle = new Circle(id, person.Id, person.AreaId, memberId++);
            seed.Circles.Add(circle);
            var at = Instant(first, 500);
            seed.Changes.Add(new StatusChange(id, CircleStatuses[random.Next(3)], at));
            for (var i = 0; i < random.Next(4); i++)
            {
                at = at.AddDays(1 + random.Next(120));
                seed.Changes.Add(new StatusChange(id, CircleStatuses[random.Next(CircleStatuses.Length)], at));
            }

            for (var i = 0; i < random.Next(7); i++)
            {
                seed.Meetings.Add(new Meeting(id, Instant(new DateOnly(2025, 2, 1), 480), new[] { "held", "held", "planned", "cancelled" }[random.Next(4)]));
            }

            for (var i = 0; i < random.Next(6); i++)
            {
                var status = new[] { "open", "done", "done", "dropped" }[random.Next(4)];
                seed.Actions.Add(new CircleAction(id, status, status == "done" ? Day(new DateOnly(2025, 2, 1), 480) : null));
            }
        }

        // Midnight in London is 23:00 UTC the day before in summer: these fall in the next London month (or out of the period).
        seed.Meetings.Add(new Meeting(1, DateTimeOffset.Parse("2025-03-31T23:30:00Z", CultureInfo.InvariantCulture), "held"));
        seed.Meetings.Add(new Meeting(2, DateTimeOffset.Parse("2025-08-31T23:30:00Z", CultureInfo.InvariantCulture), "held"));
        seed.Meetings.Add(new Meeting(3, DateTimeOffset.Parse("2025-10-31T23:30:00Z", CultureInfo.InvariantCulture), "held"));
        seed.Meetings.Add(new Meeting(4, DateTimeOffset.Parse("2026-03-31T23:30:00Z", CultureInfo.InvariantCulture), "held"));

        var connection = 1L;
        foreach (var person in seed.People.Where(p => p.Id % 2 == 0))
        {
            var on = Day(new DateOnly(2025, 1, 1), 520);
            for (var i = 0; i < 1 + random.Next(3); i++)
            {
                seed.ConnectionEvents.Add(new ConnectionEvent(connection, person.Id, i == 0 ? "suggested" : ConnectionStatuses[random.Next(ConnectionStatuses.Length)], on));
                on = on.AddDays(1 + random.Next(90));
            }

            connection++;
        }

        for (var i = 0; i < 60; i++)
        {
            seed.Hours.Add(new Hours(1 + random.Next(8), 1 + random.Next(seed.Circles.Count), Day(new DateOnly(2025, 3, 1), 420), 15 * (1 + random.Next(16)),
                new[] { "approved", "approved", "logged", "queried" }[random.Next(4)]));
        }

        var checkIn = 1L;
        foreach (var person in seed.People.Where(p => p.Id % 3 != 0))
        {
            for (var i = 0; i < random.Next(5); i++)
            {
                seed.CheckIns.Add(new CheckIn(checkIn++, person.Id, Instant(new DateOnly(2024, 12, 1), 520), random.Next(6) == 0 ? null : OnsAnswers[random.Next(5)]));
            }

            if (person.Id % 4 == 1)
            {
                var started = Day(new DateOnly(2024, 11, 1), 520);
                seed.Cadences.Add(new CadenceRow(person.Id, started, 20 + random.Next(60), random.Next(5) == 0 ? Day(new DateOnly(2025, 6, 1), 400) : null));
            }

            if (random.Next(2) == 0)
            {
                seed.Contacts.Add(new Contact(person.Id, Instant(new DateOnly(2025, 1, 1), 500)));
            }
        }

        // Check-ins sorted by time keep the site's tie-break (time, then id) the same as this file's.
        var ordered = seed.CheckIns.OrderBy(c => c.TakenAt).Select((c, i) => c with { Id = i + 1 }).ToList();
        seed.CheckIns.Clear();
        seed.CheckIns.AddRange(ordered);
        return seed;
    }

    private async Task Store(Seed seed)
    {
        string T(DateTimeOffset at) => TypeHandlers.Format(at);
        string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var connection = await Db.Factory.Open(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2020-01-01'), (2, 'Westfield', '2020-01-01'), (3, 'Northfield', '2020-01-01')", transaction: transaction);
        await connection.ExecuteAsync("INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (@Id, @Name, @AreaId, '2024-01-01T00:00:00.0000000Z', '2024-01-01')", seed.People, transaction);
        await connection.ExecuteAsync(
            "INSERT INTO introductions (person_id, introduced_by, introduced_on, level, status, created_at) VALUES (@PersonId, 'self', @On, @Level, 'new', '2024-01-01')",
            seed.Introductions.Select(i => new { i.PersonId, On = D(i.On), i.Level }), transaction);
        foreach (var circle in seed.Circles)
        {
            var changes = seed.Changes.Where(c => c.CircleId == circle.Id).ToList();
            await connection.ExecuteAsync(
                """
                INSERT INTO circles (id, focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES (@Id, @PersonId, 'Seeded', @AreaId, @Status, @At, @At);
                INSERT INTO circle_members (id, circle_id, person_id, role, joined_on) VALUES (@FocusMemberId, @Id, @PersonId, 'focus', '2024-01-01');
                """,
                new { circle.Id, circle.PersonId, circle.AreaId, circle.FocusMemberId, changes[^1].Status, At = T(changes[0].At) }, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO circle_status_changes (circle_id, to_status, changed_at) VALUES (@CircleId, @Status, @At)",
                changes.Select(c => new { c.CircleId, c.Status, At = T(c.At) }), transaction);
        }

        await connection.ExecuteAsync(
            "INSERT INTO meetings (circle_id, starts_at, ends_at, status, created_at) VALUES (@CircleId, @At, @At, @Status, '2024-01-01')",
            seed.Meetings.Select(m => new { m.CircleId, At = T(m.StartsAt), m.Status }), transaction);
        await connection.ExecuteAsync(
            "INSERT INTO actions (circle_id, description, owner_member_id, status, completed_on, created_at) VALUES (@CircleId, 'Seeded', @Owner, @Status, @On, '2024-01-01')",
            seed.Actions.Select(a => new { a.CircleId, Owner = seed.Circles.Single(c => c.Id == a.CircleId).FocusMemberId, a.Status, On = a.CompletedOn is { } d ? D(d) : null }), transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO community_assets (id, uid, name, kind, area_id, last_verified_on, created_at, updated_at)
            VALUES (1, 'a1', 'Knit and Natter', 'association', 1, '2025-01-01', '2025-01-01', '2025-01-01')
            """, transaction: transaction);
        foreach (var group in seed.ConnectionEvents.GroupBy(e => e.ConnectionId))
        {
            await connection.ExecuteAsync(
                "INSERT INTO asset_connections (id, asset_id, person_id, status, status_on, created_at, updated_at) VALUES (@Id, 1, @PersonId, @Status, @On, '2025-01-01', '2025-01-01')",
                new { Id = group.Key, group.First().PersonId, group.Last().Status, On = D(group.Last().On) }, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO asset_connection_events (connection_id, status, happened_on, recorded_at) VALUES (@ConnectionId, @Status, @On, '2025-01-01')",
                group.Select(e => new { e.ConnectionId, e.Status, On = D(e.On) }), transaction);
        }

        await connection.ExecuteAsync(
            "INSERT INTO contributions (person_id, what, given_on, created_at) VALUES (@PersonId, 'Baked a cake', @On, '2025-01-01')",
            seed.Contributions.Select(c => new { c.PersonId, On = D(c.On) }), transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO volunteers (id, full_name, email, motivation, area_id, status, dedupe_key, applied_at, updated_at)
            VALUES (@Id, 'Seeded Volunteer', 'v@example.org', 'To help', 1, 'approved', 'k' || @Id, '2024-01-01', '2024-01-01')
            """, Enumerable.Range(1, 8).Select(i => new { Id = i }), transaction);
        await connection.ExecuteAsync(
            "INSERT INTO volunteer_hours (volunteer_id, circle_id, worked_on, minutes, status, created_at) VALUES (@VolunteerId, @CircleId, @On, @Minutes, @Status, '2025-01-01')",
            seed.Hours.Select(h => new { h.VolunteerId, h.CircleId, On = D(h.On), h.Minutes, h.Status }), transaction);
        await connection.ExecuteAsync(
            "INSERT INTO check_ins (id, person_id, taken_at, method, created_at) VALUES (@Id, @PersonId, @At, 'phone', @At)",
            seed.CheckIns.Select(c => new { c.Id, c.PersonId, At = T(c.TakenAt) }), transaction);
        await connection.ExecuteAsync(
            "INSERT INTO check_in_answers (check_in_id, question, answer) VALUES (@Id, 'ons_lonely', @Ons)",
            seed.CheckIns.Where(c => c.Ons is not null), transaction);
        await connection.ExecuteAsync(
            "INSERT INTO check_in_answers (check_in_id, question, answer) VALUES (@Id, 'ucla_isolated', 'often')",
            seed.CheckIns.Where(c => c.Ons is null), transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO check_in_cadences (person_id, ideal_days, maximum_days, started_on, paused_reason, paused_on, updated_at)
            VALUES (@PersonId, 14, @MaximumDays, @StartedOn, CASE WHEN @PausedOn IS NULL THEN NULL ELSE 'Away' END, @PausedOn, '2025-01-01')
            """,
            seed.Cadences.Select(c => new { c.PersonId, c.MaximumDays, StartedOn = D(c.StartedOn), PausedOn = c.PausedOn is { } p ? D(p) : null }), transaction);
        await connection.ExecuteAsync(
            "INSERT INTO contacts (person_id, kind, contacted_at, created_at) VALUES (@PersonId, 'call', @At, @At)",
            seed.Contacts.Select(c => new { c.PersonId, At = T(c.At) }), transaction);
        await transaction.CommitAsync();
    }

    /// <summary>Every number the reports should show, keyed by figure title, row and column, counted from the seed.</summary>
    private static Dictionary<(string Figure, string Row, string Column), (decimal Value, long Basis)> Expected(Seed seed)
    {
        var expected = new Dictionary<(string, string, string), (decimal, long)>();
        var inScope = seed.People.Where(p => p.AreaId is { } a && ChosenAreas.Contains(a)).Select(p => p.Id).ToHashSet();
        var circlesInScope = seed.Circles.Where(c => c.AreaId is { } a && ChosenAreas.Contains(a)).Select(c => c.Id).ToHashSet();
        void Count(string figure, string row, string column, long value) => expected[(figure, row, column)] = (value, value);

        void Table(string figure, IReadOnlyList<string> rows, IReadOnlyList<string> columns, Func<string, string, long> value, bool rowTotals = true)
        {
            foreach (var row in rows)
            {
                foreach (var column in columns)
                {
                    Count(figure, row, column, value(row, column));
                }

                if (rowTotals && columns.Count > 1)
                {
                    Count(figure, row, "Total", columns.Sum(c => value(row, c)));
                }
            }

            foreach (var column in columns)
            {
                Count(figure, "Total", column, rows.Sum(r => value(r, column)));
            }

            if (rowTotals && columns.Count > 1)
            {
                Count(figure, "Total", "Total", rows.Sum(r => columns.Sum(c => value(r, c))));
            }
        }

        var months = Months().Select(MonthLabel).ToList();

        // Circles: open at some time in the period (not closed before it began, or changed during it), by status on its last day.
        var endUtc = LondonMidnight(To.AddDays(1));
        var startUtc = LondonMidnight(From);
        string? StatusBefore(long circle, DateTimeOffset instant) =>
            seed.Changes.Where(c => c.CircleId == circle && c.At < instant).OrderBy(c => c.At).LastOrDefault()?.Status;
        var circleStatuses = circlesInScope
            .Select(id => (AtEnd: StatusBefore(id, endUtc), AtStart: StatusBefore(id, startUtc), Changed: seed.Changes.Any(c => c.CircleId == id && c.At >= startUtc && c.At < endUtc)))
            .Where(s => s.AtEnd is not null && (s.AtStart != "closed" || s.Changed))
            .Select(s => s.AtEnd!).ToList();
        Table("Circles by status", CircleLabels, ["Circles"], (row, _) => circleStatuses.Count(s => CircleLabels[Array.IndexOf(CircleStatuses, s)] == row));

        var introductions = seed.Introductions.Where(i => inScope.Contains(i.PersonId) && InPeriod(i.On)).ToList();
        Table("Introductions by month and level", months, ["Level 1", "Level 2"],
            (row, column) => introductions.Count(i => MonthLabel(i.On) == row && $"Level {i.Level}" == column));
        var areaNames = new Dictionary<long, string> { [1] = "Eastfield", [2] = "Westfield" };
        var areaRows = introductions.Select(i => areaNames[seed.People.Single(p => p.Id == i.PersonId).AreaId!.Value]).Distinct().Order().ToList();
        Table("Introductions by area and level", areaRows, ["Level 1", "Level 2"],
            (row, column) => introductions.Count(i => areaNames[seed.People.Single(p => p.Id == i.PersonId).AreaId!.Value] == row && $"Level {i.Level}" == column));

        Table("Circle meetings held", months, ["Meetings held"], (row, _) =>
            seed.Meetings.Count(m => circlesInScope.Contains(m.CircleId) && m.Status == "held" && InPeriod(m.StartsAt) && MonthLabel(LondonDate(m.StartsAt)) == row));
        Table("Actions completed", months, ["Actions completed"], (row, _) =>
            seed.Actions.Count(a => circlesInScope.Contains(a.CircleId) && a.Status == "done" && InPeriod(a.CompletedOn!.Value) && MonthLabel(a.CompletedOn.Value) == row));

        var connections = seed.ConnectionEvents.Where(e => inScope.Contains(e.PersonId)).GroupBy(e => e.ConnectionId)
            .Where(g => InPeriod(g.Min(e => e.On)))
            .Select(g => g.Where(e => e.On <= To).OrderBy(e => e.On).Last().Status).ToList();
        Table("Connections to community assets", ConnectionLabels, ["Connections"],
            (row, _) => connections.Count(s => ConnectionLabels[Array.IndexOf(ConnectionStatuses, s)] == row));

        Table("Contributions recorded", months, ["Contributions"], (row, _) =>
            seed.Contributions.Count(c => inScope.Contains(c.PersonId) && InPeriod(c.On) && MonthLabel(c.On) == row));

        var hours = seed.Hours.Where(h => h.Status == "approved" && circlesInScope.Contains(h.CircleId) && InPeriod(h.On)).ToList();
        foreach (var month in months)
        {
            var inMonth = hours.Where(h => MonthLabel(h.On) == month).ToList();
            expected[("Volunteer hours", month, "Hours")] = (inMonth.Sum(h => h.Minutes) / 60m, inMonth.Select(h => h.VolunteerId).Distinct().Count());
        }

        expected[("Volunteer hours", "Total", "Hours")] = (hours.Sum(h => h.Minutes) / 60m, hours.Select(h => h.VolunteerId).Distinct().Count());

        Table("Check-ins done", months, ["Check-ins"], (row, _) =>
            seed.CheckIns.Count(c => inScope.Contains(c.PersonId) && InPeriod(c.TakenAt) && MonthLabel(LondonDate(c.TakenAt)) == row));

        // Overdue on the last day: any contact before the end resets the clock (a call, a check-in, an action of theirs done).
        var overdue = seed.Cadences.Where(c => inScope.Contains(c.PersonId) && c.StartedOn <= To && !(c.PausedOn is { } p && p <= To)).Count(c =>
        {
            var contacts = seed.Contacts.Where(x => x.PersonId == c.PersonId && x.At < endUtc).Select(x => LondonDate(x.At))
                .Concat(seed.CheckIns.Where(x => x.PersonId == c.PersonId && x.TakenAt < endUtc).Select(x => LondonDate(x.TakenAt)))
                .Concat(seed.Actions.Where(a => a.Status == "done" && a.CompletedOn <= To && seed.Circles.Single(x => x.Id == a.CircleId).PersonId == c.PersonId)
                    .Select(a => a.CompletedOn!.Value))
                .ToList();
            var clockStart = contacts.Count > 0 && contacts.Max() > c.StartedOn ? contacts.Max() : c.StartedOn;
            return To.DayNumber - clockStart.DayNumber >= c.MaximumDays;
        });
        Count("Check-ins overdue", "Overdue at the end of the period", "People", overdue);

        var lonely = seed.CheckIns.Where(c => inScope.Contains(c.PersonId) && c.Ons is not null && c.TakenAt < endUtc).GroupBy(c => c.PersonId)
            .Where(g => g.Count() >= 2 && g.Max(c => c.TakenAt) >= startUtc)
            .Select(g => (First: Array.IndexOf(OnsAnswers, g.OrderBy(c => c.TakenAt).First().Ons), Latest: Array.IndexOf(OnsAnswers, g.OrderBy(c => c.TakenAt).Last().Ons)))
            .ToList();
        Table("Loneliness: first and latest check-in", ["Less often lonely", "No change", "More often lonely"], ["People"], (row, _) => row switch
        {
            "Less often lonely" => lonely.Count(l => l.Latest > l.First),
            "No change" => lonely.Count(l => l.Latest == l.First),
            _ => lonely.Count(l => l.Latest < l.First),
        });
        Table("Loneliness answers at first and latest check-in", OnsWording, ["At first", "At latest"],
            (row, column) => lonely.Count(l => OnsWording[column == "At first" ? l.First : l.Latest] == row), rowTotals: false);
        return expected;
    }

    private static async Task<List<(string Figure, string Row, string Column, string Value, string Note)>> Csv(WebSession session, string url)
    {
        using var response = await session.Client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        using var reader = new StringReader(await response.Content.ReadAsStringAsync());
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<(string, string, string, string, string)>();
        await csv.ReadAsync();
        csv.ReadHeader();
        Assert.That(csv.HeaderRecord, Is.EqualTo(new[] { "figure", "row", "column", "value", "note" }));
        while (await csv.ReadAsync())
        {
            rows.Add((csv.GetField(0)!, csv.GetField(1)!, csv.GetField(2)!, csv.GetField(3)!, csv.GetField(4)!));
        }

        return rows;
    }

    [GeneratedRegex("<table class=\"govuk-table\" id=\"figure-[^\"]+\">\\s*<caption[^>]*>([^<]+)</caption>.*?</thead>(.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex TablePattern();

    [GeneratedRegex("<th scope=\"row\"[^>]*>([^<]*)</th>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("<td[^>]*>([^<]*)</td>")]
    private static partial Regex CellPattern();

    [GeneratedRegex("<th scope=\"col\"[^>]*>([^<]*)</th>")]
    private static partial Regex ColumnPattern();

    /// <summary>The page's tables read back as (figure, row, column) → text.</summary>
    private static Dictionary<(string, string, string), string> Tables(string html)
    {
        var cells = new Dictionary<(string, string, string), string>();
        foreach (Match table in TablePattern().Matches(html))
        {
            var title = WebUtility.HtmlDecode(table.Groups[1].Value);
            var head = html[table.Index..(table.Index + table.Length)];
            var columns = ColumnPattern().Matches(head).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Skip(1).ToList();
            foreach (Match row in RowPattern().Matches(table.Groups[2].Value))
            {
                var values = CellPattern().Matches(row.Groups[2].Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
                for (var c = 0; c < values.Count; c++)
                {
                    cells[(title, WebUtility.HtmlDecode(row.Groups[1].Value), columns[c])] = values[c];
                }
            }
        }

        return cells;
    }

    private static string Shown(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    [Test]
    public async Task Every_dashboard_figure_equals_a_count_made_from_the_seed()
    {
        var seed = Make();
        using var admin = await SignedIn("admin@example.org", "Administrator");
        await Store(seed);
        var expected = Expected(seed);

        var csv = await Csv(admin, "/reports/outcomes.csv?" + Filter);
        Assert.That(csv.Select(r => (r.Figure, r.Row, r.Column)), Is.EquivalentTo(expected.Keys), "the same rows and columns");
        foreach (var row in csv)
        {
            Assert.That(decimal.Parse(row.Value, CultureInfo.InvariantCulture), Is.EqualTo(expected[(row.Figure, row.Row, row.Column)].Value), $"{row.Figure} / {row.Row} / {row.Column}");
            Assert.That(row.Note, Is.Empty);
        }

        var page = await admin.Get("/reports?" + Filter);
        var tables = Tables(page);
        Assert.That(tables.Keys, Is.EquivalentTo(expected.Keys), "every number is in a table on the page");
        foreach (var (key, value) in expected)
        {
            Assert.That(tables[key], Is.EqualTo(Shown(value.Value)), $"{key}");
        }

        // Each chart is an image with a name, and draws a bar for every number it shows.
        Assert.That(page, Does.Contain("<svg class=\"circles-chart\"").And.Contain("role=\"img\"").And.Contain("<title id=\"chart-circles-title\">Circles by status</title>"));

        // Guards against a seed that tests nothing: every figure has numbers in it.
        foreach (var figure in expected.Keys.Select(k => k.Figure).Distinct())
        {
            Assert.That(expected.Where(e => e.Key.Figure == figure).Sum(e => e.Value.Value), Is.GreaterThan(0), figure);
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'report.viewed' AND entity_id = 'dashboard'"), Is.EqualTo(2));
    }

    [Test]
    public async Task The_commissioner_report_hides_every_small_number_and_every_number_it_could_be_worked_out_from()
    {
        var seed = Make();
        using var admin = await SignedIn("admin@example.org", "Administrator");
        await Store(seed);
        var expected = Expected(seed);

        var csv = await Csv(admin, "/reports/commissioner.csv?" + Filter);
        const string Bands = "Loneliness answers at first and latest check-in";
        Assert.That(csv.Select(r => (r.Figure, r.Row, r.Column)), Is.EquivalentTo(expected.Keys.Where(k => k.Figure != Bands)),
            "every figure but the answers at first and latest, which beside the change table would give hidden cells away");
        var suppressed = csv.Where(r => r.Note != "").Select(r => (r.Figure, r.Row, r.Column)).ToHashSet();
        foreach (var row in csv)
        {
            var (value, basis) = expected[(row.Figure, row.Row, row.Column)];
            var key = $"{row.Figure} / {row.Row} / {row.Column}";
            if (basis is > 0 and < 5)
            {
                Assert.That(row.Note, Is.EqualTo(row.Figure == "Volunteer hours" ? "fewer than 5 volunteers" : "fewer than 5"), key);
                Assert.That(row.Value, Is.Empty, key);
            }
            else if (row.Note == "")
            {
                Assert.That(decimal.Parse(row.Value, CultureInfo.InvariantCulture), Is.EqualTo(value), key);
            }
            else
            {
                Assert.That(row.Note, Is.EqualTo("hidden so that a smaller number cannot be worked out"), key);
                Assert.That(row.Value, Is.Empty, key);
                Assert.That(value, Is.Not.Zero, key + ": hiding a zero protects nothing");
            }
        }

        // An attacker with only the published report: every row and column adds up to its total, and the two
        // introduction tables are breakdowns of the same introductions. For each hidden count, list the values it could
        // still take, by trying them all (a small number is 1 to 4; any other hidden number is 5 or more, up to the
        // largest number in the report). A small number must keep at least three of 1 to 4, and no other hidden number be pinned down.
        var published = csv.ToDictionary(r => (r.Figure, r.Row, r.Column), r => (Value: r.Value == "" ? (int?)null : (int)decimal.Parse(r.Value, CultureInfo.InvariantCulture), r.Note));
        var ceiling = (int)expected.Values.Max(v => v.Value); // a bound no hidden number exceeds: a looser one only helps the reader less
        var equations = new List<List<((string, string, string) Cell, int Sign)>>();
        foreach (var figure in published.Keys.Where(k => k.Figure != "Volunteer hours").GroupBy(k => k.Item1))
        {
            var rows = figure.Select(k => k.Item2).Distinct().Where(r => r != "Total").ToList();
            var columns = figure.Select(k => k.Item3).Distinct().ToList();
            if (figure.Key == "Check-ins overdue")
            {
                continue;
            }

            foreach (var column in columns)
            {
                equations.Add([.. rows.Select(r => ((figure.Key, r, column), 1)), ((figure.Key, "Total", column), -1)]);
            }

            if (columns.Contains("Total"))
            {
                foreach (var row in rows.Append("Total"))
                {
                    equations.Add([.. columns.Where(c => c != "Total").Select(c => ((figure.Key, row, c), 1)), ((figure.Key, row, "Total"), -1)]);
                }
            }
        }

        foreach (var level in new[] { "Level 1", "Level 2" })
        {
            equations.Add([
                .. published.Keys.Where(k => k.Item1 == "Introductions by month and level" && k.Item2 != "Total" && k.Item3 == level).Select(k => (k, 1)),
                .. published.Keys.Where(k => k.Item1 == "Introductions by area and level" && k.Item2 != "Total" && k.Item3 == level).Select(k => (k, -1)),
            ]);
        }

        IEnumerable<int> Domain((string, string, string) cell) =>
            published[cell].Note == "fewer than 5" ? Enumerable.Range(1, 4) : Enumerable.Range(5, Math.Max(0, ceiling - 4));
        var checkedCells = 0;
        foreach (var equation in equations)
        {
            var known = equation.Where(t => published[t.Cell].Value is not null).Sum(t => t.Sign * published[t.Cell].Value!.Value);
            var unknown = equation.Where(t => published[t.Cell].Value is null).ToList();
            foreach (var (cell, sign) in unknown)
            {
                // Every total the other hidden numbers can reach together.
                var reachable = new HashSet<int> { 0 };
                foreach (var (other, otherSign) in unknown.Where(u => u.Cell != cell))
                {
                    reachable = reachable.SelectMany(r => Domain(other).Select(v => r + (otherSign * v))).Where(r => Math.Abs(r) <= ceiling * 4).ToHashSet();
                }

                var possible = Domain(cell).Where(v => reachable.Contains(-(known + (sign * v)))).ToList();
                // A small number must keep most of 1 to 4 (a row of small numbers alone cannot reach 4 each: "fewer than 5"
                // already says they are at least 1); any other hidden number must not be pinned down.
                var enough = published[cell].Note == "fewer than 5" ? 3 : 2;
                Assert.That(possible, Has.Count.GreaterThanOrEqualTo(enough), $"{cell} can only be {string.Join(" or ", possible)} from {string.Join(" + ", equation.Select(t => $"{t.Sign}×{t.Cell.Item2}/{t.Cell.Item3}"))}");
                checkedCells++;
            }
        }

        Assert.That(checkedCells, Is.GreaterThan(10));

        // Hours run on a continuum: hidden hours are never the only unknown in their column.
        var hours = published.Where(p => p.Key.Item1 == "Volunteer hours").ToList();
        Assert.That(hours.Count(h => h.Value.Value is null), Is.Not.EqualTo(1));

        // The seed has to exercise both rules for this test to mean anything.
        Assert.That(csv.Count(r => r.Note == "fewer than 5"), Is.GreaterThan(5));
        Assert.That(csv.Count(r => r.Note.StartsWith("hidden", StringComparison.Ordinal)), Is.GreaterThan(2));

        // With no areas chosen the report names every area and leaves out records with none, so "all areas" less
        // "each area" reveals nothing.
        var all = await Csv(admin, "/reports/commissioner.csv?" + Filter.Replace("&Areas=1&Areas=2", "", StringComparison.Ordinal));
        Assert.That(all.Where(r => r.Figure == "Introductions by area and level").Select(r => r.Row).Distinct(), Is.EquivalentTo(new[] { "Eastfield", "Northfield", "Westfield", "Total" }));

        var page = await admin.Get("/reports/commissioner?" + Filter);
        var tables = Tables(page);
        foreach (var row in csv)
        {
            Assert.That(tables[(row.Figure, row.Row, row.Column)], Is.EqualTo(row.Note == "" ? Shown(decimal.Parse(row.Value, CultureInfo.InvariantCulture)) : row.Note.StartsWith("fewer", StringComparison.Ordinal) ? row.Note : "hidden"));
        }

        Assert.That(seed.People.Any(p => page.Contains(p.Name, StringComparison.Ordinal)), Is.False, "no names");
        Assert.That(page, Does.Contain("Eastfield, Westfield").And.Contain("1 April 2025 to 31 March 2026").And.Not.Contain("<svg class=\"circles-chart\""));
    }

    [Test]
    public async Task A_small_cell_alone_in_its_row_takes_the_next_smallest_with_it()
    {
        // One circle enquiring, 6 forming and 20 active: "1" is fewer than 5 and the total would give it away. Hiding
        // forming too is not enough (a reader knows a hidden number is 5 or more), so active goes as well; a zero never does.
        using var admin = await SignedIn("admin@example.org", "Administrator");
        await Db.Execute("INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2020-01-01')");
        await Db.Execute("INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (1, 'Focus', 1, '2024-01-01', '2024-01-01')");
        for (var i = 1; i <= 27; i++)
        {
            var status = i == 1 ? "enquiry" : i <= 21 ? "active" : "forming";
            await Db.Execute(
                """
                INSERT INTO circles (id, focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES (@Id, 1, 'p', 1, @Status, '2025-05-01', '2025-05-01');
                INSERT INTO circle_status_changes (circle_id, to_status, changed_at) VALUES (@Id, @Status, '2025-05-01T10:00:00.0000000Z');
                """, new { Id = i, Status = status });
        }

        var csv = (await Csv(admin, "/reports/commissioner.csv?" + Filter.Replace("&Areas=2", "", StringComparison.Ordinal))).Where(r => r.Figure == "Circles by status").ToList();
        string Note(string row) => csv.Single(r => r.Row == row).Note;
        Assert.That(Note("Enquiry"), Is.EqualTo("fewer than 5"));
        Assert.That(Note("Forming"), Is.EqualTo("hidden so that a smaller number cannot be worked out"), "6 forming is the smallest other number");
        Assert.That(Note("Active"), Is.EqualTo("hidden so that a smaller number cannot be worked out"),
            "with only forming hidden, enquiry + forming = 7 and forming is at least 5, so enquiry would be 1 or 2");
        Assert.That(Note("Total"), Is.Empty);
        Assert.That(csv.Single(r => r.Row == "Total").Value, Is.EqualTo("27"));
        Assert.That(csv.Single(r => r.Row == "Closed").Value, Is.EqualTo("0"));
    }

    [Test]
    public async Task Reports_are_for_coordinators_of_their_own_areas_and_bad_filters_are_explained()
    {
        await CompleteSetup();
        await Db.Execute("INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2020-01-01'), (2, 'Westfield', '2020-01-01')");
        using (var connector = await SignedIn("connector@example.org", "Connector"))
        {
            await connector.Get("/reports", HttpStatusCode.NotFound);
            await connector.Get("/reports/commissioner.csv", HttpStatusCode.NotFound);
        }

        var coordinator = await TestUsers.Create(Site, "coordinator@example.org", "Coordinator");
        await Db.Execute("INSERT INTO user_areas (user_id, area_id) VALUES (@Id, 1)", new { coordinator.Id });
        using var session = NewSession();
        await session.SignIn("coordinator@example.org");

        await Db.Execute(
            """
            INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (1, 'East', 1, '2024-01-01', '2024-01-01'), (2, 'West', 2, '2024-01-01', '2024-01-01');
            INSERT INTO circles (id, focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES
              (1, 1, 'p', 1, 'active', '2025-05-01', '2025-05-01'), (2, 2, 'p', 2, 'active', '2025-05-01', '2025-05-01'), (3, 2, 'p', 2, 'active', '2025-05-01', '2025-05-01');
            INSERT INTO circle_status_changes (circle_id, to_status, changed_at) VALUES
              (1, 'active', '2025-05-01T10:00:00.0000000Z'), (2, 'active', '2025-05-01T10:00:00.0000000Z'), (3, 'active', '2025-05-01T10:00:00.0000000Z');
            """);
        var page = await session.Get("/reports");
        Assert.That(page, Does.Contain("Eastfield").And.Not.Contain("Westfield"), "their own areas, by default, over the last twelve months");
        var circles = (await Csv(session, "/reports/outcomes.csv?FromDay=1&FromMonth=4&FromYear=2025&ToDay=31&ToMonth=3&ToYear=2026")).Single(r => r.Figure == "Circles by status" && r.Row == "Total");
        Assert.That(circles.Value, Is.EqualTo("1"), "Westfield's two circles are not counted");

        foreach (var (query, message) in new[]
        {
            ("FromDay=1&FromMonth=4&FromYear=2025&ToDay=31&ToMonth=3&ToYear=2026&Areas=2", "Choose areas from the list"),
            ("FromDay=1&FromMonth=4&FromYear=2025&ToDay=31&ToMonth=3&ToYear=2026&Areas=abc", "Choose areas from the list"),
            ("FromDay=1&FromMonth=4&FromYear=2025&ToDay=31&ToMonth=3&ToYear=2026&Areas=1%27%20OR%201%3D1", "Choose areas from the list"),
            ("FromDay=31&FromMonth=2&FromYear=2025&ToDay=31&ToMonth=3&ToYear=2026", "The start of the period must be a real date"),
            ("FromDay=1&FromMonth=4&FromYear=2026&ToDay=31&ToMonth=3&ToYear=2025", "The end of the period must be the same as or after the start"),
            ("FromDay=1&FromMonth=4&FromYear=2015&ToDay=31&ToMonth=3&ToYear=2026", "Choose a period of 5 years or less"),
            ("FromDay=1&FromMonth=4&FromYear=2025&ToDay=1&ToMonth=1&ToYear=2999", "The end of the period must be today or in the past"),
            ("FromDay=1&FromMonth=4&FromYear=2025", "Enter the end of the period"),
            ("FromDay=%3Cscript%3E&FromMonth=4&FromYear=2025&ToDay=31&ToMonth=3&ToYear=2026", "The start of the period must be a real date"),
        })
        {
            var body = await session.Get("/reports/commissioner?" + query);
            Assert.That(body, Does.Contain("govuk-error-summary").And.Contain(WebUtility.HtmlEncode(message)), query);
            Assert.That(body, Does.Not.Contain("<script>"), query);
            Assert.That(body, Does.Not.Contain("id=\"figure-circles\""), query);
        }

        using var csv = await session.Client.GetAsync("/reports/commissioner.csv?FromDay=1&FromMonth=4&FromYear=2025&ToDay=31&ToMonth=3&ToYear=2026&Areas=2");
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "a CSV that cannot be made goes back with the problem");
    }
}
