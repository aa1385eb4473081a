using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Circles;

public sealed record AddActionCommand : ICommand<long>
{
    public long CircleId { get; init; }

    public long? MeetingId { get; init; }

    public string? Description { get; init; }

    public long? OwnerMemberId { get; init; }

    public string? DueOnDay { get; init; }

    public string? DueOnMonth { get; init; }

    public string? DueOnYear { get; init; }

    public string? RegulatedActivity { get; init; }
}

public sealed class AddActionValidator : Validator<AddActionCommand>
{
    protected override void Rules(AddActionCommand c, Failures failures)
    {
        failures.Required("Description", c.Description, "Enter what will be done");
        failures.MaxLength("Description", c.Description?.Trim(), 500, "What will be done");
        if (c.OwnerMemberId is null)
        {
            failures.Add("OwnerMemberId", "Choose who will do it");
        }

        if (UkFormats.ReadDate(c.DueOnDay, c.DueOnMonth, c.DueOnYear, "Date it is due", out _) is { } problem)
        {
            failures.Add("DueOnDay", problem);
        }

        if (!string.IsNullOrEmpty(c.RegulatedActivity) && !RegulatedActivities.All.Contains(c.RegulatedActivity))
        {
            failures.Add("RegulatedActivity", "Choose the kind of regulated activity from the list");
        }
    }
}

public sealed class AddActionHandler(ICircleStore circles, CircleAccess access, Volunteering.IDbsStore dbs, IAuditLog audit, TimeProvider clock) : ICommandHandler<AddActionCommand, long>
{
    public async ValueTask<long> Handle(AddActionCommand c, CancellationToken cancellationToken)
    {
        var circle = await access.ForMembers(c.CircleId, cancellationToken);
        if (circle.Members.All(m => m.Id != c.OwnerMemberId || m.LeftOn is not null))
        {
            throw ValidationException.For("OwnerMemberId", "Choose who will do it from the circle’s members");
        }

        if (c.MeetingId is { } meetingId && circle.Meetings.All(m => m.Id != meetingId))
        {
            throw new NotFoundException("meeting", meetingId);
        }

        // Facilitating needs no enhanced check; driving someone to the GP or shopping with their card does.
        if (!string.IsNullOrEmpty(c.RegulatedActivity))
        {
            var volunteer = await dbs.ForMember(c.OwnerMemberId!.Value, cancellationToken);
            if (volunteer is null && circle.Members.Any(m => m.Id == c.OwnerMemberId && m.Role == MemberRoles.Volunteer))
            {
                throw ValidationException.For("OwnerMemberId",
                    "This volunteer was added by name, so their DBS record cannot be checked: add them as one of our volunteers from the add-member page first");
            }

            if (volunteer is { } ours && Volunteering.Vetting.Refusal(c.RegulatedActivity, ours.Latest, access.Today) is { } refusal)
            {
                throw ValidationException.For("OwnerMemberId", refusal);
            }
        }

        UkFormats.ReadDate(c.DueOnDay, c.DueOnMonth, c.DueOnYear, "", out var due);
        var action = new NewAction(c.MeetingId, c.Description!.Trim(), c.OwnerMemberId!.Value, due, string.IsNullOrEmpty(c.RegulatedActivity) ? null : c.RegulatedActivity);
        var id = await circles.AddAction(c.CircleId, action, access.Viewer.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.ActionAgreed, "action", id.ToString(), $"Circle {c.CircleId}"), cancellationToken);
        return id;
    }
}

public sealed record SetActionStatusCommand(long CircleId, long ActionId, string? Status) : ICommand;

public sealed class SetActionStatusHandler(ICircleStore circles, CircleAccess access, IAuditLog audit, TimeProvider clock) : ICommandHandler<SetActionStatusCommand>
{
    public async ValueTask<Unit> Handle(SetActionStatusCommand c, CancellationToken cancellationToken)
    {
        await access.ForMembers(c.CircleId, cancellationToken);
        if (c.Status is null || !ActionStatuses.All.Contains(c.Status))
        {
            throw ValidationException.For("", "Choose whether the action is done, dropped or still open");
        }

        var completedOn = c.Status == ActionStatuses.Open ? (DateOnly?)null : access.Today;
        if (!await circles.SetActionStatus(c.CircleId, c.ActionId, c.Status, completedOn, clock.GetUtcNow(), cancellationToken))
        {
            throw new NotFoundException("action", c.ActionId);
        }

        await audit.Record(new AuditEntry(AuditActions.ActionChanged, "action", c.ActionId.ToString(), c.Status), cancellationToken);
        return Unit.Value;
    }
}
