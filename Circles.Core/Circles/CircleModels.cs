namespace Circles.Core.Circles;

public static class CircleStatuses
{
    public const string Enquiry = "enquiry";
    public const string FirstConversation = "first_conversation";
    public const string Forming = "forming";
    public const string Active = "active";
    public const string SelfSustaining = "self_sustaining";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } = [Enquiry, FirstConversation, Forming, Active, SelfSustaining, Closed];

    public static string Describe(string status) => status switch
    {
        Enquiry => "Enquiry",
        FirstConversation => "First conversation",
        Forming => "Forming",
        Active => "Active",
        SelfSustaining => "Self-sustaining",
        Closed => "Closed",
        _ => status,
    };
}

public static class MemberRoles
{
    public const string Focus = "focus";
    public const string Family = "family";
    public const string Friend = "friend";
    public const string Neighbour = "neighbour";
    public const string Volunteer = "volunteer";
    public const string Professional = "professional";

    /// <summary>Roles a member can be given; the focus person joins with their circle.</summary>
    public static IReadOnlyList<string> Addable { get; } = [Family, Friend, Neighbour, Volunteer, Professional];

    public static string Describe(string role) => role switch
    {
        Focus => "Focus person",
        Family => "Family",
        Friend => "Friend",
        Neighbour => "Neighbour",
        Volunteer => "Volunteer",
        Professional => "Professional",
        _ => role,
    };
}

/// <summary>The six kinds of regulated activity with adults (DOMAIN.md): doing one needs an enhanced check with the barred list.</summary>
public static class RegulatedActivities
{
    public const string HealthCare = "health_care";
    public const string PersonalCare = "personal_care";
    public const string SocialWork = "social_work";
    public const string CashBillsShopping = "cash_bills_shopping";
    public const string OwnAffairs = "own_affairs";
    public const string Conveying = "conveying";

    public static IReadOnlyList<string> All { get; } = [HealthCare, PersonalCare, SocialWork, CashBillsShopping, OwnAffairs, Conveying];

    public static string Describe(string kind) => kind switch
    {
        HealthCare => "Health care",
        PersonalCare => "Personal care (washing, dressing, eating, toileting)",
        SocialWork => "Social work",
        CashBillsShopping => "Help with cash, bills or shopping (with the person’s money)",
        OwnAffairs => "Help with their own affairs under a formal appointment",
        Conveying => "Driving them to health or care appointments",
        _ => kind,
    };
}

public static class MeetingStatuses
{
    public const string Planned = "planned";
    public const string Held = "held";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Planned, Held, Cancelled];

    public static string Describe(string status) => status switch
    {
        Planned => "Planned",
        Held => "Held",
        Cancelled => "Cancelled",
        _ => status,
    };
}

public static class ActionStatuses
{
    public const string Open = "open";
    public const string Done = "done";
    public const string Dropped = "dropped";

    public static IReadOnlyList<string> All { get; } = [Open, Done, Dropped];
}

public sealed record CircleSummary
{
    public long Id { get; init; }

    public long FocusPersonId { get; init; }

    public string FocusPersonName { get; init; } = "";

    public string Purpose { get; init; } = "";

    public string Status { get; init; } = "";

    public string? AreaName { get; init; }

    public string? ConnectorName { get; init; }

    public DateTimeOffset? NextMeetingAt { get; init; }

    public int OverdueActions { get; init; }
}

public sealed record CircleMember
{
    public long Id { get; init; }

    public long PersonId { get; init; }

    public string Name { get; init; } = "";

    public string Role { get; init; } = "";

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public DateOnly JoinedOn { get; init; }

    public DateOnly? LeftOn { get; init; }

    public string PreferredChannel { get; init; } = People.PreferredChannels.None;

    /// <summary>Channels they opted out of, comma-separated ("Email,Text").</summary>
    public string? OptedOut { get; init; }

    /// <summary>How reminders reach them, or why they cannot: shown so "no way to reach" is never silent.</summary>
    public Messaging.ChannelChoice Reminders => Messaging.ChannelChoice.For(
        PreferredChannel, Email, Phone, Messaging.MessageChannels.ParseList(OptedOut));
}

public sealed record StatusChange
{
    public string? FromStatus { get; init; }

    public string ToStatus { get; init; } = "";

    public string? Reason { get; init; }

    public DateTimeOffset ChangedAt { get; init; }

    public string? ChangedByName { get; init; }
}

public sealed record MeetingSummary
{
    public long Id { get; init; }

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public string? Place { get; init; }

    public string? OnlineLink { get; init; }

    public string Status { get; init; } = "";

    public int Attended { get; init; }
}

public sealed record ActionItem
{
    public long Id { get; init; }

    public long CircleId { get; init; }

    public string Description { get; init; } = "";

    public long OwnerMemberId { get; init; }

    public string OwnerName { get; init; } = "";

    public DateOnly? DueOn { get; init; }

    public string Status { get; init; } = "";

    public DateOnly? CompletedOn { get; init; }

    public string? RegulatedActivity { get; init; }

    public bool IsOverdue(DateOnly today) => Status == ActionStatuses.Open && DueOn is { } due && due < today;
}

public sealed record CircleDetails
{
    public long Id { get; init; }

    public long FocusPersonId { get; init; }

    public string FocusPersonName { get; init; } = "";

    public string Purpose { get; init; } = "";

    public string Status { get; init; } = "";

    public string? ClosedReason { get; init; }

    public long? AreaId { get; init; }

    public string? AreaName { get; init; }

    public long? ConnectorUserId { get; init; }

    public string? ConnectorName { get; init; }

    public long? FacilitatorUserId { get; init; }

    public string? FacilitatorName { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<CircleMember> Members { get; init; } = [];

    public IReadOnlyList<StatusChange> History { get; init; } = [];

    public IReadOnlyList<MeetingSummary> Meetings { get; init; } = [];

    public IReadOnlyList<ActionItem> Actions { get; init; } = [];

    /// <summary>Whether the viewer works with people here (not only as this circle's facilitator).</summary>
    public bool ViewerIsStaff { get; init; }
}

public sealed record MeetingDetails
{
    public long Id { get; init; }

    public long CircleId { get; init; }

    public string FocusPersonName { get; init; } = "";

    public DateTimeOffset StartsAt { get; init; }

    public DateTimeOffset EndsAt { get; init; }

    public string? Place { get; init; }

    public string? OnlineLink { get; init; }

    public string Status { get; init; } = "";

    public string? Notes { get; init; }

    public IReadOnlyList<CircleMember> Members { get; init; } = [];

    public IReadOnlyList<long> AttendedMemberIds { get; init; } = [];

    /// <summary>Outstanding actions of the circle: the agenda of a planned meeting.</summary>
    public IReadOnlyList<ActionItem> Agenda { get; init; } = [];

    /// <summary>Actions agreed at this meeting.</summary>
    public IReadOnlyList<ActionItem> Actions { get; init; } = [];
}
