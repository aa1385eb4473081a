using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.People;

public static class ContactKinds
{
    public const string Call = "call";
    public const string Visit = "visit";
    public const string Message = "message";
    public const string Meeting = "meeting";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Call, Visit, Message, Meeting, Other];

    public static string Describe(string kind) => kind switch
    {
        Call => "Phone call",
        Visit => "Visit",
        Message => "Message (text, email or letter)",
        Meeting => "Meeting",
        _ => "Other",
    };
}

public sealed record ContactRecord
{
    public long Id { get; init; }

    public string Kind { get; init; } = "";

    public DateTimeOffset ContactedAt { get; init; }

    public string? ByName { get; init; }

    public string? Notes { get; init; }
}

public sealed record ContributionRecord
{
    public long Id { get; init; }

    public string What { get; init; } = "";

    public string? ToWhom { get; init; }

    public DateOnly GivenOn { get; init; }
}

public sealed record GoalRecord
{
    public long Id { get; init; }

    public string Goal { get; init; } = "";

    public string Status { get; init; } = "";
}

public sealed record PersonLog(IReadOnlyList<ContactRecord> Contacts, IReadOnlyList<ContributionRecord> Contributions, IReadOnlyList<GoalRecord> Goals);

public interface IPersonLogStore
{
    Task<PersonLog> Read(long personId, CancellationToken cancellationToken);

    Task<long> AddContact(long personId, string kind, DateTimeOffset at, string? notes, long byUserId, DateTimeOffset recordedAt, CancellationToken cancellationToken);

    Task<long> AddContribution(long personId, string what, string? toWhom, DateOnly givenOn, long byUserId, DateTimeOffset recordedAt, CancellationToken cancellationToken);

    Task<long> AddGoal(long personId, string goal, DateTimeOffset recordedAt, CancellationToken cancellationToken);

    Task<bool> SetGoalStatus(long personId, long goalId, string status, DateOnly? achievedOn, CancellationToken cancellationToken);
}

public sealed record GetPersonLogQuery(long PersonId) : IQuery<PersonLog>;

public sealed class GetPersonLogHandler(IPersonLogStore log, PersonReach reach) : IQueryHandler<GetPersonLogQuery, PersonLog>
{
    public async ValueTask<PersonLog> Handle(GetPersonLogQuery query, CancellationToken cancellationToken)
    {
        await reach.Require(query.PersonId, cancellationToken);
        return await log.Read(query.PersonId, cancellationToken);
    }
}

/// <summary>A form about one person: its page shows their name.</summary>
public interface IPersonForm
{
    long PersonId { get; }
}

/// <summary>
/// Whether a person is in the viewer's reach, asked of the database once a request: a person's page runs several use
/// cases (their details, log, check-in cadence, connections…) and each must check before it reads.
/// </summary>
public sealed class PersonReach(IPeopleStore people, ICurrentViewer viewer)
{
    private readonly Dictionary<long, bool> _known = [];

    public async Task Require(long personId, CancellationToken cancellationToken)
    {
        if (!viewer.Current.WorksWithPeople || !await InReach(personId, cancellationToken))
        {
            throw new NotFoundException("person", personId);
        }
    }

    /// <summary>The person's record, read within the viewer's reach; it answers <see cref="Require"/> for the rest of the request.</summary>
    public async Task<PersonDetails> Read(long personId, CancellationToken cancellationToken)
    {
        var person = viewer.Current.WorksWithPeople ? await people.Find(viewer.Current, personId, cancellationToken) : null;
        _known[personId] = person is not null;
        return person ?? throw new NotFoundException("person", personId);
    }

    private async Task<bool> InReach(long personId, CancellationToken cancellationToken)
    {
        if (!_known.TryGetValue(personId, out var inReach))
        {
            inReach = _known[personId] = await people.InReach(viewer.Current, personId, cancellationToken);
        }

        return inReach;
    }
}

public sealed record LogContactCommand : ICommand<long>, IPersonForm
{
    public long PersonId { get; init; }

    public string? Kind { get; init; }

    public string? OnDay { get; init; }

    public string? OnMonth { get; init; }

    public string? OnYear { get; init; }

    public string? Time { get; init; }

    public string? Notes { get; init; }
}

public sealed class LogContactValidator(TimeProvider clock) : Validator<LogContactCommand>
{
    protected override void Rules(LogContactCommand c, Failures failures)
    {
        if (c.Kind is null || !ContactKinds.All.Contains(c.Kind))
        {
            failures.Add("Kind", "Choose the kind of contact");
        }

        failures.PastDate("OnDay", c.OnDay, c.OnMonth, c.OnYear, "Date of the contact", "Enter the date of the contact", "Date of the contact must be today or in the past", UkTime.Today(clock));

        if (!string.IsNullOrWhiteSpace(c.Time) && UkFormats.ReadTime(c.Time, "time", out _) is { } timeProblem)
        {
            failures.Add("Time", timeProblem);
        }

        failures.MaxLength("Notes", c.Notes?.Trim(), PersonRules.LongTextMaxLength, "Notes");
    }
}

