using Circles.Core.Assets;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Messaging;
using Mediator;

namespace Circles.Core.Volunteering;

/// <summary>
/// DBS checks (England). Basic checks suit any role; an enhanced check with the adults' barred list is lawful, and
/// needed, only for regulated activity: health or personal care, social work, help with cash, bills or shopping,
/// help with someone's own affairs under formal appointment, and conveying (DOMAIN.md).
/// </summary>
public static class DbsLevels
{
    public const string Basic = "basic";
    public const string Standard = "standard";
    public const string Enhanced = "enhanced";
    public const string EnhancedBarred = "enhanced_barred";

    public static IReadOnlyList<Term> All { get; } =
    [
        new(Basic, "Basic"), new(Standard, "Standard"), new(Enhanced, "Enhanced"), new(EnhancedBarred, "Enhanced with the adults’ barred list"),
    ];

    public static IReadOnlyList<Term> Workforces { get; } =
        [new("adult", "Adult workforce"), new("adult_and_child", "Adult and child workforce"), new("child", "Child workforce"), new("other", "Other workforce")];

    public static string Label(string? level) => All.FirstOrDefault(l => l.Key == level)?.Label ?? level ?? "";

    public static string WorkforceLabel(string? workforce) => Workforces.FirstOrDefault(w => w.Key == workforce)?.Label ?? workforce ?? "";

    /// <summary>Days before the re-check date that coordinators are reminded.</summary>
    public static IReadOnlyList<int> WarningDays { get; } = [60, 30, 7];

    public const int DefaultRecheckYears = 3;
}

public sealed record DbsCheck
{
    public long Id { get; init; }

    public long VolunteerId { get; init; }

    public string Level { get; init; } = "";

    public string Workforce { get; init; } = "";

    public DateOnly IssuedOn { get; init; }

    public string CertificateNumber { get; init; } = "";

    public bool UpdateService { get; init; }

    public DateOnly? StatusCheckedOn { get; init; }

    public DateOnly RecheckDueOn { get; init; }

    public bool InDateOn(DateOnly day) => RecheckDueOn > day;

    /// <summary>Good for regulated activity with adults: enhanced, barred list, adult workforce, and in date.</summary>
    public bool CoversRegulatedActivityOn(DateOnly day) =>
        Level == DbsLevels.EnhancedBarred && Workforce is "adult" or "adult_and_child" && InDateOn(day);
}

/// <summary>Task-level vetting: what a volunteer needs before they may be given regulated activity, in words.</summary>
public static class Vetting
{
    /// <summary>Null when they may do it; otherwise why not and what is missing.</summary>
    public static string? Refusal(string regulatedActivity, DbsCheck? enhancedBarred, DateOnly today)
    {
        if (enhancedBarred?.CoversRegulatedActivityOn(today) == true)
        {
            return null;
        }

        var what = $"“{Circles.RegulatedActivities.Describe(regulatedActivity)}” is regulated activity, so the volunteer needs an in-date enhanced DBS check with the adults’ barred list";
        return enhancedBarred switch
        {
            null => what + ": none is recorded for them. A coordinator can record one on their volunteer record",
            { Workforce: not ("adult" or "adult_and_child") } => what + $": theirs is for the {DbsLevels.WorkforceLabel(enhancedBarred.Workforce).ToLowerInvariant()}",
            _ => what + $": theirs was due to be checked again on {Display.Date(enhancedBarred.RecheckDueOn)}",
        };
    }
}

/// <summary>The volunteer's latest check, for lists: name and area only, never the certificate.</summary>
public sealed record DbsDue
{
    public long VolunteerId { get; init; }

    public string FullName { get; init; } = "";

    public long AreaId { get; init; }

    public string AreaName { get; init; } = "";

    public string Level { get; init; } = "";

    public long CheckId { get; init; }

    public DateOnly RecheckDueOn { get; init; }
}

