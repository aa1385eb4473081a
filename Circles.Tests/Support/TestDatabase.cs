using Circles.Data.Migrations;
using Circles.Data.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Circles.Tests.Support;

/// <summary>A real SQLite file in a temporary folder: migrated once, emptied between tests.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase(string folder)
    {
        Folder = folder;
        ConnectionString = $"Data Source={Path.Combine(folder, "circles.db")}";
        TypeHandlers.Register();
        Factory = new SqliteConnectionFactory(ConnectionString);
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    public SqliteConnectionFactory Factory { get; }

    public static async Task<TestDatabase> CreateMigrated(string purpose)
    {
        var database = new TestDatabase(TestPaths.NewTempFolder(purpose));
        await new MigrationRunner(database.Factory, TimeProvider.System).Apply(CancellationToken.None);
        return database;
    }

    /// <summary>Deletes every row except the migration journal, children before parents.</summary>
    public async Task Reset()
    {
        await using var connection = await Factory.Open(CancellationToken.None);
        // Full-text tables and their shadow tables, and the count of public assets, are kept in step by triggers on the
        // tables they follow, so they empty themselves.
        var tables = (await connection.QueryAsync<string>(
            """
            SELECT t.name FROM sqlite_master t
            WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND t.name NOT IN ('schema_migrations', 'public_asset_count')
              AND t.sql NOT LIKE 'CREATE VIRTUAL TABLE%'
              AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '\_%' ESCAPE '\')
            """)).ToList();
        await connection.ExecuteAsync("PRAGMA foreign_keys = OFF");
        foreach (var table in tables)
        {
            await connection.ExecuteAsync($"DELETE FROM \"{table}\"");
        }

        await connection.ExecuteAsync("PRAGMA foreign_keys = ON");
    }

    public async Task<T> Scalar<T>(string sql, object? parameters = null)
    {
        await using var connection = await Factory.Open(CancellationToken.None);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException("No value for " + sql);
    }

    public async Task<IReadOnlyList<T>> Query<T>(string sql, object? parameters = null)
    {
        await using var connection = await Factory.Open(CancellationToken.None);
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    public async Task Execute(string sql, object? parameters = null)
    {
        await using var connection = await Factory.Open(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }

    public void Dispose()
    {
        Factory.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS temp folder is cleaned eventually.
        }
    }
}
