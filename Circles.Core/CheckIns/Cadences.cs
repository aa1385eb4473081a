using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.CheckIns;

/// <summary>A person's check-in cadence, with the last time anyone was in touch.</summary>
public sealed record CadenceDetails : ICadenceClock
{
    public long PersonId { get; init; }

    public int IdealDays { get; init; }

    public int MaximumDays { get; init; }

    public DateOnly StartedOn { get; init; }

    public long? CheckerUserId { get; init; }

    public string? CheckerName { get; init; }

    public string? PausedReason { get; init; }

    public DateOnly? PausedOn { get; init; }

    /// <summary>Since when the person agreed to be sent the check-in question by text or email; null if they have not.</summary>
    public DateOnly? AskByMessageSince { get; init; }

    /// <summary>The latest contact of any kind: a logged call, visit or message, or a meeting they came to.</summary>
    public DateTimeOffset? LastContactAt { get; init; }

    public bool IsPaused => PausedReason is not null;
}

public interface ICheckInStore
{
    Task<CadenceDetails?> FindCadence(long personId, CancellationToken cancellationToken);

    /// <summary>People on a cadence and not paused, in reach, longest without contact first.</summary>
    Task<Page<DriftingPerson>> ListDrifting(Viewer viewer, DriftingFilter filter, Paging paging, CancellationToken cancellationToken);

    /// <summary>Everyone who checks in with someone in the viewer's reach, for the drifting list's filter.</summary>
    Task<IReadOnlyList<Checker>> Checkers(Viewer viewer, CancellationToken cancellationToken);

    Task SetCadence(long personId, Cadence cadence, long? checkerUserId, string? pausedReason, bool askByMessage, DateOnly today, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>See <see cref="AnswerAccess"/>.</summary>
    Task<bool> CanSeeAnswers(Viewer viewer, long personId, CancellationToken cancellationToken);

    /// <summary>Saves the check-in and its answers, and the follow-up they call for, in one transaction.</summary>
    Task<long> Record(NewCheckIn checkIn, NewFollowUp? followUp, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every check-in with its answers, newest first.</summary>
    Task<IReadOnlyList<CheckInRecord>> History(long personId, CancellationToken cancellationToken);

    /// <summary>For each person in the area who has answered the ONS direct question: their first answer and their latest.</summary>
    Task<IReadOnlyList<FirstAndLatest>> FirstAndLatestOnsAnswers(long areaId, CancellationToken cancellationToken);
}

public sealed record GetCadenceQuery(long PersonId) : IQuery<CadenceDetails?>;

public sealed class GetCadenceHandler(ICheckInStore checkIns, PersonReach reach) : IQueryHandler<GetCadenceQuery, CadenceDetails?>
{
    public async ValueTask<CadenceDetails?> Handle(GetCadenceQuery query, CancellationToken cancellationToken)
    {
        await reach.Require(query.PersonId, cancellationToken);
        return await checkIns.FindCadence(query.PersonId, cancellationToken);
    }
}

/// <summary>Sets how often someone should hear from us and who checks in; or pauses it, with a reason.</summary>
public sealed record SetCadenceCommand : ICommand, IPersonForm
{
    public long PersonId { get; init; }

    public string? IdealDays { get; init; }

    public string? MaximumDays { get; init; }

    public long? CheckerUserId { get; init; }

    public bool Paused { get; init; }

    public string? PausedReason { get; init; }

    /// <summary>The person agreed to be sent the check-in question by text or email.</summary>
    public bool AskByMessage { get; init; }
}

public sealed class SetCadenceValidator : Validator<SetCadenceCommand>
{
    public const int ReasonMaxLength = 500;

    protected override void Rules(SetCadenceCommand c, Failures failures)
    {
        var ideal = Text.WholeNumber(c.IdealDays);
        var maximum = Text.WholeNumber(c.MaximumDays);
        if (ideal is null)
        {
            failures.Add("IdealDays", $"Enter how often, ideally, as a number of days from 1 to {Cadence.LongestDays}");
        }

        if (maximum is null)
        {
            failures.Add("MaximumDays", $"Enter the longest gap as a number of days from 1 to {Cadence.LongestDays}");
        }

        if (ideal is { } i && maximum is { } m && Cadence.Problem(i, m) is { } problem)
        {
            failures.Add(i is < 1 or > Cadence.LongestDays ? "IdealDays" : "MaximumDays", problem);
        }

        if (c.Paused)
        {
            failures.Required("PausedReason", c.PausedReason, "Enter why check-ins are paused, for example in hospital until March");
        }

        failures.MaxLength("PausedReason", c.PausedReason?.Trim(), ReasonMaxLength, "Why they are paused");
    }

}

public sealed class SetCadenceHandler(ICheckInStore checkIns, IPeopleStore people, IAuditLog audit, TimeProvider clock, PersonReach reach)
    : ICommandHandler<SetCadenceCommand>
{
    public async ValueTask<Unit> Handle(SetCadenceCommand c, CancellationToken cancellationToken)
    {
        var person = await reach.Read(c.PersonId, cancellationToken);
        if (!c.Paused && person.ConsentWithdrawnOn is not null)
        {
            throw ValidationException.For("Paused", "They have withdrawn consent to us holding their details: record their consent again before checking in with them");
        }

        if (c.CheckerUserId is { } checker && (await people.IntroductionHolders(c.PersonId, cancellationToken)).All(h => h.UserId != checker))
        {
            throw ValidationException.For("CheckerUserId", "Choose who checks in from the list");
        }

        var cadence = new Cadence(Text.WholeNumber(c.IdealDays)!.Value, Text.WholeNumber(c.MaximumDays)!.Value);
        var reason = c.Paused ? Text.Clean(c.PausedReason) : null;
        await checkIns.SetCadence(c.PersonId, cadence, c.CheckerUserId, reason, c.AskByMessage, UkTime.Today(clock), clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.PersonChanged, "person", c.PersonId.ToString(),
            $"Check-ins every {cadence.IdealDays} days, at most {cadence.MaximumDays}{(reason is null ? "" : ", paused")}{(c.AskByMessage ? ", asked by message" : "")}"), cancellationToken);
        return Unit.Value;
    }
}
