using Circles.Core.Accounts;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Volunteering;

public static class VolunteerStatuses
{
    public const string Applied = "applied";
    public const string Screening = "screening";
    public const string Approved = "approved";
    public const string Inactive = "inactive";

    public static IReadOnlyList<Assets.Term> All { get; } =
        [new(Applied, "Applied"), new(Screening, "In screening"), new(Approved, "Approved"), new(Inactive, "Inactive")];

    public static IReadOnlyList<Assets.Term> InactiveReasons { get; } =
        [new("rejected", "Not taken forward"), new("withdrew", "Withdrew"), new("moved_on", "Moved on")];

    public static string Label(string? status) => All.FirstOrDefault(s => s.Key == status)?.Label ?? status ?? "";

    public static string ReasonLabel(string? reason) => InactiveReasons.FirstOrDefault(s => s.Key == reason)?.Label ?? reason ?? "";
}

public sealed record VolunteerSummary
{
    public long Id { get; init; }

    public string FullName { get; init; } = "";

    public string Status { get; init; } = "";

    public string? InactiveReason { get; init; }

    public string AreaName { get; init; } = "";

    public string? OpportunityTitle { get; init; }

    public DateTimeOffset AppliedAt { get; init; }
}

public sealed record RefereeRecord
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string Contact { get; init; } = "";

    public string Relationship { get; init; } = "";

    public DateOnly? RequestedOn { get; init; }

    public DateOnly? ReceivedOn { get; init; }
}

public sealed record VolunteerEvent
{
    public string Kind { get; init; } = "";

    public string Detail { get; init; } = "";

    public DateOnly HappenedOn { get; init; }

    public string? RecordedByName { get; init; }
}

public sealed record VolunteerRecord
{
    public long Id { get; init; }

    public string FullName { get; init; } = "";

    public string Email { get; init; } = "";

    public string? Phone { get; init; }

    public string? Postcode { get; init; }

    public string Interests { get; init; } = "";

    public string Availability { get; init; } = "";

    public string Motivation { get; init; } = "";

    public long AreaId { get; init; }

    public string AreaName { get; init; } = "";

    public string? OpportunityTitle { get; init; }

    public string Status { get; init; } = "";

    public string? InactiveReason { get; init; }

    public long? UserId { get; init; }

    public string? AppreciatedFor { get; init; }

    public string? ImportantToThem { get; init; }

    public string? BestSupportedBy { get; init; }

    public DateTimeOffset AppliedAt { get; init; }

    public IReadOnlyList<RefereeRecord> Referees { get; init; } = [];

    public IReadOnlyList<VolunteerEvent> History { get; init; } = [];

    public bool ReferencesReceived => Referees.Count > 0 && Referees.All(r => r.ReceivedOn is not null);
}

public interface IScreeningStore
{
    Task<Page<VolunteerSummary>> List(Viewer viewer, string? status, Paging paging, CancellationToken cancellationToken);

    Task<VolunteerRecord?> Find(long id, CancellationToken cancellationToken);

    Task SetStatus(long id, string status, string? reason, string detail, long by, DateTimeOffset at, CancellationToken cancellationToken);

    Task<bool> MarkReferee(long id, long refereeId, bool received, DateOnly on, long by, DateTimeOffset at, CancellationToken cancellationToken);

    Task AddEvent(long id, string kind, string detail, DateOnly on, long by, DateTimeOffset at, CancellationToken cancellationToken);

