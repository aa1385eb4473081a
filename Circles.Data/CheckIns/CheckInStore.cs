using Circles.Core.CheckIns;
using Circles.Core.Common;
using Circles.Data.Sqlite;
using Dapper;
using static Circles.Data.Sqlite.PagedQuery;

namespace Circles.Data.CheckIns;

public sealed class CheckInStore(IDbConnectionFactory database) : ICheckInStore
{
    // Any contact resets the clock: a logged contact, a held meeting of any circle they were at, a check-in or a reply,
    // or an action of theirs marked done. Shared with the prompt planner, so the list and the prompts always agree.
    internal static readonly string LastContactAt = LastContactBefore(null);

    /// <summary>The latest contact before the instant in the named parameter (or ever, when null), for reports on a past day.</summary>
    internal static string LastContactBefore(string? parameter)
    {
        string Before(string column) => parameter is null ? "" : $" AND {column} < @{parameter}";
        return $"""
            (SELECT max(at) FROM (
                SELECT max(x.contacted_at) AS at FROM contacts x WHERE x.person_id = p.id{Before("x.contacted_at")}
                UNION ALL
                -- CROSS JOIN keeps this order: from their memberships, never from every held meeting.
                SELECT max(m.starts_at) FROM circle_members cm
                CROSS JOIN meeting_attendance ma ON ma.member_id = cm.id
                CROSS JOIN meetings m ON m.id = ma.meeting_id
                WHERE cm.person_id = p.id AND m.status = 'held'{Before("m.starts_at")}
                UNION ALL
                SELECT max(ci.taken_at) FROM check_ins ci WHERE ci.person_id = p.id{Before("ci.taken_at")}
                UNION ALL
                -- An action they finished in their circle: a date, so midday, which is the same day in London all year.
                SELECT max(a.completed_on) || 'T12:00:00.0000000Z' FROM actions a JOIN circle_members am ON am.id = a.owner_member_id
                WHERE am.person_id = p.id AND a.status = 'done' AND a.completed_on IS NOT NULL{Before("(a.completed_on || 'T12:00:00.0000000Z')")}))
            """;
    }

    public async Task<CadenceDetails?> FindCadence(long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var cadence = await connection.QuerySingleOrDefaultAsync<CadenceDetails>(new CommandDefinition(
            $"""
            SELECT c.person_id, c.ideal_days, c.maximum_days, c.started_on, c.checker_user_id, u.display_name AS checker_name, c.paused_reason, c.paused_on, c.ask_by_message_since,
                   {LastContactAt} AS last_contact_at
            FROM check_in_cadences c JOIN people p ON p.id = c.person_id LEFT JOIN users u ON u.id = c.checker_user_id
            WHERE c.person_id = @PersonId
            """,
            new { PersonId = personId },
            cancellationToken: cancellationToken));
        return cadence;
    }

    public async Task<Page<DriftingPerson>> ListDrifting(Viewer viewer, DriftingFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        parameters.Add("AreaIds", viewer.AreaIds.ToArray());
        parameters.Add("AreaId", filter.AreaId);
        parameters.Add("CheckerUserId", filter.CheckerUserId);
        var where = "c.paused_reason IS NULL"
            + (viewer.SeesAllAreas ? "" : " AND p.area_id IN @AreaIds")
            + (filter.AreaId is null ? "" : " AND p.area_id = @AreaId")
            + (filter.CheckerUserId is null ? "" : " AND c.checker_user_id = @CheckerUserId");
        await using var connection = await database.Open(cancellationToken);
        // The clock runs from the later of the cadence's start and the last contact (ordered on its UTC date here;
        // the page works out the London date and state exactly). Every match is sorted anyway, so it is counted in the
        // same pass.
        return await PageWithTotal<DriftingPerson>(
            connection,
            $"""
            SELECT d.*, count(*) OVER () AS total_rows FROM (
                SELECT p.id AS person_id, p.full_name, a.name AS area_name, u.display_name AS checker_name,
                       c.ideal_days, c.maximum_days, c.started_on, {LastContactAt} AS last_contact_at
                FROM check_in_cadences c
                JOIN people p ON p.id = c.person_id
                LEFT JOIN areas a ON a.id = p.area_id
                LEFT JOIN users u ON u.id = c.checker_user_id
                WHERE {where}
            ) d
            ORDER BY max(d.started_on, coalesce(substr(d.last_contact_at, 1, 10), d.started_on)), d.person_id
            {PageLimit}
            """,
            $"SELECT count(*) FROM check_in_cadences c JOIN people p ON p.id = c.person_id WHERE {where}",
            parameters,
            paging,
            cancellationToken);
    }

