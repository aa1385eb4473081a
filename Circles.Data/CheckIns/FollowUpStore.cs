using Circles.Core.CheckIns;
using Circles.Core.Common;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.CheckIns;

public sealed class FollowUpStore(IDbConnectionFactory database) : IFollowUpStore
{
    // People the viewer checks in with or holds the open introduction of: the only ones whose tasks can be theirs.
    // (Without statistics SQLite preferred scanning introductions by person; the holder index is the right one.)
    private const string Mine =
        """
        t.person_id IN (SELECT mc.person_id FROM check_in_cadences mc WHERE mc.checker_user_id = @UserId
                        UNION SELECT mi.person_id FROM introductions mi INDEXED BY ix_introductions_holder_status
                              WHERE mi.holder_user_id = @UserId AND mi.status <> 'closed')
        """;

    /// <summary>
    /// Tasks matching <paramref name="where"/> (about <c>t</c>, the task, and <c>p</c>, the person). An open task is for
    /// the person's connector as they are now; a closed one keeps who it was for.
    /// </summary>
    private static string Select(string where) =>
        $"""
        SELECT * FROM (
            SELECT t.id, t.person_id, p.full_name AS person_name, p.area_id,
                   CASE WHEN t.closed_at IS NULL THEN {CheckInWriter.ConnectorOf("t.person_id")} ELSE t.assigned_user_id END AS assigned_user_id,
                   t.reason, t.due_on, t.created_at, t.closed_at, cu.display_name AS closed_by_name, t.closing_note, t.reply_text
            FROM follow_up_tasks t
            JOIN people p ON p.id = t.person_id
            LEFT JOIN users cu ON cu.id = t.closed_by
            WHERE {where}) t
        LEFT JOIN (SELECT id AS assigned_id, display_name AS assigned_name FROM users) au ON au.assigned_id = t.assigned_user_id
        """;

    public async Task<IReadOnlyList<FollowUpTask>> Open(Viewer viewer, bool mineOnly, CancellationToken cancellationToken)
    {
        // Mine; or, for a coordinator, everything open in their areas, held or not (an administrator: everywhere).
        // Narrowed first to the people who could be mine, so a connector's home page never reads every open task.
        var (narrow, whose) = mineOnly ? (Mine, "t.assigned_user_id = @UserId")
            : viewer.SeesAllAreas ? ("1 = 1", "1 = 1")
            : ($"(p.area_id IN @AreaIds OR {Mine})", "(t.assigned_user_id = @UserId OR t.area_id IN @AreaIds)");
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<FollowUpTask>(new CommandDefinition(
            $"""
            {Select($"t.closed_at IS NULL AND {narrow}")}
            WHERE {whose}
            ORDER BY t.due_on, t.id
            LIMIT 100
            """,
            new { viewer.UserId, AreaIds = viewer.AreaIds.ToArray() },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<IReadOnlyList<FollowUpTask>> ForPerson(long personId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<FollowUpTask>(new CommandDefinition(
            $"{Select("t.person_id = @PersonId")} ORDER BY t.created_at DESC, t.id DESC",
            new { PersonId = personId },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<FollowUpTask?> Find(long taskId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<FollowUpTask>(new CommandDefinition(
            Select("t.id = @TaskId"), new { TaskId = taskId }, cancellationToken: cancellationToken));
    }

    public async Task<bool> Close(long taskId, long closedBy, string note, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE follow_up_tasks SET closed_at = @At, closed_by = @ClosedBy, closing_note = @Note WHERE id = @TaskId AND closed_at IS NULL",
            new { TaskId = taskId, ClosedBy = closedBy, Note = note, At = at },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> Add(NewFollowUp task, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await CheckInWriter.AddFollowUp(connection, null, task, at, cancellationToken);
    }
}
