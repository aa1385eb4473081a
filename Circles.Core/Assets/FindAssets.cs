using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Matching;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Assets;

/// <summary>
/// Find assets: words (full text over name, description and interests), filters, and distance from a postcode or
/// from a person's home. Anything unrecognised in a filter is ignored rather than refused: it is a search.
/// </summary>
public sealed record SearchAssetsQuery : IQuery<AssetSearch>
{
    public string? Search { get; init; }

    public string? Kind { get; init; }

    public string? Tag { get; init; }

    public string? Day { get; init; }

    public List<string> Access { get; init; } = [];

    /// <summary>Blank for active assets only; "any" for every status.</summary>
    public string? Status { get; init; }

    public string? Near { get; init; }

    public long? NearPerson { get; init; }

    /// <summary>How far from there to look, in miles (<see cref="SearchDistances.Miles"/>), or "any"; blank is 10 miles.</summary>
    public string? Within { get; init; }

    public int? Page { get; init; }
}

/// <summary>The search's results; <paramref name="WithinMiles"/> is the distance looked within, when there was an origin and a limit.</summary>
public sealed record AssetSearch(SearchAssetsQuery Query, Page<AssetSummary> Results, Location? Origin, string? OriginDescription, string? NearProblem, int? WithinMiles = null);

/// <summary>
/// How far a search near somewhere looks. A national network holds every knitting group in the country: ranking them
/// all by distance from one postcode is slow and no help, so a search looks within 10 miles unless asked to go wider.
/// </summary>
public static class SearchDistances
{
    public const string Any = "any";
    public const int DefaultMiles = 10;
    public const double KilometresPerMile = 1.609344;

    public static IReadOnlyList<int> Miles { get; } = [1, 3, 5, 10, 25, 50];

    /// <summary>The miles asked for: a listed distance, null for "any", and the default for anything else.</summary>
    public static int? Read(string? within) =>
        within == Any ? null
        : int.TryParse(within, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var miles) && Miles.Contains(miles) ? miles
        : DefaultMiles;

    /// <summary>"1 mile", "10 miles".</summary>
    public static string Describe(int miles) => miles == 1 ? "1 mile" : $"{miles} miles";

    /// <summary>The next listed distance out, to offer when nothing is near enough; null past the widest.</summary>
    public static int? Wider(int miles) => Miles.Where(m => m > miles).Select(m => (int?)m).FirstOrDefault();
}

public sealed class SearchAssetsHandler(IAssetStore assets, IPostcodeStore postcodes, IPeopleStore people, ICurrentViewer viewer)
    : IQueryHandler<SearchAssetsQuery, AssetSearch>
{
    public const string AnyStatus = "any";
    public const int PageSize = 20;

    public async ValueTask<AssetSearch> Handle(SearchAssetsQuery q, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        if (!who.WorksWithPeople)
        {
            throw new NotFoundException("asset", "search");
        }

        var (origin, description, problem) = await Origin(q, who, cancellationToken);
        var within = origin is null ? null : SearchDistances.Read(q.Within);
        var text = Text.Clean(q.Search);
        var filter = new AssetFilter
        {
            Text = text is { Length: > 100 } ? text[..100] : text,
            Kind = AssetKinds.IsKnown(q.Kind) ? q.Kind : null,
            Tag = Text.Clean(q.Tag) is { Length: <= 60 } tag ? tag : null,
            Day = AssetSchedule.Days.Any(d => d.Key == q.Day) ? q.Day : null,
            Accessibility = q.Access.Where(AccessibilityFeatures.IsKnown).Distinct().ToList(),
            Status = q.Status == AnyStatus ? null : AssetStatuses.IsKnown(q.Status) ? q.Status : AssetStatuses.Active,
            Near = origin,
            WithinKm = within * SearchDistances.KilometresPerMile,
        };
        var page = await assets.Search(who, filter, Paging.From(q.Page, PageSize), cancellationToken);
        if (origin is { } from)
        {
            page = page with { Items = page.Items.Select(a => a with { Kilometres = a.Location?.KilometresTo(from) }).ToList() };
        }

        return new AssetSearch(q, page, origin, description, problem, within);
    }

    private async Task<(Location?, string?, string?)> Origin(SearchAssetsQuery q, Viewer who, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(q.Near))
        {
            if (UkFormats.NormalisePostcode(q.Near) is not { } postcode)
            {
                return (null, null, "Enter a real postcode to search near, like SE1 7PB");
            }

            return await postcodes.Find(postcode, cancellationToken) is { } centroid
                ? (centroid, postcode, null)
                : (null, null, Postcodes.Unknown(postcode) + ". Check it, or try a postcode nearby");
        }

        if (q.NearPerson is { } personId)
        {
            var person = await people.Find(who, personId, cancellationToken) ?? throw new NotFoundException("person", personId);
            var name = person.PreferredName ?? person.FullName;
            if (person.Postcode is null)
            {
                return (null, null, $"{name} has no postcode on their record, so there is nowhere to measure from");
            }

            return await postcodes.Find(person.Postcode, cancellationToken) is { } home
                ? (home, $"{name}’s home", null)
                : (null, null, Postcodes.Unknown(person.Postcode));
        }

        return (null, null, null);
    }
}

