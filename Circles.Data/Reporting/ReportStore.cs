using System.Globalization;
using Circles.Core.CheckIns;
using Circles.Core.Common;
using Circles.Core.Reporting;
using Circles.Data.CheckIns;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Reporting;

/// <summary>
/// Counts for the dashboard and the commissioner report. Erased people's rows stay, anonymised, so they still count.
/// Instants are grouped by UTC hour in SQL and each hour is put in its London month here: London is always a whole
/// number of hours from UTC, so that is exact at every month end and clock change.
/// </summary>
public sealed class ReportStore(IDbConnectionFactory database) : IReportStore
{
    private sealed record HourTally
    {
        public string Hour { get; init; } = "";

        public long Count { get; init; }
    }

    private sealed record CadenceAtEnd
    {
        public DateOnly StartedOn { get; init; }

        public int IdealDays { get; init; }

        public int MaximumDays { get; init; }

        public DateTimeOffset? LastContactAt { get; init; }
    }

    public async Task<OutcomeCounts> Count(ReportScope scope, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            From = scope.From,
            To = scope.To,
            Start = TypeHandlers.Format(scope.StartUtc),
            End = TypeHandlers.Format(scope.EndUtc),
            AreaIds = scope.AreaIds?.ToArray() ?? [],
            Question = OnsDirectQuestion.Question.Key,
        };
        string In(string column) => scope.AreaIds is null ? "" : $" AND {column} IN @AreaIds";
        await using var connection = await database.Open(cancellationToken);

