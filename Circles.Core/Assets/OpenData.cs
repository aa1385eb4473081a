using Circles.Core.Common;
using Circles.Core.Matching;
using Mediator;

namespace Circles.Core.Assets;

/// <summary>
/// What the open directory (Open Referral UK) may publish: every asset except individuals' gifts and skills, which
/// are personal data. Anyone may read it, without signing in.
/// </summary>
public sealed record OpenDataFilter
{
    public string? Text { get; init; }

    public string? Kind { get; init; }

    public long? InterestId { get; init; }

    public DateTimeOffset? ModifiedAfter { get; init; }

    public Location? Near { get; init; }

    public double? WithinKm { get; init; }
}

public sealed record InterestTerm(long Id, string Name);

public interface IOpenDataStore
{
    /// <summary>
    /// A page of published assets for a list, which shows each one's summary and place: without their interests or
    /// regular times (two more reads a page), which only <see cref="Asset"/> fills in.
    /// </summary>
    Task<Page<AssetDetails>> Assets(OpenDataFilter filter, Paging paging, CancellationToken cancellationToken);

    Task<AssetDetails?> Asset(string uid, CancellationToken cancellationToken);

    Task<IReadOnlyList<InterestTerm>> AllInterests(CancellationToken cancellationToken);
}

public sealed record ListOpenAssetsQuery(OpenDataFilter Filter, Paging Paging) : IQuery<Page<AssetDetails>>;

public sealed class ListOpenAssetsHandler(IOpenDataStore store) : IQueryHandler<ListOpenAssetsQuery, Page<AssetDetails>>
{
    public async ValueTask<Page<AssetDetails>> Handle(ListOpenAssetsQuery query, CancellationToken cancellationToken) =>
        await store.Assets(query.Filter with { Text = Text.Clean(query.Filter.Text) is { Length: > 100 } t ? t[..100] : Text.Clean(query.Filter.Text) }, query.Paging, cancellationToken);
}

public sealed record GetOpenAssetQuery(string Uid) : IQuery<AssetDetails>;

public sealed class GetOpenAssetHandler(IOpenDataStore store) : IQueryHandler<GetOpenAssetQuery, AssetDetails>
{
    public async ValueTask<AssetDetails> Handle(GetOpenAssetQuery query, CancellationToken cancellationToken) =>
        (Guid.TryParse(query.Uid, out var uid) ? await store.Asset(uid.ToString(), cancellationToken) : null) ?? throw new NotFoundException("service", query.Uid);
}

public sealed record ListAllInterestTermsQuery : IQuery<IReadOnlyList<InterestTerm>>;

public sealed class ListAllInterestTermsHandler(IOpenDataStore store) : IQueryHandler<ListAllInterestTermsQuery, IReadOnlyList<InterestTerm>>
{
    public async ValueTask<IReadOnlyList<InterestTerm>> Handle(ListAllInterestTermsQuery query, CancellationToken cancellationToken) =>
        await store.AllInterests(cancellationToken);
}
