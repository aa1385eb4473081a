using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Circles;

/// <summary>Adds someone to a circle. Most members never have an account: a name and one way to reach them is enough.</summary>
public sealed record AddMemberCommand : ICommand<long>
{
    public long CircleId { get; init; }

    public string? Name { get; init; }

    public string? Role { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }
}

public sealed class AddMemberValidator : Validator<AddMemberCommand>
{
    protected override void Rules(AddMemberCommand c, Failures failures)
    {
        failures.Required("Name", c.Name, "Enter the member’s name");
        failures.MaxLength("Name", c.Name?.Trim(), People.PersonRules.NameMaxLength, "Name");
        if (c.Role is null || !MemberRoles.Addable.Contains(c.Role))
        {
            failures.Add("Role", "Choose how they know the person");
        }

        failures.MaxLength("Email", c.Email?.Trim(), EmailAddress.MaxLength, "Email address");
        failures.Email("Email", c.Email, "Enter an email address in the correct format, like name@example.org");
        failures.MaxLength("Phone", c.Phone?.Trim(), 30, "Phone number");
        if (!string.IsNullOrWhiteSpace(c.Phone) && !failures.Has("Phone") && !UkFormats.IsPhoneNumber(c.Phone))
        {
            failures.Add("Phone", "Enter a phone number, like 07700 900 982");
        }

        if (string.IsNullOrWhiteSpace(c.Phone) && string.IsNullOrWhiteSpace(c.Email))
        {
            failures.Add("Phone", "Enter a phone number or an email address, so the circle can reach them");
        }
    }
}

public sealed class AddMemberHandler(ICircleStore circles, CircleAccess access, IAuditLog audit, Messaging.MessagePlanner planner) : ICommandHandler<AddMemberCommand, long>
{
    public async ValueTask<long> Handle(AddMemberCommand c, CancellationToken cancellationToken)
    {
        var circle = await access.ForStaff(c.CircleId, cancellationToken);
        var member = new NewMember(c.Name!.Trim(), c.Role!, Text.Clean(c.Email), Text.Clean(c.Phone), access.Today);
        var (id, personId) = await circles.AddMember(c.CircleId, circle.AreaId, member, access.Viewer.UserId, await planner.Prepare(cancellationToken), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.PersonCreated, "person", personId.ToString(), $"Circle member of circle {c.CircleId}"), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.CircleChanged, "circle", c.CircleId.ToString(), $"Member {id} joined"), cancellationToken);
        return id;
    }
}

public sealed record EndMembershipCommand(long CircleId, long MemberId) : ICommand;

public sealed class EndMembershipHandler(ICircleStore circles, CircleAccess access, IAuditLog audit, Messaging.MessagePlanner planner) : ICommandHandler<EndMembershipCommand>
{
    public async ValueTask<Unit> Handle(EndMembershipCommand c, CancellationToken cancellationToken)
    {
        var circle = await access.ForStaff(c.CircleId, cancellationToken);
        var member = circle.Members.FirstOrDefault(m => m.Id == c.MemberId && m.LeftOn is null) ?? throw new NotFoundException("member", c.MemberId);
        if (member.Role == MemberRoles.Focus)
        {
            throw ValidationException.For("", "The focus person stays in their circle: close the circle instead");
        }

        await circles.EndMembership(c.CircleId, c.MemberId, access.Today, await planner.Prepare(cancellationToken), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.CircleChanged, "circle", c.CircleId.ToString(), $"Member {c.MemberId} left"), cancellationToken);
        return Unit.Value;
    }
}

public sealed record AssignFacilitatorCommand : ICommand
{
    public long CircleId { get; init; }

    public long? FacilitatorUserId { get; init; }
}

public sealed class AssignFacilitatorHandler(ICircleStore circles, Matching.IMatchingStore matching, CircleAccess access, IAuditLog audit, Messaging.MessagePlanner planner) : ICommandHandler<AssignFacilitatorCommand>
{
    public async ValueTask<Unit> Handle(AssignFacilitatorCommand c, CancellationToken cancellationToken)
    {
        var circle = await access.ForStaff(c.CircleId, cancellationToken);
        if (c.FacilitatorUserId == circle.FacilitatorUserId)
        {
            return Unit.Value;
        }

        if (c.FacilitatorUserId is { } userId && (await matching.FacilitatorOptions(circle.AreaId, cancellationToken)).All(f => f.Id != userId))
        {
            throw ValidationException.For("FacilitatorUserId", "Choose a volunteer from the list");
        }

        await circles.AssignFacilitator(c.CircleId, c.FacilitatorUserId, await planner.Prepare(cancellationToken), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.CircleChanged, "circle", c.CircleId.ToString(),
            c.FacilitatorUserId is null ? "Facilitator removed" : $"Facilitator user {c.FacilitatorUserId}"), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Adds one of the area's approved volunteers to a circle, as a member whose DBS record goes with them.</summary>
public sealed record AddVolunteerMemberCommand(long CircleId, long? VolunteerId) : ICommand<long>;

public sealed class AddVolunteerMemberHandler(ICircleStore circles, Volunteering.IScreeningStore volunteers, CircleAccess access, IAuditLog audit, Messaging.MessagePlanner planner)
    : ICommandHandler<AddVolunteerMemberCommand, long>
{
    public async ValueTask<long> Handle(AddVolunteerMemberCommand c, CancellationToken cancellationToken)
    {
        var circle = await access.ForStaff(c.CircleId, cancellationToken);
        var volunteer = c.VolunteerId is { } id && circle.AreaId is { } area
            ? (await volunteers.Approved(area, cancellationToken)).FirstOrDefault(v => v.Id == id)
            : null;
        var record = volunteer is null ? null : await volunteers.Find(volunteer.Id, cancellationToken);
        if (record is null)
        {
            throw ValidationException.For("VolunteerId", "Choose one of the area’s approved volunteers");
        }

        var member = new NewMember(record.FullName, MemberRoles.Volunteer, record.Email, record.Phone, access.Today, record.Id);
        var (memberId, personId) = await circles.AddMember(c.CircleId, circle.AreaId, member, access.Viewer.UserId, await planner.Prepare(cancellationToken), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.CircleChanged, "circle", c.CircleId.ToString(), $"Volunteer {record.Id} joined as member {memberId} (person {personId})"), cancellationToken);
        return memberId;
    }
}