/// <summary>An asset's page: its record, and who has been introduced to it as far as the viewer may know.</summary>
public sealed record GetAssetQuery(long AssetId) : IQuery<AssetPage>;

public sealed record AssetPage(AssetDetails Asset, AssetConnections Connections, bool CanManage);

public sealed class GetAssetHandler(IAssetStore assets, IAssetConnectionStore connections, ICurrentViewer viewer) : IQueryHandler<GetAssetQuery, AssetPage>
{
    public async ValueTask<AssetPage> Handle(GetAssetQuery query, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        var asset = await assets.Find(query.AssetId, cancellationToken);
        if (asset is null || !AssetAccess.CanView(who, asset.Kind, asset.AreaId))
        {
            throw new NotFoundException("asset", query.AssetId);
        }

        return new AssetPage(asset, await connections.ForAsset(who, asset.Id, cancellationToken), AssetAccess.CanManage(who, asset.AreaId));
    }
}

/// <summary>"Checked today": one click by someone who maps the area.</summary>
public sealed record VerifyAssetCommand(long AssetId) : ICommand;

public sealed class VerifyAssetHandler(IAssetStore assets, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<VerifyAssetCommand>
{
    public async ValueTask<Unit> Handle(VerifyAssetCommand c, CancellationToken cancellationToken)
    {
        var asset = await assets.Find(c.AssetId, cancellationToken);
        if (asset is null || !AssetAccess.CanManage(viewer.Current, asset.AreaId))
        {
            throw new NotFoundException("asset", c.AssetId);
        }

        await assets.Verify(asset.Id, viewer.Current.UserId, UkTime.Today(clock), clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.AssetVerified, "asset", asset.Id.ToString()), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Assets nobody has checked for the organisation's staleness period, in the coordinator's areas.</summary>
public sealed record ListStaleAssetsQuery(int? Page) : IQuery<StaleAssets>;

public sealed record StaleAssets(Page<AssetSummary> Assets, int Months, DateOnly CheckedBefore);

public sealed class ListStaleAssetsHandler(IAssetStore assets, Settings.ISettingsStore settings, ICurrentViewer viewer, TimeProvider clock)
    : IQueryHandler<ListStaleAssetsQuery, StaleAssets>
{
    public async ValueTask<StaleAssets> Handle(ListStaleAssetsQuery query, CancellationToken cancellationToken)
    {
        if (!AssetAccess.CanManageAny(viewer.Current))
        {
            throw new NotFoundException("asset", "stale");
        }

        var months = Settings.GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken)).AssetStaleMonths;
        var before = StaleRule.CheckedBefore(UkTime.Today(clock), months);
        return new StaleAssets(await assets.Stale(viewer.Current, before, Paging.From(query.Page), cancellationToken), months, before);
    }
}

public static class StaleRule
{
    /// <summary>An asset last checked before this day is stale: checked exactly N months ago is still fresh today.</summary>
    public static DateOnly CheckedBefore(DateOnly today, int months) => today.AddMonths(-months);
}