    Task SaveProfile(long id, string? appreciatedFor, string? importantToThem, string? bestSupportedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Approved volunteers in an area, by name, for adding to a circle.</summary>
    Task<IReadOnlyList<VolunteerSummary>> Approved(long areaId, CancellationToken cancellationToken);

    /// <summary>Approved: linked to their new account, with their postcode, interests and free times copied for matching.</summary>
    Task Approve(long id, long userId, long by, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>Creates a Volunteer account and sends its invitation: the platform's own invitation flow, behind a port.</summary>
public interface IVolunteerAccounts
{
    /// <summary>The new user's id; a validation failure when the email address already has an account.</summary>
    Task<long> Invite(string name, string email, long areaId, CancellationToken cancellationToken);
}

public static class Screen
{
    /// <summary>Screening is the coordinators' work (and administrators'): connectors do not see applications.</summary>
    public static bool Can(Viewer viewer, long? areaId) => viewer.CoordinatesArea(areaId);

    public static bool CanAny(Viewer viewer) => viewer.CoordinatesAnyArea;

    internal static async Task<VolunteerRecord> Require(IScreeningStore store, ICurrentViewer viewer, long id, CancellationToken cancellationToken) =>
        await store.Find(id, cancellationToken) is { } found && Can(viewer.Current, found.AreaId) ? found : throw new NotFoundException("volunteer", id);
}

/// <summary>The area's approved volunteers, for staff adding one to a circle.</summary>
public sealed record ListApprovedVolunteersQuery(long AreaId) : IQuery<IReadOnlyList<VolunteerSummary>>;

public sealed class ListApprovedVolunteersHandler(IScreeningStore store, ICurrentViewer viewer) : IQueryHandler<ListApprovedVolunteersQuery, IReadOnlyList<VolunteerSummary>>
{
    public async ValueTask<IReadOnlyList<VolunteerSummary>> Handle(ListApprovedVolunteersQuery query, CancellationToken cancellationToken) =>
        viewer.Current.WorksWithPeople && viewer.Current.CanSeeArea(query.AreaId) ? await store.Approved(query.AreaId, cancellationToken) : [];
}

public sealed record ListVolunteersQuery(string? Status, int? Page) : IQuery<Page<VolunteerSummary>>;

public sealed class ListVolunteersHandler(IScreeningStore store, ICurrentViewer viewer) : IQueryHandler<ListVolunteersQuery, Page<VolunteerSummary>>
{
    public async ValueTask<Page<VolunteerSummary>> Handle(ListVolunteersQuery query, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        if (!Screen.CanAny(who))
        {
            throw new NotFoundException("volunteer", "list");
        }

        var status = VolunteerStatuses.All.Any(s => s.Key == query.Status) ? query.Status : null;
        return await store.List(who, status, Paging.From(query.Page), cancellationToken);
    }
}

/// <summary>An application and its screening. Every view is audited: it holds someone's details and referees'.</summary>
public sealed record GetVolunteerQuery(long Id) : IQuery<VolunteerRecord>;

public sealed class GetVolunteerHandler(IScreeningStore store, ICurrentViewer viewer, IAuditLog audit) : IQueryHandler<GetVolunteerQuery, VolunteerRecord>
{
    public async ValueTask<VolunteerRecord> Handle(GetVolunteerQuery query, CancellationToken cancellationToken)
    {
        var found = await Screen.Require(store, viewer, query.Id, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.VolunteerViewed, "volunteer", query.Id.ToString()), cancellationToken);
        return found;
    }
}

/// <summary>Moves an application on: into screening, or to inactive with a reason; back to screening to reopen it.</summary>
public sealed record ChangeVolunteerStatusCommand(long VolunteerId, string? Status, string? Reason) : ICommand;

public sealed class ChangeVolunteerStatusHandler(IScreeningStore store, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<ChangeVolunteerStatusCommand>
{
    public async ValueTask<Unit> Handle(ChangeVolunteerStatusCommand c, CancellationToken cancellationToken)
    {
        var volunteer = await Screen.Require(store, viewer, c.VolunteerId, cancellationToken);
        string detail;
        switch (c.Status)
        {
            case VolunteerStatuses.Screening when volunteer.Status is VolunteerStatuses.Applied or VolunteerStatuses.Inactive:
                detail = volunteer.Status == VolunteerStatuses.Applied ? "Screening started" : "Reopened";
                break;
            case VolunteerStatuses.Inactive when volunteer.Status != VolunteerStatuses.Inactive:
                if (VolunteerStatuses.InactiveReasons.All(r => r.Key != c.Reason))
                {
                    throw ValidationException.For("Reason", "Choose why they are no longer going ahead");
                }

                detail = "Inactive: " + VolunteerStatuses.ReasonLabel(c.Reason);
                break;
            default:
                throw ValidationException.For("Status", $"An application that is {VolunteerStatuses.Label(volunteer.Status).ToLowerInvariant()} cannot move to that");
        }

        await store.SetStatus(volunteer.Id, c.Status, c.Status == VolunteerStatuses.Inactive ? c.Reason : null, detail, viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.VolunteerScreened, "volunteer", volunteer.Id.ToString(), detail), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>A reference asked for, or received, today.</summary>
public sealed record MarkRefereeCommand(long VolunteerId, long RefereeId, bool Received) : ICommand;

public sealed class MarkRefereeHandler(IScreeningStore store, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<MarkRefereeCommand>
{
    public async ValueTask<Unit> Handle(MarkRefereeCommand c, CancellationToken cancellationToken)
    {
        var volunteer = await Screen.Require(store, viewer, c.VolunteerId, cancellationToken);
        if (!await store.MarkReferee(volunteer.Id, c.RefereeId, c.Received, UkTime.Today(clock), viewer.Current.UserId, clock.GetUtcNow(), cancellationToken))
        {
            throw new NotFoundException("referee", c.RefereeId);
        }

        await audit.Record(new AuditEntry(AuditActions.VolunteerScreened, "volunteer", volunteer.Id.ToString(), c.Received ? "Reference received" : "Reference requested"), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>A conversation or a training course, with its date.</summary>
public sealed record AddScreeningNoteCommand : ICommand
{
    public long VolunteerId { get; init; }

    public string? Kind { get; init; }

    public string? Note { get; init; }

    public string? OnDay { get; init; }

    public string? OnMonth { get; init; }

    public string? OnYear { get; init; }
}

public sealed class AddScreeningNoteValidator(TimeProvider clock) : Validator<AddScreeningNoteCommand>
{
    protected override void Rules(AddScreeningNoteCommand c, Failures failures)
    {
        if (c.Kind is not ("conversation" or "training"))
        {
            failures.Add("Kind", "Choose a conversation or training");
        }

        failures.Required("Note", c.Note, "Enter what was talked about, or the training they completed");
        failures.MaxLength("Note", c.Note?.Trim(), PersonRules.LongTextMaxLength, "Note");
        failures.PastDate("OnDay", c.OnDay, c.OnMonth, c.OnYear, "Date", "Enter the date", "The date must be today or in the past", UkTime.Today(clock));
    }
}

public sealed class AddScreeningNoteHandler(IScreeningStore store, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<AddScreeningNoteCommand>
{
    public async ValueTask<Unit> Handle(AddScreeningNoteCommand c, CancellationToken cancellationToken)
    {
        var volunteer = await Screen.Require(store, viewer, c.VolunteerId, cancellationToken);
        UkFormats.ReadDate(c.OnDay, c.OnMonth, c.OnYear, "", out var on);
        await store.AddEvent(volunteer.Id, c.Kind!, c.Note!.Trim(), on!.Value, viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.VolunteerScreened, "volunteer", volunteer.Id.ToString(), c.Kind == "training" ? "Training recorded" : "Conversation recorded"), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>The volunteer's one-page profile: what people appreciate, what matters to them, how to support them.</summary>
public sealed record SaveVolunteerProfileCommand : ICommand
{
    public long VolunteerId { get; init; }

    public string? AppreciatedFor { get; init; }

    public string? ImportantToThem { get; init; }

    public string? BestSupportedBy { get; init; }
}

public sealed class SaveVolunteerProfileValidator : Validator<SaveVolunteerProfileCommand>
{
    protected override void Rules(SaveVolunteerProfileCommand c, Failures failures)
    {
        failures.MaxLength("AppreciatedFor", c.AppreciatedFor?.Trim(), PersonRules.LongTextMaxLength, "What people appreciate");
        failures.MaxLength("ImportantToThem", c.ImportantToThem?.Trim(), PersonRules.LongTextMaxLength, "What is important to them");
        failures.MaxLength("BestSupportedBy", c.BestSupportedBy?.Trim(), PersonRules.LongTextMaxLength, "How best to support them");
    }
}

public sealed class SaveVolunteerProfileHandler(IScreeningStore store, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<SaveVolunteerProfileCommand>
{
    public async ValueTask<Unit> Handle(SaveVolunteerProfileCommand c, CancellationToken cancellationToken)
    {
        var volunteer = await Screen.Require(store, viewer, c.VolunteerId, cancellationToken);
        await store.SaveProfile(volunteer.Id, Text.Clean(c.AppreciatedFor), Text.Clean(c.ImportantToThem), Text.Clean(c.BestSupportedBy), clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.VolunteerScreened, "volunteer", volunteer.Id.ToString(), "One-page profile saved"), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Approves someone in screening whose references are in, and invites them to make a Volunteer account.</summary>
public sealed record ApproveVolunteerCommand(long VolunteerId) : ICommand;

public sealed class ApproveVolunteerHandler(IScreeningStore store, IVolunteerAccounts accounts, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ApproveVolunteerCommand>
{
    public async ValueTask<Unit> Handle(ApproveVolunteerCommand c, CancellationToken cancellationToken)
    {
        var volunteer = await Screen.Require(store, viewer, c.VolunteerId, cancellationToken);
        if (volunteer.Status != VolunteerStatuses.Screening)
        {
            throw ValidationException.For("", "Only someone in screening can be approved: start screening first");
        }

        if (!volunteer.ReferencesReceived)
        {
            throw ValidationException.For("", "Both references must be received before approval: mark each one received when it arrives");
        }

        // Reopened after leaving, they already have an account: it is theirs again, with no new invitation.
        var userId = volunteer.UserId ?? await accounts.Invite(volunteer.FullName, volunteer.Email, volunteer.AreaId, cancellationToken);
        await store.Approve(volunteer.Id, userId, viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.VolunteerApproved, "volunteer", volunteer.Id.ToString(), $"Invited as user {userId}"), cancellationToken);
        return Unit.Value;
    }
}
