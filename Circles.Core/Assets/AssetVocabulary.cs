namespace Circles.Core.Assets;

/// <summary>A stored value and the words people read for it.</summary>
public sealed record Term(string Key, string Label);

internal static class Terms
{
    public static string LabelOf(IReadOnlyList<Term> terms, string? key) => terms.FirstOrDefault(t => t.Key == key)?.Label ?? key ?? "";

    public static bool IsKnown(IReadOnlyList<Term> terms, string? key) => terms.Any(t => t.Key == key);
}

/// <summary>The six kinds of asset-based community development.</summary>
public static class AssetKinds
{
    /// <summary>A person's gifts and skills: personal data, seen only within the area and never exported.</summary>
    public const string Individual = "individual";
    public const string Association = "association";
    public const string Institution = "institution";
    public const string PhysicalSpace = "physical_space";
    public const string LocalEconomy = "local_economy";
    public const string Culture = "culture";

    public static IReadOnlyList<Term> All { get; } =
    [
        new(Individual, "Individual’s gifts and skills"),
        new(Association, "Association (a club or group)"),
        new(Institution, "Institution (library, school, GP practice)"),
        new(PhysicalSpace, "Physical space (park, hall, garden)"),
        new(LocalEconomy, "Local economy (shop, café, business)"),
        new(Culture, "Culture and stories"),
    ];

    public static string Label(string? kind) => Terms.LabelOf(All, kind);

    public static bool IsKnown(string? kind) => Terms.IsKnown(All, kind);
}

public static class AssetStatuses
{
    public const string Active = "active";
    public const string TemporarilyClosed = "temporarily_closed";
    public const string Inactive = "inactive";

    public static IReadOnlyList<Term> All { get; } =
    [
        new(Active, "Active"),
        new(TemporarilyClosed, "Temporarily closed"),
        new(Inactive, "Inactive (closed or folded)"),
    ];

    public static string Label(string? status) => Terms.LabelOf(All, status);

    public static bool IsKnown(string? status) => Terms.IsKnown(All, status);
}

public static class AccessibilityFeatures
{
    public static IReadOnlyList<Term> All { get; } =
    [
        new("step_free", "Step-free access"),
        new("hearing_loop", "Hearing loop"),
        new("accessible_toilet", "Accessible toilet"),
        new("quiet_space", "Quiet space"),
        new("accessible_parking", "Accessible parking nearby"),
        new("seating", "Seating available"),
        new("large_print", "Large print or easy read information"),
        new("bsl", "British Sign Language"),
    ];

    public static string Label(string? feature) => Terms.LabelOf(All, feature);

    public static bool IsKnown(string? feature) => Terms.IsKnown(All, feature);

    /// <summary>Known features, in list order, stored between commas so one can be found with LIKE.</summary>
    public static string Store(IEnumerable<string> features)
    {
        var chosen = features.ToHashSet();
        return "," + string.Concat(All.Where(f => chosen.Contains(f.Key)).Select(f => f.Key + ",")) ;
    }

    public static IReadOnlyList<string> Read(string? stored) =>
        (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Where(IsKnown).ToList();
}

/// <summary>What happened after a person was introduced to an asset.</summary>
public static class ConnectionStatuses
{
    public const string Suggested = "suggested";
    public const string WentOnce = "went_once";
    public const string GoesRegularly = "goes_regularly";
    public const string HelpsRun = "helps_run";
    public const string Declined = "declined";

    public static IReadOnlyList<Term> All { get; } =
    [
        new(Suggested, "Suggested"),
        new(WentOnce, "Went once"),
        new(GoesRegularly, "Goes regularly"),
        new(HelpsRun, "Now helps run it"),
        new(Declined, "Decided not to go"),
    ];

    public static string Label(string? status) => Terms.LabelOf(All, status);

    public static bool IsKnown(string? status) => Terms.IsKnown(All, status);
}
