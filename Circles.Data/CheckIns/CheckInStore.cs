using Circles.Core.CheckIns;
using Circles.Core.Common;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.CheckIns;

public sealed class CheckInStore(IDbConnectionFactory database) : ICheckInStore
{
    // Any contact resets the clock: a logged contact, or a held meeting of any circle they were at.
    private const string LastContactAt =
        """
        (SELECT max(at) FROM (
            SELECT max(x.contacted_at) AS at FROM contacts x WHERE x.person_id = p.id
            UNION ALL
            SELECT max(m.starts_at) FROM circle_members cm
            JOIN meeting_attendance ma ON ma.member_id = cm.id
            JOIN meetings m ON m.id = ma.meeting_id
            WHERE cm.person_id = p.id AND m.status = 'held'))
        """;

    public async Task<CadenceDetails?> FindCadence(long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var cadence = await connection.QuerySingleOrDefaultAsync<CadenceDetails>(new CommandDefinition(
            $"""
            SELECT c.person_id, c.ideal_days, c.maximum_days, c.started_on, c.checker_user_id, u.display_name AS checker_name, c.paused_reason, c.paused_on,
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
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM check_in_cadences c JOIN people p ON p.id = c.person_id WHERE {where}", parameters, cancellationToken: cancellationToken));
        paging = paging.Within(total);
        // The clock runs from the later of the cadence's start and the last contact (ordered on its UTC date here;
        // the page works out the London date and state exactly).
        var rows = await connection.QueryAsync<DriftingPerson>(new CommandDefinition(
            $"""
            SELECT * FROM (
                SELECT p.id AS person_id, p.full_name, a.name AS area_name, u.display_name AS checker_name,
                       c.ideal_days, c.maximum_days, c.started_on, {LastContactAt} AS last_contact_at
                FROM check_in_cadences c
                JOIN people p ON p.id = c.person_id
                LEFT JOIN areas a ON a.id = p.area_id
                LEFT JOIN users u ON u.id = c.checker_user_id
                WHERE {where}
            ) d
            ORDER BY max(d.started_on, coalesce(substr(d.last_contact_at, 1, 10), d.started_on)), d.person_id
            LIMIT @PageSize OFFSET @Offset
            """,
            Sqlite.PagedQuery.Paged(parameters, paging),
            cancellationToken: cancellationToken));
        return new Page<DriftingPerson>(rows.ToList(), paging.PageNumber, paging.PageSize, total);
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

    public async Task SetCadence(long personId, Cadence cadence, long? checkerUserId, string? pausedReason, DateOnly today, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO check_in_cadences (person_id, ideal_days, maximum_days, started_on, checker_user_id, paused_reason, paused_on, updated_at)
            VALUES (@PersonId, @Ideal, @Maximum, @Today, @Checker, @Reason, CASE WHEN @Reason IS NULL THEN NULL ELSE @Today END, @At)
            ON CONFLICT (person_id) DO UPDATE SET
                ideal_days = excluded.ideal_days, maximum_days = excluded.maximum_days, checker_user_id = excluded.checker_user_id,
                paused_on = CASE WHEN excluded.paused_reason IS NULL THEN NULL WHEN check_in_cadences.paused_reason IS NULL THEN @Today ELSE check_in_cadences.paused_on END,
                -- Un-pausing starts the clock again from today: the pause was not a gap in contact.
                started_on = CASE WHEN check_in_cadences.paused_reason IS NOT NULL AND excluded.paused_reason IS NULL THEN @Today ELSE check_in_cadences.started_on END,
                paused_reason = excluded.paused_reason, updated_at = excluded.updated_at
            """,
            new { PersonId = personId, Ideal = cadence.IdealDays, Maximum = cadence.MaximumDays, Today = today, Checker = checkerUserId, Reason = pausedReason, At = at },
            cancellationToken: cancellationToken));
    }
}