public interface IDbsStore
{
    Task<long> Add(long volunteerId, DbsCheck check, long by, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<DbsCheck>> ForVolunteer(long volunteerId, CancellationToken cancellationToken);

    /// <summary>Each approved or screening volunteer's latest check due on or before the day, soonest first.</summary>
    Task<IReadOnlyList<DbsDue>> DueBy(Viewer? viewer, DateOnly day, CancellationToken cancellationToken);

    /// <summary>Latest checks whose re-check date is one of these days, with the coordinators of the volunteer's area.</summary>
    Task<IReadOnlyList<(DbsDue Check, IReadOnlyList<Contact> Coordinators)>> DueOn(IReadOnlyCollection<DateOnly> days, CancellationToken cancellationToken);

    /// <summary>Records an Update Service status check on the day: the re-check date moves on from it. False when not theirs.</summary>
    Task<bool> StatusChecked(long volunteerId, long checkId, DateOnly on, DateOnly recheckDueOn, long by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The volunteer behind a circle member, if they are one of ours, with their latest enhanced check with the barred list.</summary>
    Task<(long VolunteerId, DbsCheck? Latest)?> ForMember(long memberId, CancellationToken cancellationToken);
}

public sealed record RecordDbsCheckCommand : ICommand<long>
{
    public long VolunteerId { get; init; }

    public string? Level { get; init; }

    public string? Workforce { get; init; }

    public string? IssuedOnDay { get; init; }

    public string? IssuedOnMonth { get; init; }

    public string? IssuedOnYear { get; init; }

    public string? CertificateNumber { get; init; }

    public bool UpdateService { get; init; }
}

public sealed class RecordDbsCheckValidator(TimeProvider clock) : Validator<RecordDbsCheckCommand>
{
    protected override void Rules(RecordDbsCheckCommand c, Failures failures)
    {
        if (DbsLevels.All.All(l => l.Key != c.Level))
        {
            failures.Add("Level", "Choose the level of check");
        }

        if (DbsLevels.Workforces.All(w => w.Key != c.Workforce))
        {
            failures.Add("Workforce", "Choose the workforce on the certificate");
        }

        failures.PastDate("IssuedOnDay", c.IssuedOnDay, c.IssuedOnMonth, c.IssuedOnYear, "Date of issue", "Enter the date the certificate was issued", "The date of issue must be today or in the past", UkTime.Today(clock));

        // A DBS certificate number is 12 digits.
        var digits = new string((c.CertificateNumber ?? "").Where(ch => !char.IsWhiteSpace(ch)).ToArray());
        if (digits.Length != 12 || !digits.All(char.IsAsciiDigit))
        {
            failures.Add("CertificateNumber", "Enter the 12-digit certificate number, like 001234567890");
        }
    }
}

public sealed class RecordDbsCheckHandler(IDbsStore checks, IScreeningStore volunteers, Settings.ISettingsStore settings, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RecordDbsCheckCommand, long>
{
    public async ValueTask<long> Handle(RecordDbsCheckCommand c, CancellationToken cancellationToken)
    {
        var volunteer = await Screen.Require(volunteers, viewer, c.VolunteerId, cancellationToken);
        UkFormats.ReadDate(c.IssuedOnDay, c.IssuedOnMonth, c.IssuedOnYear, "", out var issued);
        var years = Settings.GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken)).DbsRecheckYears;
        var check = new DbsCheck
        {
            Level = c.Level!, Workforce = c.Workforce!, IssuedOn = issued!.Value,
            CertificateNumber = new string(c.CertificateNumber!.Where(char.IsAsciiDigit).ToArray()),
            UpdateService = c.UpdateService, RecheckDueOn = issued.Value.AddYears(years),
        };
        var id = await checks.Add(volunteer.Id, check, viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.DbsRecorded, "volunteer", volunteer.Id.ToString(), $"{DbsLevels.Label(check.Level)} check, re-check due {check.RecheckDueOn:yyyy-MM-dd}"), cancellationToken);
        return id;
    }
}

/// <summary>A volunteer's checks with their certificate numbers: coordinators and administrators only, on the audited screening page.</summary>
public sealed record ListDbsChecksQuery(long VolunteerId) : IQuery<IReadOnlyList<DbsCheck>>;

