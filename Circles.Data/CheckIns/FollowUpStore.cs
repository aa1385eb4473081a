using Circles.Core.CheckIns;
using Circles.Core.Common;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.CheckIns;

public sealed class FollowUpStore(IDbConnectionFactory database) : IFollowUpStore
{
    // An open task is for the person's connector as they are now; a closed one keeps who it was for.
    private static readonly string Select =
        $"""
        SELECT * FROM (
            SELECT t.id, t.person_id, p.full_name AS person_name, p.area_id,
                   CASE WHEN t.closed_at IS NULL THEN {CheckInWriter.ConnectorOf("t.person_id")} ELSE t.assigned_user_id END AS assigned_user_id,
                   t.reason, t.due_on, t.created_at, t.closed_at, cu.display_name AS closed_by_name, t.closing_note, t.reply_text
            FROM follow_up_tasks t
            JOIN people p ON p.id = t.person_id
            LEFT JOIN users cu ON cu.id = t.closed_by) t
        LEFT JOIN (SELECT id AS assigned_id, display_name AS assigned_name FROM users) au ON au.assigned_id = t.assigned_user_id
        """;

    public async Task<IReadOnlyList<FollowUpTask>> Open(Viewer viewer, bool mineOnly, CancellationToken cancellationToken)
    {
        // Mine; or, for a coordinator, everything open in their areas, held or not (an administrator: everywhere).
        var whose = mineOnly ? "t.assigned_user_id = @UserId"
            : viewer.SeesAllAreas ? "1 = 1"
            : "(t.assigned_user_id = @UserId OR t.area_id IN @AreaIds)";
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<FollowUpTask>(new CommandDefinition(
            $"""
            {Select}
            WHERE t.closed_at IS NULL AND {whose}
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
            $"{Select} WHERE t.person_id = @PersonId ORDER BY t.created_at DESC, t.id DESC",
            new { PersonId = personId },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<FollowUpTask?> Find(long taskId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<FollowUpTask>(new CommandDefinition(
            $"{Select} WHERE t.id = @TaskId", new { TaskId = taskId }, cancellationToken: cancellationToken));
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
