using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Privacy;

/// <summary>Someone whose involvement has ended: no open introduction, no open circle of theirs, in no open circle.</summary>
public sealed record RetentionCandidate
{
    public long PersonId { get; init; }

    public string FullName { get; init; } = "";

    public string? AreaName { get; init; }

    /// <summary>The last thing that happened with them: a contact, check-in, introduction, meeting or circle change.</summary>
    public string LastActivity { get; init; } = "";

    public bool OnHold { get; init; }
}

public interface IRetentionStore
{
    /// <summary>People whose involvement ended and whose last activity was before the moment, oldest first.</summary>
    Task<IReadOnlyList<RetentionCandidate>> Ended(DateTimeOffset before, CancellationToken cancellationToken);
}

public static class RetentionRule
{
    public const int DefaultYears = 6;

    /// <summary>Last activity before this moment means their details are due to go.</summary>
    public static DateTimeOffset Cutoff(DateTimeOffset now, int years) => now.AddYears(-years);
}

/// <summary>The nightly sweep: erases everyone due, except those on legal hold. Returns how many were erased.</summary>
public sealed record RunRetentionCommand : ICommand<int>;

public sealed class RunRetentionHandler(IRetentionStore retention, IErasureStore erasure, Settings.ISettingsStore settings, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RunRetentionCommand, int>
{
    public async ValueTask<int> Handle(RunRetentionCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var years = Settings.GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken)).RetentionYears;
        var due = (await retention.Ended(RetentionRule.Cutoff(now, years), cancellationToken)).Where(c => !c.OnHold).Select(c => c.PersonId).ToList();
        await erasure.Erase(due, now, cancellationToken);
        foreach (var id in due)
        {
            await audit.RecordAs(null, new AuditEntry(AuditActions.PersonErased, "person", id.ToString(), $"Retention: nothing for {years} years"), cancellationToken);
        }

        return due.Count;
    }
}

/// <summary>For administrators: who is due to be erased within the next month, and who is held back.</summary>
public sealed record ListRetentionDueQuery : IQuery<RetentionDue>;

public sealed record RetentionDue(int Years, IReadOnlyList<RetentionCandidate> NextMonth);

public sealed class ListRetentionDueHandler(IRetentionStore retention, Settings.ISettingsStore settings, ICurrentViewer viewer, TimeProvider clock)
    : IQueryHandler<ListRetentionDueQuery, RetentionDue>
{
    public async ValueTask<RetentionDue> Handle(ListRetentionDueQuery query, CancellationToken cancellationToken)
    {
        if (!viewer.Current.IsAdministrator)
        {
            throw new NotFoundException("retention", "due");
        }

        var now = clock.GetUtcNow();
        var years = Settings.GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken)).RetentionYears;
        // Due within a month: their last activity is before the cutoff a month from now (anyone past it already goes tonight).
        return new RetentionDue(years, await retention.Ended(RetentionRule.Cutoff(now.AddMonths(1), years), cancellationToken));
    }
}
