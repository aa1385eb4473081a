using Circles.Core.Areas;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Areas;

public sealed class AreaStore(IDbConnectionFactory database) : IAreaStore
{
    private const string SelectArea = """
        SELECT a.id, a.name, (SELECT count(*) FROM user_areas ua WHERE ua.area_id = a.id) AS user_count, a.created_at
        FROM areas a
        """;

    public async Task<IReadOnlyList<Area>> List(CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var areas = await connection.QueryAsync<Area>(new CommandDefinition(SelectArea + " ORDER BY a.name COLLATE NOCASE", cancellationToken: cancellationToken));
        return areas.ToList();
    }

    public async Task<Area?> Find(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Area>(new CommandDefinition(SelectArea + " WHERE a.id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<bool> NameTaken(string name, long? exceptId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM areas WHERE lower(name) = lower(@Name) AND (@ExceptId IS NULL OR id <> @ExceptId)",
            new { Name = name, ExceptId = exceptId },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<long> Add(string name, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO areas (name, created_at) VALUES (@Name, @CreatedAt) RETURNING id",
            new { Name = name, CreatedAt = createdAt },
            cancellationToken: cancellationToken));
    }

    public async Task Rename(long id, string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE areas SET name = @Name WHERE id = @Id", new { Id = id, Name = name }, cancellationToken: cancellationToken));
    }
}
