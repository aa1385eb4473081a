using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Circles.Data.Sqlite;

public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    public const int BusyTimeoutMilliseconds = 5000;

    // synchronous=NORMAL is safe with WAL (a power cut can lose the last commits, never corrupt) and
    // much faster than FULL; busy_timeout makes a writer wait for another instead of failing. Each pooled handle
    // caches 8 MB of pages, not SQLite's 2 MB: at national scale (tier L, a 5 GB file) the circle page's volunteer
    // lookups missed the smaller cache and ran at half the speed. 16 busy handles stay well inside the memory budget.
    private const string PerConnectionPragmas =
        "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -8000;";

    // A pooled connection keeps its SQLite handle, and the handle keeps its pragmas; a page opens a dozen
    // connections, so the pragmas run once per handle rather than on every open.
    private static readonly ConditionalWeakTable<sqlite3, object> Prepared = [];

    private readonly string _connectionString;

    public SqliteConnectionFactory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            DefaultTimeout = 30,
        };
        if (builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("Circles needs a database file; in-memory databases lose everything between connections.", nameof(connectionString));
        }

        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    public string DataSource { get; }

    public async Task<DbConnection> Open(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection.Handle is { } handle && !Prepared.TryGetValue(handle, out _))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = PerConnectionPragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
                Prepared.AddOrUpdate(handle, handle);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Creates the folder for the database file and switches the file to write-ahead logging,
    /// which lets readers carry on while one writer commits. The journal mode is stored in the file.
    /// </summary>
    public async Task Initialise(CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
