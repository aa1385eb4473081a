using System.Data.Common;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Migrations;

public sealed record MigrationStatus(int AppliedVersion, int LatestVersion, IReadOnlyList<string> Pending)
{
    public bool IsCurrent => Pending.Count == 0;
}

/// <summary>
/// Applies migrations in order, each in its own transaction with its journal row, so a failed
/// migration leaves the database at the previous version. Migrations are forward-only and a
/// landed migration must never change: a changed checksum stops start-up.
/// </summary>
public sealed class MigrationRunner(IDbConnectionFactory database, TimeProvider clock)
{
    private const string CreateJournal = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version     INTEGER PRIMARY KEY,
            name        TEXT NOT NULL,
            checksum    TEXT NOT NULL,
            applied_at  TEXT NOT NULL
        );
        """;

    private sealed class Applied
    {
        public long Version { get; init; }

        public string Name { get; init; } = "";

        public string Checksum { get; init; } = "";
    }

    public IReadOnlyList<MigrationScript> Scripts { get; init; } = MigrationSet.Embedded();

    public async Task<IReadOnlyList<MigrationScript>> Apply(CancellationToken cancellationToken)
    {
        await database.Initialise(cancellationToken);
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(CreateJournal, cancellationToken: cancellationToken));
        var pending = Pending(await ReadJournal(connection, cancellationToken));
        var applied = new List<MigrationScript>();
        foreach (var script in pending)
        {
            // BEGIN IMMEDIATE takes the write lock; another runner (a second server, or `migrate` while the
            // site starts) may have applied this script while we waited for it.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM schema_migrations WHERE version = @Version", new { script.Version }, transaction, cancellationToken: cancellationToken));
            if (done > 0)
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @AppliedAt)",
                new { script.Version, script.Name, script.Checksum, AppliedAt = clock.GetUtcNow() },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            applied.Add(script);
        }

        return applied;
    }

    public async Task<MigrationStatus> Status(CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", cancellationToken: cancellationToken));
        var applied = exists == 0 ? [] : await ReadJournal(connection, cancellationToken);
        var pending = Pending(applied);
        return new MigrationStatus(
            applied.Count == 0 ? 0 : (int)applied.Max(a => a.Version),
            Scripts.Count == 0 ? 0 : Scripts[^1].Version,
            pending.Select(p => p.FileName).ToList());
    }

    private static async Task<IReadOnlyList<Applied>> ReadJournal(DbConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Applied>(new CommandDefinition(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version", cancellationToken: cancellationToken))).ToList();

    private List<MigrationScript> Pending(IReadOnlyList<Applied> applied)
    {
        var byVersion = applied.ToDictionary(a => a.Version);
        foreach (var script in Scripts)
        {
            if (byVersion.TryGetValue(script.Version, out var done) && done.Checksum != script.Checksum)
            {
                throw new MigrationSetException(
                    $"{script.FileName} has changed since it was applied. Migrations are never edited once landed: add a new one instead.");
            }
        }

        var unknown = applied.Where(a => Scripts.All(s => s.Version != a.Version)).ToList();
        if (unknown.Count > 0)
        {
            throw new MigrationSetException(
                $"The database has migration {unknown[0].Version:D4} ({unknown[0].Name}) which this version of Circles does not know: it is newer than this program.");
        }

        return Scripts.Where(s => !byVersion.ContainsKey(s.Version)).ToList();
    }
}
