using Circles.Core.Areas;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.People;

/// <summary>
/// Someone has got in touch: record the person, who introduced them, and their consent to us
/// holding their details. Fields arrive as typed, so every problem can be explained.
/// </summary>
public sealed record RecordIntroductionCommand : PersonDetailsFields, ICommand<long>
{
    public bool ConsentGiven { get; init; }

    public string? ConsentMethod { get; init; }

    public string? IntroducedBy { get; init; }

    public string? IntroducedByDetail { get; init; }

    public string? IntroducedOnDay { get; init; }

    public string? IntroducedOnMonth { get; init; }

    public string? IntroducedOnYear { get; init; }

    public int? Level { get; init; }
}

/// <summary>The fields that describe a person, shared by recording an introduction and changing details.</summary>
public abstract record PersonDetailsFields
{
    public string? FullName { get; init; }

    public string? PreferredName { get; init; }

    public string? DateOfBirthDay { get; init; }

    public string? DateOfBirthMonth { get; init; }

    public string? DateOfBirthYear { get; init; }

    public string? AgeBand { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? Address { get; init; }

    public string? Postcode { get; init; }

    public long? AreaId { get; init; }

    public string? PreferredChannel { get; init; }

    public string? CommunicationNeeds { get; init; }

    public string? Interests { get; init; }

    public string? Notes { get; init; }
}

public static class PersonRules
{
    public const int NameMaxLength = 200;
    public const int ShortTextMaxLength = 200;
    public const int LongTextMaxLength = 4000;
    public const int MaxInterests = 30;

    public static IReadOnlyList<string> ConsentMethods { get; } = ["In person", "By phone", "In writing", "By email", "Through the person who introduced them"];

    public static void CheckDetails(PersonDetailsFields c, Failures failures, DateOnly today)
    {
            failures.Required("FullName", c.FullName, "Enter the person’s full name");
            failures.MaxLength("FullName", c.FullName?.Trim(), PersonRules.NameMaxLength, "Full name");
            failures.MaxLength("PreferredName", c.PreferredName?.Trim(), 100, "Preferred name");

            if (UkFormats.ReadDate(c.DateOfBirthDay, c.DateOfBirthMonth, c.DateOfBirthYear, "Date of birth", out var dob) is { } dobProblem)
            {
                failures.Add("DateOfBirthDay", dobProblem);
            }
            else if (dob is { } born && (born > today || born < today.AddYears(-120)))
            {
                failures.Add("DateOfBirthDay", "Date of birth must be in the past and within the last 120 years");
            }

            if (c.AgeBand is not null && !AgeBands.All.Contains(c.AgeBand))
            {
                failures.Add("AgeBand", "Choose an age band from the list");
            }

            failures.MaxLength("Email", c.Email?.Trim(), EmailAddress.MaxLength, "Email address");
            failures.Email("Email", c.Email, "Enter an email address in the correct format, like name@example.org");
            failures.MaxLength("Phone", c.Phone?.Trim(), 30, "Phone number");
            if (!string.IsNullOrWhiteSpace(c.Phone) && !failures.Has("Phone") && !UkFormats.IsPhoneNumber(c.Phone))
            {
                failures.Add("Phone", "Enter a phone number, like 01632 960 001 or 07700 900 982");
            }

            failures.MaxLength("Address", c.Address?.Trim(), 500, "Address");
            if (!string.IsNullOrWhiteSpace(c.Postcode) && UkFormats.NormalisePostcode(c.Postcode) is null)
            {
                failures.Add("Postcode", "Enter a real postcode, like SE1 7PB");
            }

            if (c.AreaId is null)
            {
                failures.Add("AreaId", "Choose the area the person lives in");
            }

            var channel = c.PreferredChannel ?? PreferredChannels.None;
            if (!PreferredChannels.All.Contains(channel))
            {
                failures.Add("PreferredChannel", "Choose how the person would like to be contacted");
            }
            else if (channel == PreferredChannels.Email && string.IsNullOrWhiteSpace(c.Email))
            {
                failures.Add("Email", "Enter an email address, or choose another way to contact them");
            }
            else if (channel is PreferredChannels.Text or PreferredChannels.Phone && string.IsNullOrWhiteSpace(c.Phone))
            {
                failures.Add("Phone", "Enter a phone number, or choose another way to contact them");
            }
            else if (channel == PreferredChannels.Post && (string.IsNullOrWhiteSpace(c.Address) || string.IsNullOrWhiteSpace(c.Postcode)))
            {
                failures.Add("Address", "Enter an address and postcode, or choose another way to contact them");
            }

            failures.MaxLength("CommunicationNeeds", c.CommunicationNeeds?.Trim(), PersonRules.LongTextMaxLength, "Communication and accessibility needs");
            failures.MaxLength("Interests", c.Interests, 2000, "Interests");
            if (PersonRules.SplitInterests(c.Interests).Count > PersonRules.MaxInterests)
            {
                failures.Add("Interests", $"Enter {PersonRules.MaxInterests} interests or fewer");
            }

            failures.MaxLength("Notes", c.Notes?.Trim(), PersonRules.LongTextMaxLength, "Notes");
    }

