using Circles.Core.Circles;
using Circles.Core.Common;
using Circles.Core.Messaging;
using Circles.Data.Messaging;
using Circles.Data.Sqlite;
using Dapper;
using static Circles.Data.Sqlite.PagedQuery;

namespace Circles.Data.Circles;

public sealed class CircleStore(IDbConnectionFactory database) : ICircleStore
{
    // Staff see circles in their areas; a facilitator sees the circles they facilitate. The conditions
    // are written out for each viewer (not "@All = 1 OR …") so SQLite can use the area and facilitator indexes.
    private static string StaffReach(Viewer viewer) =>
        !viewer.WorksWithPeople ? "0" : viewer.SeesAllAreas ? "1" : "(c.area_id IN @AreaIds)";

    // "x OR y" across two columns defeats SQLite's planner once joined; a UNION of two index searches does not.
    private static string Reach(Viewer viewer) =>
        !viewer.WorksWithPeople ? "c.facilitator_user_id = @UserId"
        : viewer.SeesAllAreas ? "1 = 1"
        : "c.id IN (SELECT id FROM circles WHERE area_id IN @AreaIds UNION ALL SELECT id FROM circles WHERE facilitator_user_id = @UserId)";

    private static string Mine(bool mineOnly) => mineOnly
        ? "c.id IN (SELECT id FROM circles WHERE connector_user_id = @UserId UNION ALL SELECT id FROM circles WHERE facilitator_user_id = @UserId)"
        : "1 = 1";

    // A viewer's own circles are a few dozen, found by two index searches: the reach is then checked on each of those
    // rows, rather than gathering every circle in the viewer's areas to compare with them.
    private static string ReachAndMine(Viewer viewer, bool mineOnly) =>
        mineOnly && viewer.WorksWithPeople && !viewer.SeesAllAreas
            ? $"{Mine(mineOnly)} AND (c.area_id IN @AreaIds OR c.facilitator_user_id = @UserId)"
            : $"{Reach(viewer)} AND {Mine(mineOnly)}";

    private static DynamicParameters ReachOf(Viewer viewer)
    {
        var parameters = new DynamicParameters();
        parameters.Add("AreaIds", viewer.AreaIds.ToArray());
        parameters.Add("UserId", viewer.UserId);
        return parameters;
    }

