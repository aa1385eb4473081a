namespace Circles.Core.People;

public static class PreferredChannels
{
    public const string Email = "email";
    public const string Text = "text";
    public const string Phone = "phone";
    public const string Post = "post";
    public const string None = "none";

    public static IReadOnlyList<string> All { get; } = [Email, Text, Phone, Post, None];

    public static string Describe(string channel) => channel switch
    {
        Email => "Email",
        Text => "Text message",
        Phone => "Phone call",
        Post => "Letter",
        _ => "No messages",
    };
}

public static class AgeBands
{
    public static IReadOnlyList<string> All { get; } = ["Under 18", "18 to 29", "30 to 49", "50 to 64", "65 to 74", "75 to 84", "85 and over"];
}

public static class IntroducedBy
{
    public const string Self = "self";
    public const string FamilyOrFriend = "family_or_friend";
    public const string GpPractice = "gp_practice";
    public const string CouncilTeam = "council_team";
    public const string OtherOrganisation = "other_organisation";

    public static IReadOnlyList<string> All { get; } = [Self, FamilyOrFriend, GpPractice, CouncilTeam, OtherOrganisation];

    public static string Describe(string value) => value switch
    {
        Self => "Themselves",
        FamilyOrFriend => "Family or a friend",
        GpPractice => "A GP practice",
        CouncilTeam => "A council team",
        OtherOrganisation => "Another organisation",
        _ => value,
    };
}

public static class IntroductionStatuses
{
    public const string New = "new";
    public const string InConversation = "in_conversation";
    public const string CircleForming = "circle_forming";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } = [New, InConversation, CircleForming, Closed];

    public static string Describe(string value) => value switch
    {
        New => "New",
        InConversation => "In conversation",
        CircleForming => "Circle forming",
        Closed => "Closed",
        _ => value,
    };
}

/// <summary>One row of the people search.</summary>
public sealed record PersonSummary
{
    public long Id { get; init; }

    public string FullName { get; init; } = "";

    public string? PreferredName { get; init; }

    public string? Postcode { get; init; }

    public string? AreaName { get; init; }

    public bool MemberOnly { get; init; }
}

/// <summary>Everything on a person's page that this issue records.</summary>
public sealed record PersonDetails
{
    public long Id { get; init; }

    public string FullName { get; init; } = "";

    public string? PreferredName { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public string? AgeBand { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? Address { get; init; }

    public string? Postcode { get; init; }

    public long? AreaId { get; init; }

    public string? AreaName { get; init; }

    public string PreferredChannel { get; init; } = PreferredChannels.None;

    public string? CommunicationNeeds { get; init; }

    public string? Notes { get; init; }

    public DateOnly? ConsentGivenOn { get; init; }

    public string? ConsentMethod { get; init; }

    public string? ConsentRecordedByName { get; init; }

    public DateOnly? ConsentWithdrawnOn { get; init; }

    public string? ConsentWithdrawnHow { get; init; }

    public string? ConsentWithdrawnByName { get; init; }

    public bool MemberOnly { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<string> Interests { get; init; } = [];

    public IReadOnlyList<IntroductionSummary> Introductions { get; init; } = [];
}

public sealed record IntroductionSummary
{
    public long Id { get; init; }

    public string IntroducedBy { get; init; } = "";

    public string? IntroducedByDetail { get; init; }

    public DateOnly IntroducedOn { get; init; }

    public int Level { get; init; }

    public string Status { get; init; } = "";

    public long? HolderUserId { get; init; }

    public string? HolderName { get; init; }

    public string? ClosedReason { get; init; }
}
