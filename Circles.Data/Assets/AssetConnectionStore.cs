using Circles.Core.Assets;
using Circles.Core.Common;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Assets;

public sealed class AssetConnectionStore(IDbConnectionFactory database) : IAssetConnectionStore
{
    public async Task<long> Record(long assetId, long personId, string status, DateOnly on, string? note, long recordedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The connection's status is the latest thing that happened: an older event added later joins the history only.
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO asset_connections (asset_id, person_id, status, status_on, created_at, created_by, updated_at)
            VALUES (@AssetId, @PersonId, @Status, @On, @At, @By, @At)
            ON CONFLICT (person_id, asset_id) DO UPDATE SET
                status = CASE WHEN excluded.status_on >= asset_connections.status_on THEN excluded.status ELSE asset_connections.status END,
                status_on = max(excluded.status_on, asset_connections.status_on),
                updated_at = excluded.updated_at
            RETURNING id
            """,
            new { AssetId = assetId, PersonId = personId, Status = status, On = on, At = at, By = recordedBy },
            transaction,
            cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO asset_connection_events (connection_id, status, happened_on, note, recorded_at, recorded_by)
            VALUES (@Id, @Status, @On, @Note, @At, @By)
            """,
            new { Id = id, Status = status, On = on, Note = note, At = at, By = recordedBy },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<PersonConnection>> ForPerson(Viewer viewer, long personId, CancellationToken cancellationToken)
    {
        var reach = viewer.SeesAllAreas ? "1 = 1" : "(a.kind <> 'individual' OR a.area_id IN @AreaIds)";
        await using var connection = await database.Open(cancellationToken);
        var connections = (await connection.QueryAsync<PersonConnection>(new CommandDefinition(
            $"""
            SELECT c.id, c.asset_id, a.name AS asset_name, a.status AS asset_status, c.status, c.status_on
            FROM asset_connections c JOIN community_assets a ON a.id = c.asset_id
            WHERE c.person_id = @PersonId AND {reach}
            ORDER BY c.status_on DESC, c.id DESC
            """,
            new { PersonId = personId, AreaIds = viewer.AreaIds.ToArray() },
            cancellationToken: cancellationToken))).ToList();
        if (connections.Count == 0)
        {
            return connections;
        }

        var history = (await connection.QueryAsync<ConnectionEvent>(new CommandDefinition(
            """
            SELECT e.connection_id, e.status, e.happened_on, e.note, u.display_name AS recorded_by_name
            FROM asset_connection_events e LEFT JOIN users u ON u.id = e.recorded_by
            WHERE e.connection_id IN @Ids
            ORDER BY e.happened_on DESC, e.id DESC
            """,
            new { Ids = connections.Select(c => c.Id).ToArray() },
            cancellationToken: cancellationToken))).ToLookup(e => e.ConnectionId);
        return connections.Select(c => c with { History = history[c.Id].ToList() }).ToList();
    }

    public async Task<AssetConnections> ForAsset(Viewer viewer, long assetId, CancellationToken cancellationToken)
    {
        var reach = viewer.SeesAllAreas ? "1 = 1" : "p.area_id IN @AreaIds";
        await using var connection = await database.Open(cancellationToken);
        var counts = (await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, count(*) FROM asset_connections WHERE asset_id = @AssetId GROUP BY status",
            new { AssetId = assetId },
            cancellationToken: cancellationToken))).ToDictionary(r => r.Status, r => (int)r.Count);
        var visible = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM asset_connections c JOIN people p ON p.id = c.person_id WHERE c.asset_id = @AssetId AND {reach}",
            new { AssetId = assetId, AreaIds = viewer.AreaIds.ToArray() },
            cancellationToken: cancellationToken));
        var people = await connection.QueryAsync<ConnectedPerson>(new CommandDefinition(
            $"""
            SELECT p.id AS person_id, coalesce(p.preferred_name, p.full_name) AS name, c.status, c.status_on
            FROM asset_connections c JOIN people p ON p.id = c.person_id
            WHERE c.asset_id = @AssetId AND {reach}
            ORDER BY c.status_on DESC, c.id DESC
            LIMIT 200
            """,
            new { AssetId = assetId, AreaIds = viewer.AreaIds.ToArray() },
            cancellationToken: cancellationToken));
        return new AssetConnections(people.ToList(), (int)visible, counts);
    }
}