    public async Task<long> Open(long personId, string purpose, long? areaId, long connectorUserId, string status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO circles (focus_person_id, purpose, connector_user_id, area_id, status, created_at, updated_at)
            VALUES (@PersonId, @Purpose, @ConnectorUserId, @AreaId, @Status, @At, @At)
            RETURNING id
            """,
            new { PersonId = personId, Purpose = purpose, ConnectorUserId = connectorUserId, AreaId = areaId, Status = status, At = at },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO circle_status_changes (circle_id, from_status, to_status, changed_at, changed_by) VALUES (@Id, NULL, @Status, @At, @By);
            INSERT INTO circle_members (circle_id, person_id, role, joined_on) VALUES (@Id, @PersonId, 'focus', @Today);
            UPDATE introductions SET status = 'circle_forming' WHERE person_id = @PersonId AND status IN ('new', 'in_conversation');
            """,
            new { Id = id, Status = status, At = at, By = connectorUserId, PersonId = personId, Today = UkTime.DateOfInstant(at) },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<CircleDetails?> Find(Viewer viewer, long circleId, DateOnly today, CancellationToken cancellationToken)
    {
        var parameters = ReachOf(viewer);
        parameters.Add("CircleId", circleId);
        await using var connection = await database.Open(cancellationToken);
        var circle = await connection.QuerySingleOrDefaultAsync<CircleDetails>(new CommandDefinition(
            $"""
            SELECT c.id, c.focus_person_id, p.full_name AS focus_person_name, c.purpose, c.status, c.closed_reason, c.area_id,
                   a.name AS area_name, c.connector_user_id, cu.display_name AS connector_name, c.facilitator_user_id,
                   fu.display_name AS facilitator_name, c.created_at, {StaffReach(viewer)} AS viewer_is_staff
            FROM circles c
            JOIN people p ON p.id = c.focus_person_id
            LEFT JOIN areas a ON a.id = c.area_id
            LEFT JOIN users cu ON cu.id = c.connector_user_id
            LEFT JOIN users fu ON fu.id = c.facilitator_user_id
            WHERE c.id = @CircleId AND {Reach(viewer)}
            """,
            parameters,
            cancellationToken: cancellationToken));
        if (circle is null)
        {
            return null;
        }

        var id = new { CircleId = circleId };
        var members = await Members(connection, circleId, cancellationToken);
        var history = await connection.QueryAsync<StatusChange>(new CommandDefinition(
            """
            SELECT s.from_status, s.to_status, s.reason, s.changed_at, u.display_name AS changed_by_name
            FROM circle_status_changes s LEFT JOIN users u ON u.id = s.changed_by
            WHERE s.circle_id = @CircleId ORDER BY s.changed_at DESC, s.id DESC
            """,
            id,
            cancellationToken: cancellationToken));
        var meetings = await connection.QueryAsync<MeetingSummary>(new CommandDefinition(
            """
            SELECT m.id, m.starts_at, m.ends_at, m.place, m.online_link, m.status,
                   (SELECT count(*) FROM meeting_attendance ma WHERE ma.meeting_id = m.id) AS attended
            FROM meetings m WHERE m.circle_id = @CircleId ORDER BY m.starts_at DESC
            """,
            id,
            cancellationToken: cancellationToken));
        var actions = await Actions(connection, "a.circle_id = @CircleId", id, cancellationToken);
        return circle with { Members = members, History = history.ToList(), Meetings = meetings.ToList(), Actions = actions };
    }

    private static async Task<IReadOnlyList<CircleMember>> Members(System.Data.Common.DbConnection connection, long circleId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<CircleMember>(new CommandDefinition(
            """
            SELECT m.id, m.person_id, p.full_name AS name, m.role, p.email, p.phone, m.joined_on, m.left_on, p.preferred_channel,
                   (SELECT group_concat(o.channel) FROM message_opt_outs o WHERE o.person_id = p.id) AS opted_out
            FROM circle_members m JOIN people p ON p.id = m.person_id
            WHERE m.circle_id = @CircleId
            ORDER BY m.left_on IS NOT NULL, m.role <> 'focus', p.full_name COLLATE NOCASE
            """,
            new { CircleId = circleId },
            cancellationToken: cancellationToken))).ToList();

    private static async Task<IReadOnlyList<ActionItem>> Actions(System.Data.Common.DbConnection connection, string where, object parameters, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ActionItem>(new CommandDefinition(
            $"""
            SELECT a.id, a.circle_id, a.description, a.owner_member_id, p.full_name AS owner_name, a.due_on, a.status, a.completed_on, a.regulated_activity
            FROM actions a JOIN circle_members m ON m.id = a.owner_member_id JOIN people p ON p.id = m.person_id
            WHERE {where}
            ORDER BY a.status <> 'open', a.due_on IS NULL, a.due_on, a.id
            """,
            parameters,
            cancellationToken: cancellationToken))).ToList();

    public async Task<Page<CircleSummary>> List(Viewer viewer, string? status, bool mineOnly, DateTimeOffset now, Paging paging, CancellationToken cancellationToken)
    {
        var parameters = ReachOf(viewer);
        parameters.Add("Status", status);
        parameters.Add("Today", UkTime.DateOfInstant(now));
        parameters.Add("Now", now);
        var where = $"WHERE {ReachAndMine(viewer, mineOnly)}" + (status is null ? "" : " AND c.status = @Status");
        await using var connection = await database.Open(cancellationToken);
        // Sorted by the focus person's name, so every match is gathered and sorted anyway: counted in the same pass.
        return await PageWithTotal<CircleSummary>(
            connection,
            $"""
            SELECT c.id, c.focus_person_id, p.full_name AS focus_person_name, c.purpose, c.status, a.name AS area_name,
                   u.display_name AS connector_name,
                   (SELECT min(m.starts_at) FROM meetings m WHERE m.circle_id = c.id AND m.status = 'planned' AND m.starts_at >= @Now) AS next_meeting_at,
                   (SELECT count(*) FROM actions x WHERE x.circle_id = c.id AND x.status = 'open' AND x.due_on < @Today) AS overdue_actions,
                   count(*) OVER () AS total_rows
            FROM circles c
            JOIN people p ON p.id = c.focus_person_id
            LEFT JOIN areas a ON a.id = c.area_id
            LEFT JOIN users u ON u.id = c.connector_user_id
            {where}
            ORDER BY c.status = 'closed', p.full_name COLLATE NOCASE, c.id
            {PageLimit}
            """,
            $"SELECT count(*) FROM circles c {where}",
            parameters,
            paging,
            cancellationToken);
    }

    public async Task ChangeStatus(long circleId, string? fromStatus, string toStatus, string? reason, long changedBy, MessagePlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Only from the status the person saw: if someone else changed it meanwhile, history stays true.
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE circles SET status = @To, closed_reason = CASE WHEN @To = 'closed' THEN @Reason ELSE NULL END, updated_at = @At WHERE id = @CircleId AND status = @From",
            new { CircleId = circleId, From = fromStatus, To = toStatus, Reason = reason, At = plan.Now },
            transaction,
            cancellationToken: cancellationToken));
        if (changed == 1)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO circle_status_changes (circle_id, from_status, to_status, reason, changed_at, changed_by)
                VALUES (@CircleId, @From, @To, @Reason, @At, @By)
                """,
                new { CircleId = circleId, From = fromStatus, To = toStatus, Reason = reason, At = plan.Now, By = changedBy },
                transaction,
                cancellationToken: cancellationToken));
            if (toStatus == CircleStatuses.Closed)
            {
                await OutboxWriter.Replace(connection, transaction, "circle_id = @CircleId", new { CircleId = circleId }, [], "The circle closed", plan.Now, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<(long MemberId, long PersonId)> AddMember(long circleId, long? areaId, NewMember member, long addedBy, MessagePlan plan, CancellationToken cancellationToken)
    {
        var at = plan.Now;
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var personId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO people (full_name, email, phone, area_id, preferred_channel, member_only, volunteer_id, created_at, created_by, updated_at)
            VALUES (@Name, @Email, @Phone, @AreaId, CASE WHEN @Phone IS NOT NULL THEN 'text' ELSE 'email' END, 1, @VolunteerId, @At, @By, @At)
            RETURNING id
            """,
            new { member.Name, member.Email, member.Phone, AreaId = areaId, member.VolunteerId, At = at, By = addedBy },
            transaction,
            cancellationToken: cancellationToken));
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO circle_members (circle_id, person_id, role, joined_on) VALUES (@CircleId, @PersonId, @Role, @JoinedOn) RETURNING id",
            new { CircleId = circleId, PersonId = personId, member.Role, member.JoinedOn },
            transaction,
            cancellationToken: cancellationToken));
        var circle = await CircleReminders.Replan(connection, transaction, circleId, plan, cancellationToken);
        await Invite(connection, transaction, circle, id, personId, plan, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (id, personId);
    }

    public async Task<bool> EndMembership(long circleId, long memberId, DateOnly leftOn, MessagePlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ended = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE circle_members SET left_on = @LeftOn WHERE id = @MemberId AND circle_id = @CircleId AND left_on IS NULL",
            new { CircleId = circleId, MemberId = memberId, LeftOn = leftOn },
            transaction,
            cancellationToken: cancellationToken)) == 1;
        await CircleReminders.Replan(connection, transaction, circleId, plan, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ended;
    }

    public async Task AssignFacilitator(long circleId, long? facilitatorUserId, MessagePlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE circles SET facilitator_user_id = @UserId, updated_at = @At WHERE id = @CircleId",
            new { CircleId = circleId, UserId = facilitatorUserId, At = plan.Now },
            transaction,
            cancellationToken: cancellationToken));
        await CircleReminders.Replan(connection, transaction, circleId, plan, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> ScheduleMeeting(long circleId, NewMeeting meeting, long createdBy, MessagePlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO meetings (circle_id, starts_at, ends_at, place, online_link, status, created_at, created_by)
            VALUES (@CircleId, @StartsAt, @EndsAt, @Place, @OnlineLink, 'planned', @At, @By)
            RETURNING id
            """,
            new { CircleId = circleId, meeting.StartsAt, meeting.EndsAt, meeting.Place, meeting.OnlineLink, At = plan.Now, By = createdBy },
            transaction,
            cancellationToken: cancellationToken));
        await CircleReminders.Replan(connection, transaction, circleId, plan, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<bool> MoveMeeting(long circleId, long meetingId, NewMeeting meeting, MessagePlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var moved = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE meetings SET starts_at = @StartsAt, ends_at = @EndsAt, place = @Place, online_link = @OnlineLink
            WHERE id = @MeetingId AND circle_id = @CircleId AND status = 'planned'
            """,
            new { CircleId = circleId, MeetingId = meetingId, meeting.StartsAt, meeting.EndsAt, meeting.Place, meeting.OnlineLink },
            transaction,
            cancellationToken: cancellationToken)) == 1;
        await CircleReminders.Replan(connection, transaction, circleId, plan, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    public async Task<MeetingDetails?> FindMeeting(Viewer viewer, long circleId, long meetingId, DateOnly today, CancellationToken cancellationToken)
    {
        var parameters = ReachOf(viewer);
        parameters.Add("CircleId", circleId);
        parameters.Add("MeetingId", meetingId);
        await using var connection = await database.Open(cancellationToken);
        var meeting = await connection.QuerySingleOrDefaultAsync<MeetingDetails>(new CommandDefinition(
            $"""
            SELECT m.id, m.circle_id, p.full_name AS focus_person_name, m.starts_at, m.ends_at, m.place, m.online_link, m.status, m.notes
            FROM meetings m JOIN circles c ON c.id = m.circle_id JOIN people p ON p.id = c.focus_person_id
            WHERE m.id = @MeetingId AND m.circle_id = @CircleId AND {Reach(viewer)}
            """,
            parameters,
            cancellationToken: cancellationToken));
        if (meeting is null)
        {
            return null;
        }

        var attended = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT member_id FROM meeting_attendance WHERE meeting_id = @MeetingId", new { MeetingId = meetingId }, cancellationToken: cancellationToken));
        var agenda = await Actions(connection, "a.circle_id = @CircleId AND a.status = 'open' AND (a.meeting_id IS NULL OR a.meeting_id <> @MeetingId) AND a.created_at < @StartsAt",
            new { CircleId = circleId, MeetingId = meetingId, meeting.StartsAt }, cancellationToken);
        var agreed = await Actions(connection, "a.meeting_id = @MeetingId", new { MeetingId = meetingId }, cancellationToken);
        // Everyone still in the circle, and anyone who came before they left, so re-saving an old meeting keeps its attendance.
        var came = attended.ToHashSet();
        var members = (await Members(connection, circleId, cancellationToken)).Where(m => m.LeftOn is null || came.Contains(m.Id)).ToList();
        return meeting with { Members = members, AttendedMemberIds = came.ToList(), Agenda = agenda, Actions = agreed };
    }

    public async Task RecordMeeting(long circleId, long meetingId, string status, IReadOnlyCollection<long> attendedMemberIds, string? notes, MessagePlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE meetings SET status = @Status, notes = @Notes WHERE id = @MeetingId; DELETE FROM meeting_attendance WHERE meeting_id = @MeetingId;",
            new { MeetingId = meetingId, Status = status, Notes = notes },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO meeting_attendance (meeting_id, member_id) VALUES (@MeetingId, @MemberId)",
            attendedMemberIds.Select(m => new { MeetingId = meetingId, MemberId = m }),
            transaction,
            cancellationToken: cancellationToken));
        await CircleReminders.Replan(connection, transaction, circleId, plan, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<long> AddAction(long circleId, NewAction action, long createdBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO actions (circle_id, meeting_id, description, owner_member_id, due_on, status, regulated_activity, created_at, created_by)
            VALUES (@CircleId, @MeetingId, @Description, @OwnerMemberId, @DueOn, 'open', @RegulatedActivity, @At, @By)
            RETURNING id
            """,
            new { CircleId = circleId, action.MeetingId, action.Description, action.OwnerMemberId, action.DueOn, action.RegulatedActivity, At = at, By = createdBy },
            cancellationToken: cancellationToken));
    }

    public async Task<bool> SetActionStatus(long circleId, long actionId, string status, DateOnly? completedOn, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE actions SET status = @Status, completed_on = @CompletedOn WHERE id = @ActionId AND circle_id = @CircleId",
            new { CircleId = circleId, ActionId = actionId, Status = status, CompletedOn = completedOn },
            transaction,
            cancellationToken: cancellationToken)) == 1;
        if (changed && status != ActionStatuses.Open)
        {
            await OutboxWriter.Replace(
                connection, transaction, "source_type = 'action' AND source_id = @ActionId", new { ActionId = actionId }, [],
                $"The action was marked {status}", at, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }


    public async Task<IReadOnlyList<UpcomingMeeting>> UpcomingMeetings(Viewer viewer, bool mineOnly, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var parameters = ReachOf(viewer);
        parameters.Add("From", from);
        parameters.Add("To", to);
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<UpcomingMeeting>(new CommandDefinition(
            $"""
            SELECT m.id, m.circle_id, p.full_name AS focus_person_name, m.starts_at, m.place
            FROM meetings m JOIN circles c ON c.id = m.circle_id JOIN people p ON p.id = c.focus_person_id
            WHERE m.status = 'planned' AND m.starts_at >= @From AND m.starts_at < @To AND {ReachAndMine(viewer, mineOnly)}
            ORDER BY m.starts_at
            LIMIT 50
            """,
            parameters,
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<IReadOnlyList<OverdueAction>> OverdueActions(Viewer viewer, bool mineOnly, DateOnly today, CancellationToken cancellationToken)
    {
        var parameters = ReachOf(viewer);
        parameters.Add("Today", today);
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<OverdueAction>(new CommandDefinition(
            $"""
            SELECT a.id, a.circle_id, fp.full_name AS focus_person_name, a.description, op.full_name AS owner_name, a.due_on
            FROM circles c
            CROSS JOIN actions a ON a.circle_id = c.id
            JOIN people fp ON fp.id = c.focus_person_id
            JOIN circle_members om ON om.id = a.owner_member_id
            JOIN people op ON op.id = om.person_id
            WHERE a.status = 'open' AND a.due_on < @Today AND {ReachAndMine(viewer, mineOnly)}
            ORDER BY a.due_on, a.id
            LIMIT 50
            """,
            parameters,
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    private static async Task Invite(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CircleReminderInputs? circle, long memberId, long personId,
        MessagePlan plan, CancellationToken cancellationToken)
    {
        if (circle is null)
        {
            return;
        }

        var circleId = circle.CircleId;
        var contact = await CircleReminders.PersonContact(connection, transaction, personId, cancellationToken);
        var connector = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT u.display_name FROM circles c JOIN users u ON u.id = c.connector_user_id WHERE c.id = @CircleId",
            new { CircleId = circleId },
            transaction,
            cancellationToken: cancellationToken));
        if (contact is null)
        {
            return;
        }

        var invitation = plan.CircleInvitation(circleId, memberId, contact, circle.FocusName, connector ?? "Your connector", circle.Meetings.Count > 0 ? circle.Meetings[0] : null);
        await OutboxWriter.Insert(connection, transaction, [invitation], plan.Now, cancellationToken);
    }

    private sealed record ActionRow
    {
        public long ActionId { get; init; }

        public long CircleId { get; init; }

        public string FocusName { get; init; } = "";

        public string Description { get; init; } = "";

        public DateOnly DueOn { get; init; }

        public long OwnerPersonId { get; init; }

        public long? FacilitatorUserId { get; init; }
    }

    public async Task<IReadOnlyList<ActionReminderInputs>> ActionsForReminders(DateOnly dueFrom, DateOnly dueTo, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<ActionRow>(new CommandDefinition(
            """
            SELECT a.id AS action_id, a.circle_id, coalesce(fp.preferred_name, fp.full_name) AS focus_name, a.description, a.due_on,
                   m.person_id AS owner_person_id, c.facilitator_user_id
            FROM actions a
            JOIN circles c ON c.id = a.circle_id
            JOIN people fp ON fp.id = c.focus_person_id
            JOIN circle_members m ON m.id = a.owner_member_id
            WHERE a.status = 'open' AND a.due_on BETWEEN @From AND @To AND c.status <> 'closed' AND m.left_on IS NULL
            ORDER BY a.due_on, a.id
            """,
            new { From = dueFrom, To = dueTo },
            cancellationToken: cancellationToken));
        var result = new List<ActionReminderInputs>();
        var users = new Dictionary<long, Contact?>();
        foreach (var row in rows)
        {
            var owner = await CircleReminders.PersonContact(connection, null, row.OwnerPersonId, cancellationToken);
            if (owner is null)
            {
                continue;
            }

            var facilitator = row.FacilitatorUserId is { } userId ? await CircleReminders.UserContact(connection, users, userId, cancellationToken) : null;

            result.Add(new ActionReminderInputs
            {
                ActionId = row.ActionId,
                CircleId = row.CircleId,
                FocusName = row.FocusName,
                Description = row.Description,
                DueOn = row.DueOn,
                Owner = owner,
                Facilitator = facilitator,
            });
        }

        return result;
    }
}
