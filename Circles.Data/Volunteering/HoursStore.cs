using Circles.Core.Common;
using Circles.Core.Volunteering;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Volunteering;

public sealed class HoursStore(IDbConnectionFactory database) : IHoursStore
{
    // The circles a volunteer helps: those they facilitate through their account, and those they are a member of.
    private const string MyCircles =
        """
        SELECT c.id FROM circles c JOIN volunteers v ON v.user_id = c.facilitator_user_id WHERE v.id = @VolunteerId
        UNION
        SELECT m.circle_id FROM people p JOIN circle_members m ON m.person_id = p.id AND m.left_on IS NULL WHERE p.volunteer_id = @VolunteerId
        """;

    private const string EntryColumns =
        """
        h.id, h.volunteer_id, v.full_name AS volunteer_name, h.circle_id, fp.full_name AS focus_name, h.worked_on, h.minutes, h.note, h.status, h.query_note
        FROM volunteer_hours h JOIN volunteers v ON v.id = h.volunteer_id JOIN circles c ON c.id = h.circle_id JOIN people fp ON fp.id = c.focus_person_id
        """;

    public async Task<long?> VolunteerOf(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM volunteers WHERE user_id = @UserId AND status = 'approved'", new { UserId = userId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<MyCircleChoice>> CirclesOf(long volunteerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return (await connection.QueryAsync<(long, string)>(new CommandDefinition(
            $"SELECT c.id, p.full_name FROM circles c JOIN people p ON p.id = c.focus_person_id WHERE c.id IN ({MyCircles}) AND c.status <> 'closed' ORDER BY p.full_name COLLATE NOCASE",
            new { VolunteerId = volunteerId },
            cancellationToken: cancellationToken))).Select(r => new MyCircleChoice(r.Item1, r.Item2)).ToList();
    }

    public async Task<IReadOnlyList<MyAction>> OpenActionsOf(long volunteerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return (await connection.QueryAsync<MyAction>(new CommandDefinition(
            """
            SELECT a.id, a.circle_id, fp.full_name AS focus_name, a.description, a.due_on
            FROM actions a JOIN circle_members m ON m.id = a.owner_member_id JOIN people p ON p.id = m.person_id
            JOIN circles c ON c.id = a.circle_id JOIN people fp ON fp.id = c.focus_person_id
            WHERE p.volunteer_id = @VolunteerId AND a.status = 'open' AND m.left_on IS NULL AND c.status <> 'closed'
            ORDER BY a.due_on IS NULL, a.due_on, a.id
            """,
            new { VolunteerId = volunteerId },
            cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<MyMeeting>> NextMeetingsOf(long volunteerId, DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return (await connection.QueryAsync<MyMeeting>(new CommandDefinition(
            $"""
            SELECT fp.full_name AS focus_name, mt.starts_at, mt.place
            FROM meetings mt JOIN circles c ON c.id = mt.circle_id JOIN people fp ON fp.id = c.focus_person_id
            WHERE mt.circle_id IN ({MyCircles}) AND mt.status = 'planned' AND mt.starts_at >= @From
            ORDER BY mt.starts_at LIMIT 5
            """,
            new { VolunteerId = volunteerId, From = from },
            cancellationToken: cancellationToken))).ToList();
    }

    public async Task<long> Log(long volunteerId, long circleId, long? actionId, DateOnly on, int minutes, string? note, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO volunteer_hours (volunteer_id, circle_id, action_id, worked_on, minutes, note, status, created_at)
            VALUES (@VolunteerId, @CircleId, @ActionId, @On, @Minutes, @Note, 'logged', @At) RETURNING id
            """,
            new { VolunteerId = volunteerId, CircleId = circleId, ActionId = actionId, On = on, Minutes = minutes, Note = note, At = at },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<HoursEntry>> Recent(long volunteerId, int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return (await connection.QueryAsync<HoursEntry>(new CommandDefinition(
            $"SELECT {EntryColumns} WHERE h.volunteer_id = @VolunteerId ORDER BY h.worked_on DESC, h.id DESC LIMIT {{=Count}}",
            new { VolunteerId = volunteerId, Count = count },
            cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<HoursEntry>> Waiting(Viewer viewer, CancellationToken cancellationToken)
    {
        var reach = viewer.SeesAllAreas ? "" : " AND v.area_id IN @AreaIds AND c.area_id IN @AreaIds";
        await using var connection = await database.Open(cancellationToken);
        return (await connection.QueryAsync<HoursEntry>(new CommandDefinition(
            $"SELECT {EntryColumns} WHERE h.status IN ('logged', 'queried'){reach} ORDER BY h.worked_on, h.id LIMIT 200",
            new { AreaIds = viewer.AreaIds.ToArray() },
            cancellationToken: cancellationToken))).ToList();
    }

    public async Task<(long AreaId, string Status)?> AreaOf(long hoursId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long, string)?>(new CommandDefinition(
            "SELECT v.area_id, h.status FROM volunteer_hours h JOIN volunteers v ON v.id = h.volunteer_id WHERE h.id = @Id",
            new { Id = hoursId },
            cancellationToken: cancellationToken));
        return row;
    }

    public async Task Review(long hoursId, string status, string? queryNote, long by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE volunteer_hours SET status = @Status, query_note = @QueryNote, reviewed_by = @By, reviewed_at = @At WHERE id = @Id AND status IN ('logged', 'queried')",
            new { Id = hoursId, Status = status, QueryNote = queryNote, By = by, At = at },
            cancellationToken: cancellationToken));
    }

    public async Task<HoursTotals> Totals(Viewer viewer, CancellationToken cancellationToken)
    {
        var reach = viewer.SeesAllAreas ? "1 = 1" : "v.area_id IN @AreaIds AND c.area_id IN @AreaIds";
        var parameters = new { AreaIds = viewer.AreaIds.ToArray() };
        await using var connection = await database.Open(cancellationToken);
        async Task<IReadOnlyList<HoursTotal>> By(string name, string group) =>
            (await connection.QueryAsync<(string Name, long Approved, long Waiting)>(new CommandDefinition(
                $"""
                SELECT {name}, sum(CASE WHEN h.status = 'approved' THEN h.minutes ELSE 0 END), sum(CASE WHEN h.status <> 'approved' THEN h.minutes ELSE 0 END)
                FROM volunteer_hours h JOIN volunteers v ON v.id = h.volunteer_id JOIN circles c ON c.id = h.circle_id
                JOIN people fp ON fp.id = c.focus_person_id JOIN areas a ON a.id = v.area_id
                WHERE {reach}
                GROUP BY {group} ORDER BY 1 COLLATE NOCASE
                """,
                parameters,
                cancellationToken: cancellationToken))).Select(r => new HoursTotal(r.Name, (int)r.Approved, (int)r.Waiting)).ToList();
        return new HoursTotals(await By("v.full_name", "v.id"), await By("'Circle for ' || fp.full_name", "c.id"), await By("a.name", "a.id"));
    }
}
