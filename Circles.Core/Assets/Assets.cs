using Circles.Core.Accounts;
using Circles.Core.Common;
using Circles.Core.Matching;

namespace Circles.Core.Assets;

/// <summary>An asset as it is written: by the form, by a CSV import.</summary>
public sealed record NewAsset
{
    /// <summary>The stable id (a UUID) Open Referral UK and CSV files know it by.</summary>
    public required string Uid { get; init; }

    public required string Name { get; init; }

    public required string Kind { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Address { get; init; }

    public string? Postcode { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public IReadOnlyList<AssetSchedule> Schedules { get; init; } = [];

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public string? ContactPhone { get; init; }

    public string? Website { get; init; }

    public string? Cost { get; init; }

    public IReadOnlyList<string> Accessibility { get; init; } = [];

    public string Status { get; init; } = AssetStatuses.Active;

    public long AreaId { get; init; }

    /// <summary>
    /// When it was last checked, if the writer knows (an import's column, or the date already stored). Null means
    /// "as stored", or for a new asset today, checked by whoever added it.
    /// </summary>
    public DateOnly? LastVerifiedOn { get; init; }
}

/// <summary>An asset's record as its page shows it.</summary>
public sealed record AssetDetails
{
    public long Id { get; init; }

    public string Uid { get; init; } = "";

    public string Name { get; init; } = "";

    public string Kind { get; init; } = "";

    public string? Description { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Address { get; init; }

    public string? Postcode { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public IReadOnlyList<AssetSchedule> Schedules { get; init; } = [];

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public string? ContactPhone { get; init; }

    public string? Website { get; init; }

    public string? Cost { get; init; }

    public string AccessibilityStored { get; init; } = ",";

    public IReadOnlyList<string> Accessibility => AccessibilityFeatures.Read(AccessibilityStored);

    public string Status { get; init; } = AssetStatuses.Active;

    public long AreaId { get; init; }

    public string AreaName { get; init; } = "";

    public DateOnly LastVerifiedOn { get; init; }

    public string? LastVerifiedByName { get; init; }

    public string? CreatedByName { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public Location? Location => Latitude is { } lat && Longitude is { } lon ? new Location(lat, lon) : null;
}

/// <summary>One line of a search result.</summary>
public sealed record AssetSummary
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Status { get; init; } = "";

    public string? Description { get; init; }

    public string? Postcode { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string Tags { get; init; } = "";

    public string AccessibilityStored { get; init; } = ",";

    public string? Cost { get; init; }

    public string AreaName { get; init; } = "";

    public IReadOnlyList<AssetSchedule> Schedules { get; init; } = [];

    public DateOnly? LastVerifiedOn { get; init; }

    /// <summary>Straight-line distance from the place searched near, when there is one.</summary>
    public double? Kilometres { get; init; }

    public Location? Location => Latitude is { } lat && Longitude is { } lon ? new Location(lat, lon) : null;
}

/// <summary>What a search asks for. Null means "any".</summary>
public sealed record AssetFilter
{
    /// <summary>An FTS query already made safe by the store's dialect, or the raw words for it to make safe.</summary>
    public string? Text { get; init; }

    public string? Kind { get; init; }

    public string? Tag { get; init; }

    /// <summary>An RFC 5545 day (MO…SU): assets that meet on it.</summary>
    public string? Day { get; init; }

    public IReadOnlyList<string> Accessibility { get; init; } = [];

    public string? Status { get; init; }

    public Location? Near { get; init; }

    /// <summary>With <see cref="Near"/>: only assets this close, and those with no fixed place (online, by phone).</summary>
    public double? WithinKm { get; init; }
}

public static class AssetAccess
{
    /// <summary>
    /// Everyone who works with people may find groups, places and businesses anywhere; an individual's gifts and
    /// skills are personal data, seen only by those who work in that area.
    /// </summary>
    public static bool CanView(Viewer viewer, string kind, long areaId) =>
        viewer.WorksWithPeople && (kind != AssetKinds.Individual || viewer.CanSeeArea(areaId));

    /// <summary>Coordinators map their own areas' assets; administrators any.</summary>
    public static bool CanManage(Viewer viewer, long? areaId) => viewer.CoordinatesArea(areaId);

    public static bool CanManageAny(Viewer viewer) => viewer.CoordinatesAnyArea;
}

public interface IAssetStore
{
    Task<long> Add(NewAsset asset, long addedBy, DateTimeOffset at, CancellationToken cancellationToken);

    Task Change(long assetId, NewAsset asset, long changedBy, DateTimeOffset at, CancellationToken cancellationToken);

    Task<AssetDetails?> Find(long assetId, CancellationToken cancellationToken);

    Task<AssetDetails?> FindByUid(string uid, CancellationToken cancellationToken);

    Task<Page<AssetSummary>> Search(Viewer viewer, AssetFilter filter, Paging paging, CancellationToken cancellationToken);

    Task<bool> Verify(long assetId, long verifiedBy, DateOnly on, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Assets in the viewer's reach last checked before the day, longest unchecked first.</summary>
    Task<Page<AssetSummary>> Stale(Viewer viewer, DateOnly checkedBefore, Paging paging, CancellationToken cancellationToken);

    /// <summary>Every active coordinator with stale assets in their areas, with a few of them to name.</summary>
    Task<IReadOnlyList<StaleAssetDigest>> StaleByCoordinator(DateOnly checkedBefore, CancellationToken cancellationToken);

    /// <summary>Adds or replaces every asset in one transaction: all of them or, on any failure, none.</summary>
    Task<int> Import(IReadOnlyList<NewAsset> assets, long importedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Which of these ids are already stored, with the area each is in.</summary>
    Task<IReadOnlyDictionary<string, long>> AreasOf(IReadOnlyCollection<string> uids, CancellationToken cancellationToken);

    /// <summary>Assets for a CSV file: those in the viewer's reach that may leave the system (never individuals).</summary>
    IAsyncEnumerable<AssetDetails> Export(Viewer viewer, CancellationToken cancellationToken);
}

public sealed record StaleAssetDigest(Messaging.Contact Coordinator, int Count, IReadOnlyList<string> Names);

/// <summary>Postcode centroids, loaded by the import-postcodes command, so distances need no network.</summary>
public interface IPostcodeStore
{
    /// <summary>Null when the postcode is not known.</summary>
    Task<Location?> Find(string postcode, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, Location>> FindMany(IReadOnlyCollection<string> postcodes, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a batch of centroids in one transaction; returns how many were written.</summary>
    Task<int> Save(IReadOnlyList<(string Postcode, Location Centroid)> batch, CancellationToken cancellationToken);

    Task<long> Count(CancellationToken cancellationToken);
}
