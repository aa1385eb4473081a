using System.Security.Cryptography;
using System.Text;
using Circles.Core.Areas;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Matching;
using Circles.Core.Messaging;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Volunteering;

public sealed record Referee(string Name, string Contact, string Relationship);

public sealed record NewApplication
{
    public required string FullName { get; init; }

    public required string Email { get; init; }

    public string? Phone { get; init; }

    public string? Postcode { get; init; }

    public IReadOnlyList<string> Interests { get; init; } = [];

    public IReadOnlySet<string> Availability { get; init; } = new HashSet<string>();

    public required string Motivation { get; init; }

    public long AreaId { get; init; }

    public long? OpportunityId { get; init; }

    public IReadOnlyList<Referee> Referees { get; init; } = [];

    public required string DedupeKey { get; init; }
}

public interface IVolunteerStore
{
    /// <summary>
    /// Records the application, its referees and the confirmation email in one transaction. False, with nothing
    /// written, when the same application was already received (a double click, a replayed post).
    /// </summary>
    Task<bool> Apply(NewApplication application, OutboxMessage confirmation, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>
/// Someone offers to help, from the public page, without an account. Everything arrives as typed so every problem can
/// be explained; <see cref="Website"/> is a field people never see, so only a robot fills it in.
/// </summary>
public sealed record ApplyToVolunteerCommand : ICommand<ApplicationOutcome>
{
    public long? OpportunityId { get; init; }

    public string? FullName { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? Postcode { get; init; }

    public long? AreaId { get; init; }

    public string? Interests { get; init; }

    public List<string> Availability { get; init; } = [];

    public string? Motivation { get; init; }

    public string? Referee1Name { get; init; }

    public string? Referee1Contact { get; init; }

    public string? Referee1Relationship { get; init; }

    public string? Referee2Name { get; init; }

    public string? Referee2Contact { get; init; }

    public string? Referee2Relationship { get; init; }

    public bool Consent { get; init; }

    /// <summary>The honeypot: hidden from people and screen readers, so anything in it came from a robot.</summary>
    public string? Website { get; init; }
}

public enum ApplicationOutcome
{
    Received,
    AlreadyReceived,
    Ignored,
}

public sealed class ApplyToVolunteerValidator : Validator<ApplyToVolunteerCommand>
{
    public const int MotivationMaxLength = 2000;

    protected override void Rules(ApplyToVolunteerCommand c, Failures failures)
    {
        if (!string.IsNullOrEmpty(c.Website))
        {
            return;
        }

        failures.Required("FullName", c.FullName, "Enter your full name");
        failures.MaxLength("FullName", c.FullName?.Trim(), PersonRules.NameMaxLength, "Full name");
        failures.Required("Email", c.Email, "Enter your email address, so we can reply");
        failures.MaxLength("Email", c.Email?.Trim(), EmailAddress.MaxLength, "Email address");
        failures.Email("Email", c.Email, "Enter an email address in the correct format, like name@example.org");
        failures.MaxLength("Phone", c.Phone?.Trim(), 30, "Phone number");
        if (!string.IsNullOrWhiteSpace(c.Phone) && !failures.Has("Phone") && !UkFormats.IsPhoneNumber(c.Phone))
        {
            failures.Add("Phone", "Enter a phone number, like 01632 960 001 or 07700 900 982");
        }

        if (!string.IsNullOrWhiteSpace(c.Postcode) && UkFormats.NormalisePostcode(c.Postcode) is null)
        {
            failures.Add("Postcode", "Enter a real postcode, like SE1 7PB");
        }

        if (c.AreaId is null)
        {
            failures.Add("AreaId", "Choose the area you would like to help in");
        }

        failures.MaxLength("Interests", c.Interests, 500, "What you enjoy");
        if (c.Availability.Any(a => !Matching.Availability.AllSlots.Contains(a)))
        {
            failures.Add("Availability", "Choose times from the list");
        }

        failures.Required("Motivation", c.Motivation, "Tell us a little about why you would like to help");
        failures.MaxLength("Motivation", c.Motivation?.Trim(), MotivationMaxLength, "Why you would like to help");
        Referee(c.Referee1Name, c.Referee1Contact, c.Referee1Relationship, "Referee1", "first", failures);
        Referee(c.Referee2Name, c.Referee2Contact, c.Referee2Relationship, "Referee2", "second", failures);
        if (!failures.Has("Referee1Name") && !failures.Has("Referee2Name") && string.Equals(c.Referee1Name?.Trim(), c.Referee2Name?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Referee2Name", "Give two different referees");
        }

        if (!c.Consent)
        {
            failures.Add("Consent", "Confirm we may keep these details to consider your offer");
        }
    }

    private static void Referee(string? name, string? contact, string? relationship, string prefix, string which, Failures failures)
    {
        failures.Required(prefix + "Name", name, $"Enter your {which} referee’s name");
        failures.MaxLength(prefix + "Name", name?.Trim(), PersonRules.NameMaxLength, $"Your {which} referee’s name");
        failures.Required(prefix + "Contact", contact, $"Enter an email address or phone number for your {which} referee");
        failures.MaxLength(prefix + "Contact", contact?.Trim(), EmailAddress.MaxLength, $"Your {which} referee’s email or phone");
        if (!string.IsNullOrWhiteSpace(contact) && !failures.Has(prefix + "Contact") && !UkFormats.IsPhoneNumber(contact) && !EmailAddress.IsPlausible(contact.Trim()))
        {
            failures.Add(prefix + "Contact", $"Enter an email address or phone number for your {which} referee, like name@example.org");
        }

        failures.Required(prefix + "Relationship", relationship, $"Say how you know your {which} referee, like “my manager at work”");
        failures.MaxLength(prefix + "Relationship", relationship?.Trim(), 200, $"How you know your {which} referee");
    }
}

public sealed class ApplyToVolunteerHandler(IVolunteerStore volunteers, IOpportunityStore opportunities, IAreaStore areas, MessagePlanner planner, IAuditLog audit)
    : ICommandHandler<ApplyToVolunteerCommand, ApplicationOutcome>
{
    public async ValueTask<ApplicationOutcome> Handle(ApplyToVolunteerCommand c, CancellationToken cancellationToken)
    {
        // A robot is thanked like anyone else, so it learns nothing; nothing is kept.
        if (!string.IsNullOrEmpty(c.Website))
        {
            return ApplicationOutcome.Ignored;
        }

        Opportunity? opportunity = null;
        if (c.OpportunityId is { } opportunityId && (opportunity = await opportunities.Find(opportunityId, cancellationToken)) is not { Status: "open" })
        {
            throw ValidationException.For("OpportunityId", "That opportunity has closed. You can still offer to help: choose an area below");
        }

        // An opportunity's own area wins over whatever was posted with it.
        c = opportunity is null ? c : c with { AreaId = opportunity.AreaId };
        if (await areas.Find(c.AreaId!.Value, cancellationToken) is null)
        {
            throw ValidationException.For("AreaId", "Choose the area you would like to help in");
        }

        var plan = await planner.Prepare(cancellationToken);
        var email = c.Email!.Trim();
        var application = new NewApplication
        {
            FullName = c.FullName!.Trim(),
            Email = email,
            Phone = Text.Clean(c.Phone),
            Postcode = UkFormats.NormalisePostcode(c.Postcode),
            Interests = PersonRules.SplitInterests(c.Interests).Take(PersonRules.MaxInterests).ToList(),
            Availability = c.Availability.Where(Matching.Availability.AllSlots.Contains).ToHashSet(),
            Motivation = c.Motivation!.Trim(),
            AreaId = c.AreaId!.Value,
            OpportunityId = opportunity?.Id,
            Referees =
            [
                new Referee(c.Referee1Name!.Trim(), c.Referee1Contact!.Trim(), c.Referee1Relationship!.Trim()),
                new Referee(c.Referee2Name!.Trim(), c.Referee2Contact!.Trim(), c.Referee2Relationship!.Trim()),
            ],
            // The same address offering the same help on the same day is the same application.
            DedupeKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
                $"{EmailAddress.Normalise(email)}|{opportunity?.Id}|{c.AreaId}|{UkTime.DateOfInstant(plan.Now):yyyy-MM-dd}"))),
        };
        // One confirmation per address per day, however many offers: the form cannot be used to flood someone's inbox.
        var confirmationKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{EmailAddress.Normalise(email)}|{UkTime.DateOfInstant(plan.Now):yyyy-MM-dd}")));
        var confirmation = plan.VolunteerApplicationReceived(email, opportunity?.Title, confirmationKey);
        if (!await volunteers.Apply(application, confirmation, plan.Now, cancellationToken))
        {
            return ApplicationOutcome.AlreadyReceived;
        }

        await audit.RecordAs(null, new AuditEntry(AuditActions.VolunteerApplied, "volunteer-application", opportunity?.Id.ToString() ?? "general"), cancellationToken);
        return ApplicationOutcome.Received;
    }
}
