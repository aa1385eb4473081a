using Circles.Core.Assets;
using Circles.Core.Matching;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Assets;

public sealed class PostcodeStore(IDbConnectionFactory database) : IPostcodeStore
{
    public async Task<Location?> Find(string postcode, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(double Latitude, double Longitude)?>(new CommandDefinition(
            "SELECT latitude, longitude FROM postcodes WHERE postcode = @Postcode", new { Postcode = postcode }, cancellationToken: cancellationToken));
        return row is { } r ? new Location(r.Latitude, r.Longitude) : null;
    }

    public async Task<IReadOnlyDictionary<string, Location>> FindMany(IReadOnlyCollection<string> postcodes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Location>();
        await using var connection = await database.Open(cancellationToken);
        foreach (var chunk in postcodes.Chunk(500))
        {
            foreach (var (postcode, latitude, longitude) in await connection.QueryAsync<(string, double, double)>(new CommandDefinition(
                "SELECT postcode, latitude, longitude FROM postcodes WHERE postcode IN @Postcodes", new { Postcodes = chunk }, cancellationToken: cancellationToken)))
            {
                found[postcode] = new Location(latitude, longitude);
            }
        }

        return found;
    }

    public async Task<int> Save(IReadOnlyList<(string Postcode, Location Centroid)> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO postcodes (postcode, latitude, longitude) VALUES (@Postcode, @Latitude, @Longitude)
            ON CONFLICT (postcode) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude
            """,
            batch.Select(p => new { p.Postcode, p.Centroid.Latitude, p.Centroid.Longitude }),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    public async Task<long> Count(CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM postcodes", cancellationToken: cancellationToken));
    }
}
