using Circles.Core.Assets;
using Circles.Core.Common;
using Circles.Data.Sqlite;
using Dapper;
using static Circles.Data.Sqlite.PagedQuery;

namespace Circles.Data.Assets;

/// <summary>The open directory's reads: never an individual's gifts and skills.</summary>
public sealed class OpenDataStore(IDbConnectionFactory database) : IOpenDataStore
{
    public async Task<Page<AssetDetails>> Assets(OpenDataFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var where = new List<string> { "a.kind <> 'individual'" };
        var from = "FROM community_assets a";
        var match = FullText.PrefixQuery(filter.Text);
        if (match is not null)
        {
            from = "FROM asset_search s JOIN community_assets a ON a.id = s.rowid";
            where.Add("asset_search MATCH @Match");
            parameters.Add("Match", match);
        }

        if (filter.Kind is not null)
        {
            where.Add("a.kind = @Kind");
            parameters.Add("Kind", filter.Kind);
        }

        if (filter.InterestId is not null)
        {
            where.Add("EXISTS (SELECT 1 FROM asset_interests ai WHERE ai.asset_id = a.id AND ai.interest_id = @InterestId)");
            parameters.Add("InterestId", filter.InterestId);
        }

        if (filter.ModifiedAfter is { } after)
        {
            where.Add("a.updated_at > @After");
            parameters.Add("After", after);
        }

        if (filter.Near is { } near && filter.WithinKm is { } km)
        {
            where.Add(AssetStore.Within(near, km, parameters));
        }
        else if (filter.Near is not null)
        {
            where.Add("a.latitude IS NOT NULL");
        }

        var order = AssetStore.OrderBy(filter.Near, match is not null, parameters, "a.id");
        var whereSql = string.Join(" AND ", where);
        await using var connection = await database.Open(cancellationToken);
        // Unfiltered, the count is the one triggers keep (migration 0037): counting the public assets on every page
        // walked 20,000 index entries at tier L.
        var countSql = where.Count == 1 ? "SELECT n FROM public_asset_count" : $"SELECT count(*) {from} WHERE {whereSql}";
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(countSql, parameters, cancellationToken: cancellationToken));
        // A page past the end is empty (not the last page again), so a harvester that reads until "empty" stops.
        var rows = (await connection.QueryAsync<AssetDetails>(new CommandDefinition(
            $"SELECT {AssetStore.DetailColumns} {from} {AssetStore.DetailJoins} WHERE {whereSql} ORDER BY {order} {PageLimit}",
            Paged(parameters, paging),
            cancellationToken: cancellationToken))).ToList();
        return new Page<AssetDetails>(rows, paging.PageNumber, paging.PageSize, total);
    }

    public async Task<AssetDetails?> Asset(string uid, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var asset = await connection.QuerySingleOrDefaultAsync<AssetDetails>(new CommandDefinition(
            $"SELECT {AssetStore.DetailColumns} FROM community_assets a {AssetStore.DetailJoins} WHERE a.uid = @Uid AND a.kind <> 'individual'",
            new { Uid = uid },
            cancellationToken: cancellationToken));
        return asset is null ? null : (await AssetStore.Complete(connection, [asset], cancellationToken))[0];
    }

    // Only the words that tag something published, so the list says nothing about people's or individuals' interests.
    private const string PublishedInterests =
        "FROM interests i WHERE EXISTS (SELECT 1 FROM asset_interests ai JOIN community_assets a ON a.id = ai.asset_id WHERE ai.interest_id = i.id AND a.kind <> 'individual')";

    public async Task<IReadOnlyList<InterestTerm>> AllInterests(CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return (await connection.QueryAsync<InterestTerm>(new CommandDefinition($"SELECT i.id, i.name {PublishedInterests} ORDER BY i.id", cancellationToken: cancellationToken))).ToList();
    }
}
