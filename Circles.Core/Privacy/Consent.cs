using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Privacy;

public interface IConsentStore
{
    /// <summary>Records consent to hold their details, given on a day in a way, and clears any earlier withdrawal.</summary>
    Task Record(long personId, DateOnly givenOn, string method, long recordedBy, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: marks consent withdrawn, stops emails and texts to them (so messages waiting to go are
    /// suppressed at once and no new ones are planned) and pauses their check-in cadence. Returns how many waiting
    /// messages were stopped.
    /// </summary>
    Task<int> Withdraw(long personId, string how, long recordedBy, DateOnly today, DateTimeOffset at, CancellationToken cancellationToken);
}

public static class ConsentRules
{
    public const string PausedBecause = "Consent to hold their details withdrawn";
}

/// <summary>Consent to hold someone's details, recorded (or recorded again) after the introduction.</summary>
public sealed record RecordConsentCommand : ICommand, IPersonForm
{
    public long PersonId { get; init; }

    public string? Method { get; init; }

    public string? GivenOnDay { get; init; }

    public string? GivenOnMonth { get; init; }

    public string? GivenOnYear { get; init; }
}

public sealed class RecordConsentValidator(TimeProvider clock) : Validator<RecordConsentCommand>
{
    protected override void Rules(RecordConsentCommand c, Failures failures)
    {
        if (c.Method is null || !PersonRules.ConsentMethods.Contains(c.Method))
        {
            failures.Add("Method", "Choose how the person gave their consent");
        }

        failures.PastDate("GivenOnDay", c.GivenOnDay, c.GivenOnMonth, c.GivenOnYear, "The date they gave consent", "Enter the date they gave consent", "The date they gave consent must be today or in the past", UkTime.Today(clock));
    }
}

public sealed class RecordConsentHandler(IPeopleStore people, IConsentStore consent, ICurrentViewer viewer, IAuditLog audit) : ICommandHandler<RecordConsentCommand>
{
    public async ValueTask<Unit> Handle(RecordConsentCommand command, CancellationToken cancellationToken)
    {
        var person = await people.Find(viewer.Current, command.PersonId, cancellationToken) ?? throw new NotFoundException("person", command.PersonId);
        UkFormats.ReadDate(command.GivenOnDay, command.GivenOnMonth, command.GivenOnYear, "", out var on);
        if (person.ConsentWithdrawnOn is { } withdrawn && on < withdrawn)
        {
            throw ValidationException.For("GivenOnDay", $"They withdrew consent on {Display.Date(withdrawn)}: enter when they gave it again, on or after that day");
        }

        await consent.Record(command.PersonId, on!.Value, command.Method!, viewer.Current.UserId, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.ConsentRecorded, "person", command.PersonId.ToString(), $"{command.Method}, {on:yyyy-MM-dd}"), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>The person no longer agrees to us holding their details: stop contacting them at once.</summary>
public sealed record WithdrawConsentCommand : ICommand<int>, IPersonForm
{
    public long PersonId { get; init; }

    public string? How { get; init; }

    public bool Confirmed { get; init; }
}

public sealed class WithdrawConsentValidator : Validator<WithdrawConsentCommand>
{
    protected override void Rules(WithdrawConsentCommand c, Failures failures)
    {
        if (c.How is null || !PersonRules.ConsentMethods.Contains(c.How))
        {
            failures.Add("How", "Choose how the person told us");
        }

        if (!c.Confirmed)
        {
            failures.Add("Confirmed", "Confirm that the person has withdrawn their consent");
        }
    }
}

public sealed class WithdrawConsentHandler(IPeopleStore people, IConsentStore consent, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<WithdrawConsentCommand, int>
{
    public async ValueTask<int> Handle(WithdrawConsentCommand command, CancellationToken cancellationToken)
    {
        _ = await people.Find(viewer.Current, command.PersonId, cancellationToken) ?? throw new NotFoundException("person", command.PersonId);
        var stopped = await consent.Withdraw(command.PersonId, command.How!, viewer.Current.UserId, UkTime.Today(clock), clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.ConsentWithdrawn, "person", command.PersonId.ToString(), $"{command.How}; {stopped} waiting messages stopped"), cancellationToken);
        return stopped;
    }
}
