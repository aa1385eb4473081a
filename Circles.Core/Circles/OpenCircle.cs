using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Circles;

public sealed record OpenCircleCommand : ICommand<long>
{
    public long PersonId { get; init; }

    public string? Purpose { get; init; }
}

public sealed class OpenCircleValidator : Validator<OpenCircleCommand>
{
    protected override void Rules(OpenCircleCommand c, Failures failures)
    {
        failures.Required("Purpose", c.Purpose, "Enter the circle’s purpose, in the person’s words");
        failures.MaxLength("Purpose", c.Purpose?.Trim(), 1000, "Purpose");
    }
}

public sealed class OpenCircleHandler(IPeopleStore people, ICircleStore circles, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<OpenCircleCommand, long>
{
    public async ValueTask<long> Handle(OpenCircleCommand c, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        var person = who.WorksWithPeople ? await people.Find(who, c.PersonId, cancellationToken) : null;
        if (person is null)
        {
            throw new NotFoundException("person", c.PersonId);
        }

        if (person.MemberOnly)
        {
            throw ValidationException.For("Purpose", "This person is recorded only as a member of someone else’s circle. Record an introduction for them first");
        }

        var id = await circles.Open(c.PersonId, c.Purpose!.Trim(), person.AreaId, who.UserId, CircleStatuses.Forming, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.CircleOpened, "circle", id.ToString(), $"For person {c.PersonId}"), cancellationToken);
        return id;
    }
}

public sealed record ChangeCircleStatusCommand : ICommand
{
    public long CircleId { get; init; }

    public string? Status { get; init; }

    public string? Reason { get; init; }
}

public sealed class ChangeCircleStatusValidator : Validator<ChangeCircleStatusCommand>
{
    protected override void Rules(ChangeCircleStatusCommand c, Failures failures)
    {
        if (c.Status is null || !CircleStatuses.All.Contains(c.Status))
        {
            failures.Add("Status", "Choose the circle’s status");
        }
        else if (c.Status == CircleStatuses.Closed && string.IsNullOrWhiteSpace(c.Reason))
        {
            failures.Add("Reason", "Enter why the circle is closing");
        }

        failures.MaxLength("Reason", c.Reason?.Trim(), 1000, "Reason");
    }
}

public sealed class ChangeCircleStatusHandler(ICircleStore circles, CircleAccess access, IAuditLog audit, Messaging.MessagePlanner planner)
    : ICommandHandler<ChangeCircleStatusCommand>
{
    public async ValueTask<Unit> Handle(ChangeCircleStatusCommand c, CancellationToken cancellationToken)
    {
        var circle = await access.ForStaff(c.CircleId, cancellationToken);
        if (circle.Status == c.Status)
        {
            return Unit.Value;
        }

        await circles.ChangeStatus(c.CircleId, circle.Status, c.Status!, Text.Clean(c.Reason), access.Viewer.UserId, await planner.Prepare(cancellationToken), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.CircleChanged, "circle", c.CircleId.ToString(), $"Status {circle.Status} → {c.Status}"), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Finds a circle the viewer may act on, or throws a 404.</summary>
public sealed class CircleAccess(ICircleStore circles, ICurrentViewer viewer, TimeProvider clock)
{
    public Viewer Viewer => viewer.Current;

    public DateOnly Today => UkTime.Today(clock);

    /// <summary>Staff in reach, or the circle's facilitator: they run meetings and record actions.</summary>
    public async Task<CircleDetails> ForMembers(long circleId, CancellationToken cancellationToken) =>
        await circles.Find(viewer.Current, circleId, Today, cancellationToken) ?? throw new NotFoundException("circle", circleId);

    /// <summary>Only connectors, coordinators and administrators in reach: status, membership and facilitator.</summary>
    public async Task<CircleDetails> ForStaff(long circleId, CancellationToken cancellationToken)
    {
        var circle = await ForMembers(circleId, cancellationToken);
        return circle.ViewerIsStaff ? circle : throw new NotFoundException("circle", circleId);
    }
}