public sealed class ListDbsChecksHandler(IDbsStore checks, IScreeningStore volunteers, ICurrentViewer viewer, IAuditLog audit) : IQueryHandler<ListDbsChecksQuery, IReadOnlyList<DbsCheck>>
{
    public async ValueTask<IReadOnlyList<DbsCheck>> Handle(ListDbsChecksQuery query, CancellationToken cancellationToken)
    {
        var volunteer = await Screen.Require(volunteers, viewer, query.VolunteerId, cancellationToken);
        var found = await checks.ForVolunteer(volunteer.Id, cancellationToken);
        if (found.Count > 0)
        {
            await audit.Record(new AuditEntry(AuditActions.DbsViewed, "volunteer", volunteer.Id.ToString(), $"{found.Count} DBS certificate numbers shown"), cancellationToken);
        }

        return found;
    }
}

/// <summary>
/// For a volunteer on the DBS Update Service: a status check online today shows nothing new, so the organisation's
/// re-check date runs again from today.
/// </summary>
public sealed record RecordStatusCheckCommand(long VolunteerId, long CheckId) : ICommand;

public sealed class RecordStatusCheckHandler(IDbsStore checks, IScreeningStore volunteers, Settings.ISettingsStore settings, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RecordStatusCheckCommand>
{
    public async ValueTask<Unit> Handle(RecordStatusCheckCommand c, CancellationToken cancellationToken)
    {
        var volunteer = await Screen.Require(volunteers, viewer, c.VolunteerId, cancellationToken);
        var check = (await checks.ForVolunteer(volunteer.Id, cancellationToken)).FirstOrDefault(d => d.Id == c.CheckId) ?? throw new NotFoundException("dbs", c.CheckId);
        if (!check.UpdateService)
        {
            throw ValidationException.For("", "Only a check on the Update Service can be status-checked online: record a new check instead");
        }

        var today = UkTime.Today(clock);
        var years = Settings.GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken)).DbsRecheckYears;
        await checks.StatusChecked(volunteer.Id, check.Id, today, today.AddYears(years), viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.DbsRecorded, "volunteer", volunteer.Id.ToString(), "Update Service status checked"), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Checks due for renewal within 60 days, and overdue, in the coordinator's areas.</summary>
public sealed record ListDbsDueQuery : IQuery<IReadOnlyList<DbsDue>>;

public sealed class ListDbsDueHandler(IDbsStore checks, ICurrentViewer viewer, TimeProvider clock) : IQueryHandler<ListDbsDueQuery, IReadOnlyList<DbsDue>>
{
    public async ValueTask<IReadOnlyList<DbsDue>> Handle(ListDbsDueQuery query, CancellationToken cancellationToken) =>
        Screen.CanAny(viewer.Current)
            ? await checks.DueBy(viewer.Current, UkTime.Today(clock).AddDays(DbsLevels.WarningDays[0]), cancellationToken)
            : throw new NotFoundException("dbs", "due");
}

/// <summary>
/// Reminds the volunteer's area coordinators at 9am London time 60, 30 and 7 days before a re-check is due, through
/// the outbox. The key names the check and the warning, so each goes once.
/// </summary>
public sealed class DbsRecheckWarningSource(IDbsStore checks) : IScheduledMessageSource
{
    /// <summary>A warning for a check that has since been replaced, or a volunteer who left, is cancelled before it goes.</summary>
    public IReadOnlyList<string> Owns => [SourceType];

    public const string SourceType = "dbs_check";

    public async Task<IReadOnlyList<OutboxMessage>> MessagesDue(DateTimeOffset from, DateTimeOffset to, MessagePlan plan, CancellationToken cancellationToken)
    {
        var days = new List<DateOnly>();
        for (var day = UkTime.DateOfInstant(from); day <= UkTime.DateOfInstant(to); day = day.AddDays(1))
        {
            var at = ReminderTimes.DailyAt(day);
            if (at >= from && at <= to)
            {
                days.AddRange(DbsLevels.WarningDays.Select(d => day.AddDays(d)));
            }
        }

        var messages = new List<OutboxMessage>();
        foreach (var (check, coordinators) in await checks.DueOn(days, cancellationToken))
        {
            foreach (var before in DbsLevels.WarningDays)
            {
                var sendOn = check.RecheckDueOn.AddDays(-before);
                var at = ReminderTimes.DailyAt(sendOn);
                if (at < from || at > to)
                {
                    continue;
                }

                messages.AddRange(coordinators.Select(c => plan.DbsRecheckWarning(c, check, before)));
            }
        }

        return messages;
    }
}