    public async Task<IReadOnlyList<Checker>> Checkers(Viewer viewer, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<Checker>(new CommandDefinition(
            $"""
            SELECT DISTINCT u.id AS user_id, u.display_name AS name
            FROM check_in_cadences c JOIN people p ON p.id = c.person_id JOIN users u ON u.id = c.checker_user_id
            WHERE {(viewer.SeesAllAreas ? "1 = 1" : "p.area_id IN @AreaIds")}
            ORDER BY u.display_name COLLATE NOCASE
            """,
            new { AreaIds = viewer.AreaIds.ToArray() },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task SetCadence(long personId, Cadence cadence, long? checkerUserId, string? pausedReason, bool askByMessage, DateOnly today, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO check_in_cadences (person_id, ideal_days, maximum_days, started_on, checker_user_id, paused_reason, paused_on, ask_by_message_since, updated_at)
            VALUES (@PersonId, @Ideal, @Maximum, @Today, @Checker, @Reason, CASE WHEN @Reason IS NULL THEN NULL ELSE @Today END, CASE WHEN @Ask THEN @Today END, @At)
            ON CONFLICT (person_id) DO UPDATE SET
                ideal_days = excluded.ideal_days, maximum_days = excluded.maximum_days, checker_user_id = excluded.checker_user_id,
                paused_on = CASE WHEN excluded.paused_reason IS NULL THEN NULL WHEN check_in_cadences.paused_reason IS NULL THEN @Today ELSE check_in_cadences.paused_on END,
                -- Un-pausing starts the clock again from today: the pause was not a gap in contact.
                started_on = CASE WHEN check_in_cadences.paused_reason IS NOT NULL AND excluded.paused_reason IS NULL THEN @Today ELSE check_in_cadences.started_on END,
                ask_by_message_since = CASE WHEN NOT @Ask THEN NULL ELSE coalesce(check_in_cadences.ask_by_message_since, @Today) END,
                paused_reason = excluded.paused_reason, updated_at = excluded.updated_at
            """,
            new { PersonId = personId, Ideal = cadence.IdealDays, Maximum = cadence.MaximumDays, Today = today, Checker = checkerUserId, Reason = pausedReason, Ask = askByMessage, At = at },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> CanSeeAnswers(Viewer viewer, long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"""
            SELECT EXISTS (
                SELECT 1 FROM people p
                WHERE p.id = @PersonId AND ({AnswerReach(viewer)}))
            """,
            AnswerReachParameters(viewer, personId),
            cancellationToken: cancellationToken));
    }

    /// <summary>Who may see a person's answers (see <see cref="AnswerAccess"/>), as SQL about the person <c>p</c>.</summary>
    internal static string AnswerReach(Viewer viewer) =>
        viewer.IsAdministrator ? "1 = 1"
        : """
          p.area_id IN @AreaIds AND (
              @Coordinator
              OR EXISTS (SELECT 1 FROM check_in_cadences rc WHERE rc.person_id = p.id AND rc.checker_user_id = @ViewerId)
              OR EXISTS (SELECT 1 FROM introductions ri WHERE ri.person_id = p.id AND ri.holder_user_id = @ViewerId AND ri.status <> 'closed'))
          """;

    internal static DynamicParameters AnswerReachParameters(Viewer viewer, long personId)
    {
        var parameters = new DynamicParameters();
        parameters.Add("PersonId", personId);
        parameters.Add("ViewerId", viewer.UserId);
        parameters.Add("AreaIds", viewer.AreaIds.ToArray());
        parameters.Add("Coordinator", viewer.Roles.Contains(Core.Accounts.Roles.Coordinator));
        return parameters;
    }

    public async Task<long> Record(NewCheckIn checkIn, NewFollowUp? followUp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await CheckInWriter.Insert(connection, transaction, checkIn, now, cancellationToken);
        if (followUp is not null)
        {
            await CheckInWriter.AddFollowUp(connection, transaction, followUp with { CheckInId = id }, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    private sealed record AnswerRow
    {
        public long CheckInId { get; init; }

        public string Question { get; init; } = "";

        public string Answer { get; init; } = "";
    }

    public async Task<IReadOnlyList<CheckInRecord>> History(long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var checkIns = await connection.QueryAsync<CheckInRecord>(new CommandDefinition(
            """
            SELECT ci.id, ci.taken_at, ci.method, u.display_name AS recorded_by_name
            FROM check_ins ci LEFT JOIN users u ON u.id = ci.recorded_by
            WHERE ci.person_id = @PersonId
            ORDER BY ci.taken_at DESC, ci.id DESC
            """,
            new { PersonId = personId },
            cancellationToken: cancellationToken));
        var answers = (await connection.QueryAsync<AnswerRow>(new CommandDefinition(
            """
            SELECT a.check_in_id, a.question, a.answer
            FROM check_in_answers a JOIN check_ins ci ON ci.id = a.check_in_id
            WHERE ci.person_id = @PersonId
            """,
            new { PersonId = personId },
            cancellationToken: cancellationToken))).ToLookup(a => a.CheckInId);
        return checkIns.Select(c => c with { Answers = new CheckInAnswers(answers[c.Id].ToDictionary(a => a.Question, a => a.Answer)) }).ToList();
    }

    public async Task<IReadOnlyList<FirstAndLatest>> FirstAndLatestOnsAnswers(long areaId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<FirstAndLatest>(new CommandDefinition(
            """
            WITH ons AS (
                SELECT ci.person_id, a.answer,
                       row_number() OVER (PARTITION BY ci.person_id ORDER BY ci.taken_at, ci.id) AS from_first,
                       row_number() OVER (PARTITION BY ci.person_id ORDER BY ci.taken_at DESC, ci.id DESC) AS from_latest
                FROM check_ins ci
                JOIN check_in_answers a ON a.check_in_id = ci.id AND a.question = @Question
                JOIN people p ON p.id = ci.person_id
                WHERE p.area_id = @AreaId)
            SELECT person_id, max(CASE WHEN from_first = 1 THEN answer END) AS first, max(CASE WHEN from_latest = 1 THEN answer END) AS latest
            FROM ons GROUP BY person_id
            """,
            new { AreaId = areaId, Question = OnsDirectQuestion.Question.Key },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