        async Task<List<T>> Query<T>(string sql) =>
            (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();

        async Task<IReadOnlyList<MonthTally>> ByLondonMonth(string sql) =>
            (await Query<HourTally>(sql))
                .GroupBy(h => UkTime.DateOfInstant(DateTimeOffset.ParseExact(h.Hour, "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)).ToString("yyyy-MM", CultureInfo.InvariantCulture))
                .Select(g => new MonthTally { Month = g.Key, Count = g.Sum(h => h.Count) })
                .ToList();

        var circles = await Query<StatusTally>(
            $"""
            SELECT at_end AS status, count(*) AS count FROM (
                SELECT (SELECT x.to_status FROM circle_status_changes x WHERE x.circle_id = c.id AND x.changed_at < @End ORDER BY x.changed_at DESC, x.id DESC LIMIT 1) AS at_end,
                       (SELECT x.to_status FROM circle_status_changes x WHERE x.circle_id = c.id AND x.changed_at < @Start ORDER BY x.changed_at DESC, x.id DESC LIMIT 1) AS at_start,
                       EXISTS (SELECT 1 FROM circle_status_changes x WHERE x.circle_id = c.id AND x.changed_at >= @Start AND x.changed_at < @End) AS changed_in_period
                FROM circles c WHERE 1 = 1{In("c.area_id")})
            WHERE at_end IS NOT NULL AND (at_start IS NULL OR at_start <> 'closed' OR changed_in_period)
            GROUP BY at_end
            """);

        var introductions = await Query<IntroductionTally>(
            $"""
            SELECT substr(i.introduced_on, 1, 7) AS month, i.level, p.area_id, count(*) AS count
            FROM introductions i JOIN people p ON p.id = i.person_id
            WHERE i.introduced_on BETWEEN @From AND @To{In("p.area_id")}
            GROUP BY 1, 2, 3
            """);

        var meetings = await ByLondonMonth(
            $"""
            SELECT substr(m.starts_at, 1, 13) AS hour, count(*) AS count
            FROM meetings m JOIN circles c ON c.id = m.circle_id
            WHERE m.status = 'held' AND m.starts_at >= @Start AND m.starts_at < @End{In("c.area_id")}
            GROUP BY 1
            """);

        var actions = await Query<MonthTally>(
            $"""
            SELECT substr(a.completed_on, 1, 7) AS month, count(*) AS count
            FROM actions a JOIN circles c ON c.id = a.circle_id
            WHERE a.status = 'done' AND a.completed_on BETWEEN @From AND @To{In("c.area_id")}
            GROUP BY 1
            """);

        var connections = await Query<StatusTally>(
            $"""
            SELECT status, count(*) AS count FROM (
                SELECT (SELECT e.status FROM asset_connection_events e WHERE e.connection_id = ac.id AND e.happened_on <= @To
                        ORDER BY e.happened_on DESC, e.id DESC LIMIT 1) AS status
                FROM asset_connections ac JOIN people p ON p.id = ac.person_id
                WHERE (SELECT min(e.happened_on) FROM asset_connection_events e WHERE e.connection_id = ac.id) BETWEEN @From AND @To{In("p.area_id")})
            GROUP BY status
            """);

        var contributions = await Query<MonthTally>(
            $"""
            SELECT substr(x.given_on, 1, 7) AS month, count(*) AS count
            FROM contributions x JOIN people p ON p.id = x.person_id
            WHERE x.given_on BETWEEN @From AND @To{In("p.area_id")}
            GROUP BY 1
            """);

        var minutes = await Query<VolunteerMonthMinutes>(
            $"""
            SELECT substr(h.worked_on, 1, 7) AS month, h.volunteer_id, sum(h.minutes) AS minutes
            FROM volunteer_hours h JOIN circles c ON c.id = h.circle_id
            WHERE h.status = 'approved' AND h.worked_on BETWEEN @From AND @To{In("c.area_id")}
            GROUP BY 1, 2
            """);

        var checkIns = await ByLondonMonth(
            $"""
            SELECT substr(ci.taken_at, 1, 13) AS hour, count(*) AS count
            FROM check_ins ci JOIN people p ON p.id = ci.person_id
            WHERE ci.taken_at >= @Start AND ci.taken_at < @End{In("p.area_id")}
            GROUP BY 1
            """);

        // Pauses keep no history: someone paused after the period counts as they were then, on their cadence. Erasure
        // pauses a cadence from that day, so an erased person still counts for the days before.
        var cadences = await Query<CadenceAtEnd>(
            $"""
            SELECT c.started_on, c.ideal_days, c.maximum_days, {CheckInStore.LastContactBefore("End")} AS last_contact_at
            FROM check_in_cadences c JOIN people p ON p.id = c.person_id
            WHERE c.started_on <= @To AND (c.paused_reason IS NULL OR c.paused_on > @To){In("p.area_id")}
            """);
        var overdue = cadences.LongCount(c =>
            CheckInCadence.StateOn(scope.To, c.StartedOn, c.LastContactAt is { } at ? UkTime.DateOfInstant(at) : null, new Cadence(c.IdealDays, c.MaximumDays), paused: false)
                == ContactState.Overdue);

        var loneliness = await Query<FirstAndLatest>(
            $"""
            WITH ons AS (
                SELECT ci.person_id, a.answer, ci.taken_at,
                       row_number() OVER (PARTITION BY ci.person_id ORDER BY ci.taken_at, ci.id) AS from_first,
                       row_number() OVER (PARTITION BY ci.person_id ORDER BY ci.taken_at DESC, ci.id DESC) AS from_latest,
                       count(*) OVER (PARTITION BY ci.person_id) AS answers
                FROM check_ins ci
                JOIN check_in_answers a ON a.check_in_id = ci.id AND a.question = @Question
                JOIN people p ON p.id = ci.person_id
                WHERE ci.taken_at < @End{In("p.area_id")})
            SELECT person_id, max(CASE WHEN from_first = 1 THEN answer END) AS first, max(CASE WHEN from_latest = 1 THEN answer END) AS latest
            FROM ons WHERE answers >= 2
            GROUP BY person_id
            HAVING max(CASE WHEN from_latest = 1 THEN taken_at END) >= @Start
            """);

        return new OutcomeCounts
        {
            CirclesByStatus = circles,
            Introductions = introductions,
            MeetingsHeld = meetings,
            ActionsCompleted = actions,
            Connections = connections,
            Contributions = contributions,
            VolunteerMinutes = minutes,
            CheckInsDone = checkIns,
            OverdueAtEnd = overdue,
            Loneliness = loneliness,
        };
    }
}
