using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.People;

/// <summary>Moves an introduction on, hands it to another connector or coordinator, or closes it with a reason.</summary>
public sealed record ChangeIntroductionCommand : ICommand
{
    public long PersonId { get; init; }

    public long IntroductionId { get; init; }

    public string? Status { get; init; }

    public long? HolderUserId { get; init; }

    public string? ClosedReason { get; init; }
}

public sealed class ChangeIntroductionValidator : Validator<ChangeIntroductionCommand>
{
    protected override void Rules(ChangeIntroductionCommand c, Failures failures)
    {
        if (c.Status is null || !IntroductionStatuses.All.Contains(c.Status))
        {
            failures.Add("Status", "Choose the introduction’s status");
        }
        else if (c.Status == IntroductionStatuses.Closed && string.IsNullOrWhiteSpace(c.ClosedReason))
        {
            failures.Add("ClosedReason", "Enter why the introduction is closing");
        }

        failures.MaxLength("ClosedReason", c.ClosedReason?.Trim(), 500, "Reason");
    }
}

public sealed class ChangeIntroductionHandler(IPeopleStore people, IAuditLog audit, PersonReach reach) : ICommandHandler<ChangeIntroductionCommand>
{
    public async ValueTask<Unit> Handle(ChangeIntroductionCommand c, CancellationToken cancellationToken)
    {
        await reach.Require(c.PersonId, cancellationToken);
        if (c.HolderUserId is { } holder && (await people.IntroductionHolders(c.PersonId, cancellationToken)).All(h => h.UserId != holder))
        {
            throw ValidationException.For("HolderUserId", "Choose a connector or coordinator who works in their area");
        }

        var reason = c.Status == IntroductionStatuses.Closed ? Text.Clean(c.ClosedReason) : null;
        if (!await people.ChangeIntroduction(c.PersonId, c.IntroductionId, c.Status!, c.HolderUserId, reason, cancellationToken))
        {
            throw new NotFoundException("introduction", c.IntroductionId);
        }

        await audit.Record(new AuditEntry(AuditActions.IntroductionChanged, "person", c.PersonId.ToString(), $"Introduction {c.IntroductionId}: {c.Status}"), cancellationToken);
        return Unit.Value;
    }
}

public sealed record ListIntroductionHoldersQuery(long PersonId) : IQuery<IReadOnlyList<(long UserId, string Name)>>;

public sealed class ListIntroductionHoldersHandler(IPeopleStore people) : IQueryHandler<ListIntroductionHoldersQuery, IReadOnlyList<(long UserId, string Name)>>
{
    public async ValueTask<IReadOnlyList<(long UserId, string Name)>> Handle(ListIntroductionHoldersQuery query, CancellationToken cancellationToken) =>
        await people.IntroductionHolders(query.PersonId, cancellationToken);
}
