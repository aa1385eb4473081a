using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Privacy;

public sealed record LegalHold(string Reason, string? SetByName, DateTimeOffset SetAt);

public sealed record ErasureState(long PersonId, string FullName, LegalHold? Hold, DateTimeOffset? ErasedAt);

public interface IErasureStore
{
    Task<ErasureState?> Find(long personId, CancellationToken cancellationToken);

    Task SetHold(long personId, string? reason, long by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the person's details everywhere they are written (their record, notes, answers' free text, messages to
    /// them and about their circle, the full-text index), keeping the rows that anonymous counts need; then rewrites the
    /// database file so the old pages are gone from the disk too.
    /// </summary>
    Task Erase(IReadOnlyList<long> personIds, DateTimeOffset at, CancellationToken cancellationToken);
}

public sealed record GetErasureStateQuery(long PersonId) : IQuery<ErasureState>;

public sealed class GetErasureStateHandler(IErasureStore store, IPeopleStore people, ICurrentViewer viewer) : IQueryHandler<GetErasureStateQuery, ErasureState>
{
    public async ValueTask<ErasureState> Handle(GetErasureStateQuery query, CancellationToken cancellationToken) =>
        DataRights.CanAct(viewer.Current) && await people.InReach(viewer.Current, query.PersonId, cancellationToken) && await store.Find(query.PersonId, cancellationToken) is { } state
            ? state
            : throw new NotFoundException("person", query.PersonId);
}

/// <summary>Sets a legal hold (with the reason), or releases it (no reason). While it is set the person cannot be erased.</summary>
public sealed record SetLegalHoldCommand(long PersonId, bool Hold, string? Reason) : ICommand;

public sealed class SetLegalHoldHandler(IErasureStore store, IPeopleStore people, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<SetLegalHoldCommand>
{
    public async ValueTask<Unit> Handle(SetLegalHoldCommand c, CancellationToken cancellationToken)
    {
        if (!DataRights.CanAct(viewer.Current) || !await people.InReach(viewer.Current, c.PersonId, cancellationToken))
        {
            throw new NotFoundException("person", c.PersonId);
        }

        var reason = Text.Clean(c.Reason);
        if (c.Hold && reason is null)
        {
            throw ValidationException.For("Reason", "Enter why their records must be kept, like “Safeguarding enquiry, council reference 1234”");
        }

        if (reason is { Length: > PersonRules.ShortTextMaxLength })
        {
            throw ValidationException.For("Reason", $"The reason must be {PersonRules.ShortTextMaxLength} characters or fewer");
        }

        await store.SetHold(c.PersonId, c.Hold ? reason : null, viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(c.Hold ? AuditActions.LegalHoldSet : AuditActions.LegalHoldReleased, "person", c.PersonId.ToString()), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Erases a person's details for good. Refused while a legal hold is set.</summary>
public sealed record ErasePersonCommand(long PersonId, bool Confirmed) : ICommand;

public sealed class ErasePersonHandler(IErasureStore store, IPeopleStore people, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<ErasePersonCommand>
{
    public async ValueTask<Unit> Handle(ErasePersonCommand c, CancellationToken cancellationToken)
    {
        if (!DataRights.CanAct(viewer.Current) || !await people.InReach(viewer.Current, c.PersonId, cancellationToken)
            || await store.Find(c.PersonId, cancellationToken) is not { } state)
        {
            throw new NotFoundException("person", c.PersonId);
        }

        if (state.Hold is { } hold)
        {
            throw ValidationException.For("Confirmed",
                $"Their records are on legal hold, set by {hold.SetByName ?? "someone"} on {Display.Date(hold.SetAt)}: {hold.Reason}. Release the hold first");
        }

        if (state.ErasedAt is not null)
        {
            throw ValidationException.For("Confirmed", "Their details have already been erased");
        }

        if (!c.Confirmed)
        {
            throw ValidationException.For("Confirmed", "Confirm that their details should be erased: it cannot be undone");
        }

        await store.Erase([c.PersonId], clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.PersonErased, "person", c.PersonId.ToString()), cancellationToken);
        return Unit.Value;
    }
}
