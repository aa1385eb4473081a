using Circles.Core.Common;
using Circles.Core.Messaging;

namespace Circles.Core.Circles;

/// <summary>A new member; <see cref="VolunteerId"/> when they are one of our approved volunteers.</summary>
public sealed record NewMember(string Name, string Role, string? Email, string? Phone, DateOnly JoinedOn, long? VolunteerId = null);

public sealed record NewMeeting(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place, string? OnlineLink);

public sealed record NewAction(long? MeetingId, string Description, long OwnerMemberId, DateOnly? DueOn, string? RegulatedActivity);

/// <summary>
/// Circles and everything in them. Every read takes the viewer: staff see circles in their areas,
/// a facilitator sees the circles they facilitate; anything else reads as missing.
/// </summary>
public interface ICircleStore
{
    /// <summary>Opens a circle for a person, with the person as its first member, in one transaction.</summary>
    Task<long> Open(long personId, string purpose, long? areaId, long connectorUserId, string status, DateTimeOffset at, CancellationToken cancellationToken);

    Task<CircleDetails?> Find(Viewer viewer, long circleId, DateOnly today, CancellationToken cancellationToken);

    Task<Page<CircleSummary>> List(Viewer viewer, string? status, bool mineOnly, DateTimeOffset now, Paging paging, CancellationToken cancellationToken);

    /// <summary>Closing a circle cancels every message it was still to send, in the same transaction.</summary>
    Task ChangeStatus(long circleId, string? fromStatus, string toStatus, string? reason, long changedBy, MessagePlan plan, CancellationToken cancellationToken);

    // Every change below that affects who is reminded of what rewrites the circle's waiting reminders in its own
    // transaction (Circles.Data.Messaging.CircleReminders), so a change and its messages commit together.

    /// <summary>Adds a member who is a new person, and sends them a circle invitation; returns the membership id and the person's id.</summary>
    Task<(long MemberId, long PersonId)> AddMember(long circleId, long? areaId, NewMember member, long addedBy, MessagePlan plan, CancellationToken cancellationToken);

    Task<bool> EndMembership(long circleId, long memberId, DateOnly leftOn, MessagePlan plan, CancellationToken cancellationToken);

    Task AssignFacilitator(long circleId, long? facilitatorUserId, MessagePlan plan, CancellationToken cancellationToken);

    Task<long> ScheduleMeeting(long circleId, NewMeeting meeting, long createdBy, MessagePlan plan, CancellationToken cancellationToken);

    /// <summary>Changes a planned meeting's time or place; false when it is no longer planned.</summary>
    Task<bool> MoveMeeting(long circleId, long meetingId, NewMeeting meeting, MessagePlan plan, CancellationToken cancellationToken);

    Task<MeetingDetails?> FindMeeting(Viewer viewer, long circleId, long meetingId, DateOnly today, CancellationToken cancellationToken);

    Task RecordMeeting(long circleId, long meetingId, string status, IReadOnlyCollection<long> attendedMemberIds, string? notes, MessagePlan plan, CancellationToken cancellationToken);

    Task<long> AddAction(long circleId, NewAction action, long createdBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marking an action done or dropped cancels its waiting reminders in the same transaction.</summary>
    Task<bool> SetActionStatus(long circleId, long actionId, string status, DateOnly? completedOn, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Open actions due between the dates, with who to remind, for the action reminder source.</summary>
    Task<IReadOnlyList<ActionReminderInputs>> ActionsForReminders(DateOnly dueFrom, DateOnly dueTo, CancellationToken cancellationToken);

    Task<IReadOnlyList<UpcomingMeeting>> UpcomingMeetings(Viewer viewer, bool mineOnly, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    Task<IReadOnlyList<OverdueAction>> OverdueActions(Viewer viewer, bool mineOnly, DateOnly today, CancellationToken cancellationToken);
}