    public static NewPerson ToNewPerson(PersonDetailsFields c, DateOnly? consentGivenOn, string? consentMethod)
    {
        UkFormats.ReadDate(c.DateOfBirthDay, c.DateOfBirthMonth, c.DateOfBirthYear, "", out var dob);
        return new NewPerson(
            c.FullName!.Trim(),
            Text.Clean(c.PreferredName),
            dob,
            string.IsNullOrEmpty(c.AgeBand) ? null : c.AgeBand,
            Text.Clean(c.Email),
            Text.Clean(c.Phone),
            Text.Clean(c.Address),
            UkFormats.NormalisePostcode(c.Postcode),
            c.AreaId,
            c.PreferredChannel ?? PreferredChannels.None,
            Text.Clean(c.CommunicationNeeds),
            Text.Clean(c.Notes),
            consentGivenOn,
            consentMethod,
            SplitInterests(c.Interests));
    }

    public static IReadOnlyList<string> SplitInterests(string? interests) =>
        (interests ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(i => i.Length > 0)
            .Select(i => i.Length > 60 ? i[..60] : i)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}

public sealed class RecordIntroductionValidator(TimeProvider clock) : Validator<RecordIntroductionCommand>
{
    protected override void Rules(RecordIntroductionCommand c, Failures failures)
    {
        var today = UkTime.Today(clock);
        PersonRules.CheckDetails(c, failures, today);

        if (!c.ConsentGiven)
        {
            failures.Add("ConsentGiven", "Confirm the person has agreed to us holding their details");
        }
        else if (c.ConsentMethod is null || !PersonRules.ConsentMethods.Contains(c.ConsentMethod))
        {
            failures.Add("ConsentMethod", "Choose how the person gave their consent");
        }

        if (c.IntroducedBy is null || !People.IntroducedBy.All.Contains(c.IntroducedBy))
        {
            failures.Add("IntroducedBy", "Choose who introduced the person");
        }
        else if (c.IntroducedBy is not (People.IntroducedBy.Self) && string.IsNullOrWhiteSpace(c.IntroducedByDetail))
        {
            failures.Add("IntroducedByDetail", "Enter who introduced them, for example the practice or team name");
        }

        failures.MaxLength("IntroducedByDetail", c.IntroducedByDetail?.Trim(), PersonRules.ShortTextMaxLength, "Who introduced them");
        if (UkFormats.ReadDate(c.IntroducedOnDay, c.IntroducedOnMonth, c.IntroducedOnYear, "Date of introduction", out var on) is { } onProblem)
        {
            failures.Add("IntroducedOnDay", onProblem);
        }
        else if (on is null)
        {
            failures.Add("IntroducedOnDay", "Enter the date of the introduction");
        }
        else if (on > today)
        {
            failures.Add("IntroducedOnDay", "Date of introduction must be today or in the past");
        }

        if (c.Level is not (1 or 2))
        {
            failures.Add("Level", "Choose the level of introduction");
        }
    }
}

public sealed class RecordIntroductionHandler(IPeopleStore people, IAreaStore areas, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<RecordIntroductionCommand, long>
{
    public async ValueTask<long> Handle(RecordIntroductionCommand c, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        if (!who.WorksWithPeople)
        {
            throw new NotFoundException("person", "new");
        }

        // Another area's id is refused the same way as an unknown one.
        if (!who.CanSeeArea(c.AreaId) || await areas.Find(c.AreaId!.Value, cancellationToken) is null)
        {
            throw ValidationException.For("AreaId", "Choose the area the person lives in");
        }

        UkFormats.ReadDate(c.IntroducedOnDay, c.IntroducedOnMonth, c.IntroducedOnYear, "", out var introducedOn);
        var now = clock.GetUtcNow();
        var person = PersonRules.ToNewPerson(c, introducedOn, c.ConsentMethod);
        var introduction = new NewIntroduction(c.IntroducedBy!, Text.Clean(c.IntroducedByDetail), introducedOn!.Value, c.Level!.Value, who.UserId);
        var (personId, introductionId) = await people.AddWithIntroduction(person, introduction, who.UserId, now, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.PersonCreated, "person", personId.ToString()), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.IntroductionRecorded, "person", personId.ToString(), $"Introduction {introductionId}, level {c.Level}"), cancellationToken);
        return personId;
    }
}
