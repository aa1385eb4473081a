using System.Data.Common;
using Circles.Core.Messaging;
using Dapper;

namespace Circles.Data.Messaging;

/// <summary>
/// Brings a circle's meeting reminders into line with the circle as it now is: called by every store method that
/// changes meetings, members, contact details or the facilitator, inside that change's transaction.
/// </summary>
public static class CircleReminders
{
    private sealed record ContactRow
    {
        public long? PersonId { get; init; }

        public long? UserId { get; init; }

        public string Name { get; init; } = "";

        public string? PreferredName { get; init; }

        public string? Email { get; init; }

        public string? Phone { get; init; }

        public string PreferredChannel { get; init; } = "email";

        public string? OptedOut { get; init; }
    }

    private sealed record CircleRow
    {
        public string FocusName { get; init; } = "";

        public string Status { get; init; } = "";

        public long? FacilitatorUserId { get; init; }
    }

    /// <summary>Returns what it read about the circle, for a caller that needs it too.</summary>
    public static async Task<CircleReminderInputs?> Replan(DbConnection connection, DbTransaction transaction, long circleId, MessagePlan plan, CancellationToken cancellationToken)
    {
        var inputs = await Inputs(connection, transaction, circleId, plan.Now, cancellationToken);
        var wanted = inputs is null ? [] : plan.MeetingReminders(inputs);
        await OutboxWriter.Replace(
            connection, transaction, "circle_id = @CircleId AND template = 'meeting-reminder'", new { CircleId = circleId }, wanted,
            "No longer needed: the meeting, the circle or its members changed", plan.Now, cancellationToken);
        return inputs;
    }

    /// <summary>Replans every circle the person is a current member of (their contact details or preferences changed).</summary>
    public static async Task ReplanForPerson(DbConnection connection, DbTransaction transaction, long personId, MessagePlan plan, CancellationToken cancellationToken)
    {
        var circles = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT circle_id FROM circle_members WHERE person_id = @PersonId AND left_on IS NULL",
            new { PersonId = personId },
            transaction,
            cancellationToken: cancellationToken));
        foreach (var circleId in circles)
        {
            await Replan(connection, transaction, circleId, plan, cancellationToken);
        }
    }

    private static async Task<CircleReminderInputs?> Inputs(DbConnection connection, DbTransaction transaction, long circleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var circle = await connection.QuerySingleOrDefaultAsync<CircleRow>(new CommandDefinition(
            """
            SELECT coalesce(p.preferred_name, p.full_name) AS focus_name, c.status, c.facilitator_user_id
            FROM circles c JOIN people p ON p.id = c.focus_person_id WHERE c.id = @CircleId
            """,
            new { CircleId = circleId },
            transaction,
            cancellationToken: cancellationToken));
        if (circle is null)
        {
            return null;
        }

        var meetings = await connection.QueryAsync<ReminderMeeting>(new CommandDefinition(
            "SELECT id, starts_at, ends_at, place, online_link FROM meetings WHERE circle_id = @CircleId AND status = 'planned' AND starts_at > @Now ORDER BY starts_at",
            new { CircleId = circleId, Now = now },
            transaction,
            cancellationToken: cancellationToken));
        var members = await connection.QueryAsync<ContactRow>(new CommandDefinition(
            """
            SELECT p.id AS person_id, p.full_name AS name, p.preferred_name, p.email, p.phone, p.preferred_channel,
                   (SELECT group_concat(o.channel) FROM message_opt_outs o WHERE o.person_id = p.id) AS opted_out
            FROM circle_members m JOIN people p ON p.id = m.person_id
            WHERE m.circle_id = @CircleId AND m.left_on IS NULL
            ORDER BY m.id
            """,
            new { CircleId = circleId },
            transaction,
            cancellationToken: cancellationToken));
        var facilitator = circle.FacilitatorUserId is null ? null : await UserContact(connection, transaction, circle.FacilitatorUserId.Value, cancellationToken);
        return new CircleReminderInputs
        {
            CircleId = circleId,
            FocusName = circle.FocusName,
            IsClosed = circle.Status == "closed",
            Meetings = meetings.ToList(),
            Members = members.Select(ToContact).ToList(),
            Facilitator = facilitator,
        };
    }

    public static async Task<Contact?> PersonContact(DbConnection connection, DbTransaction? transaction, long personId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ContactRow>(new CommandDefinition(
            """
            SELECT p.id AS person_id, p.full_name AS name, p.preferred_name, p.email, p.phone, p.preferred_channel,
                   (SELECT group_concat(o.channel) FROM message_opt_outs o WHERE o.person_id = p.id) AS opted_out
            FROM people p WHERE p.id = @PersonId
            """,
            new { PersonId = personId },
            transaction,
            cancellationToken: cancellationToken));
        return row is null ? null : ToContact(row);
    }

    public static async Task<Contact?> UserContact(DbConnection connection, DbTransaction? transaction, long userId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ContactRow>(new CommandDefinition(
            """
            SELECT u.id AS user_id, u.display_name AS name, u.email, 'email' AS preferred_channel,
                   (SELECT group_concat(o.channel) FROM message_opt_outs o WHERE o.user_id = u.id) AS opted_out
            FROM users u WHERE u.id = @UserId AND u.disabled_at IS NULL
            """,
            new { UserId = userId },
            transaction,
            cancellationToken: cancellationToken));
        return row is null ? null : ToContact(row);
    }

    /// <summary>The active coordinators of an area, as contacts, read once per run through the shared cache.</summary>
    public static async Task<IReadOnlyList<Contact>> AreaCoordinators(DbConnection connection, long areaId, Dictionary<long, Contact?> users, CancellationToken cancellationToken)
    {
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            """
            SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'Coordinator' JOIN user_areas ua ON ua.user_id = u.id AND ua.area_id = @AreaId
            WHERE u.disabled_at IS NULL AND u.password_hash IS NOT NULL
            ORDER BY u.id
            """,
            new { AreaId = areaId },
            cancellationToken: cancellationToken));
        var contacts = new List<Contact>();
        foreach (var id in ids)
        {
            if (await UserContact(connection, users, id, cancellationToken) is { } contact)
            {
                contacts.Add(contact);
            }
        }

        return contacts;
    }

    /// <summary>A user's contact, read once per planning run however many people they are named for.</summary>
    public static async Task<Contact?> UserContact(DbConnection connection, Dictionary<long, Contact?> known, long userId, CancellationToken cancellationToken)
    {
        if (!known.TryGetValue(userId, out var contact))
        {
            contact = known[userId] = await UserContact(connection, (DbTransaction?)null, userId, cancellationToken);
        }

        return contact;
    }

    private static Contact ToContact(ContactRow row) => new()
    {
        PersonId = row.PersonId,
        UserId = row.UserId,
        Name = row.Name,
        PreferredName = row.PreferredName,
        Email = row.Email,
        Phone = row.Phone,
        PreferredChannel = row.PreferredChannel,
        OptedOut = MessageChannels.ParseList(row.OptedOut),
    };
}