public sealed class LogContactHandler(IPersonLogStore log, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock, PersonReach reach)
    : ICommandHandler<LogContactCommand, long>
{
    public async ValueTask<long> Handle(LogContactCommand c, CancellationToken cancellationToken)
    {
        await reach.Require(c.PersonId, cancellationToken);
        UkFormats.ReadDate(c.OnDay, c.OnMonth, c.OnYear, "", out var on);
        TimeOnly? time = null;
        if (!string.IsNullOrWhiteSpace(c.Time))
        {
            UkFormats.ReadTime(c.Time, "", out time);
        }

        // A contact at a time the clocks skipped is recorded an hour later, which is what a clock on the wall showed.
        var at = UkTime.ToUtc(on!.Value, time ?? new TimeOnly(12, 0)) ?? UkTime.ToUtc(on.Value, (time ?? new TimeOnly(12, 0)).AddHours(1))!.Value;
        var id = await log.AddContact(c.PersonId, c.Kind!, at, Text.Clean(c.Notes), viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.PersonChanged, "person", c.PersonId.ToString(), $"Contact {id} logged"), cancellationToken);
        return id;
    }
}

public sealed record RecordContributionCommand : ICommand<long>, IPersonForm
{
    public long PersonId { get; init; }

    public string? What { get; init; }

    public string? ToWhom { get; init; }

    public string? GivenOnDay { get; init; }

    public string? GivenOnMonth { get; init; }

    public string? GivenOnYear { get; init; }
}

public sealed class RecordContributionValidator : Validator<RecordContributionCommand>
{
    protected override void Rules(RecordContributionCommand c, Failures failures)
    {
        failures.Required("What", c.What, "Enter what they gave, for example baked for the church coffee morning");
        failures.MaxLength("What", c.What?.Trim(), 500, "What they gave");
        failures.MaxLength("ToWhom", c.ToWhom?.Trim(), 200, "Who it was for");
        failures.RequiredDate("GivenOnDay", c.GivenOnDay, c.GivenOnMonth, c.GivenOnYear, "Date", "Enter the date");
    }
}

public sealed class RecordContributionHandler(IPersonLogStore log, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock, PersonReach reach)
    : ICommandHandler<RecordContributionCommand, long>
{
    public async ValueTask<long> Handle(RecordContributionCommand c, CancellationToken cancellationToken)
    {
        await reach.Require(c.PersonId, cancellationToken);
        UkFormats.ReadDate(c.GivenOnDay, c.GivenOnMonth, c.GivenOnYear, "", out var on);
        var id = await log.AddContribution(c.PersonId, c.What!.Trim(), Text.Clean(c.ToWhom), on!.Value, viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.PersonChanged, "person", c.PersonId.ToString(), $"Contribution {id} recorded"), cancellationToken);
        return id;
    }
}

public sealed record AddGoalCommand : ICommand<long>, IPersonForm
{
    public long PersonId { get; init; }

    public string? Goal { get; init; }
}

public sealed class AddGoalValidator : Validator<AddGoalCommand>
{
    protected override void Rules(AddGoalCommand c, Failures failures)
    {
        failures.Required("Goal", c.Goal, "Enter the goal, in their words");
        failures.MaxLength("Goal", c.Goal?.Trim(), 500, "Goal");
    }
}

public sealed class AddGoalHandler(IPersonLogStore log, IAuditLog audit, TimeProvider clock, PersonReach reach) : ICommandHandler<AddGoalCommand, long>
{
    public async ValueTask<long> Handle(AddGoalCommand c, CancellationToken cancellationToken)
    {
        await reach.Require(c.PersonId, cancellationToken);
        var id = await log.AddGoal(c.PersonId, c.Goal!.Trim(), clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.PersonChanged, "person", c.PersonId.ToString(), $"Goal {id} added"), cancellationToken);
        return id;
    }
}

public sealed record SetGoalStatusCommand(long PersonId, long GoalId, string? Status) : ICommand;

public sealed class SetGoalStatusHandler(IPersonLogStore log, IAuditLog audit, TimeProvider clock, PersonReach reach) : ICommandHandler<SetGoalStatusCommand>
{
    public static IReadOnlyList<string> Statuses { get; } = ["working_on", "achieved", "set_aside"];

    public async ValueTask<Unit> Handle(SetGoalStatusCommand c, CancellationToken cancellationToken)
    {
        await reach.Require(c.PersonId, cancellationToken);
        if (c.Status is null || !Statuses.Contains(c.Status))
        {
            throw ValidationException.For("", "Choose whether the goal is achieved, set aside or still being worked on");
        }

        if (!await log.SetGoalStatus(c.PersonId, c.GoalId, c.Status, c.Status == "achieved" ? UkTime.Today(clock) : null, cancellationToken))
        {
            throw new NotFoundException("goal", c.GoalId);
        }

        await audit.Record(new AuditEntry(AuditActions.PersonChanged, "person", c.PersonId.ToString(), $"Goal {c.GoalId} {c.Status}"), cancellationToken);
        return Unit.Value;
    }
}
