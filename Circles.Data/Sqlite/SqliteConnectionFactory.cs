using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Circles.Data.Sqlite;

/// <summary>
/// Opens connections to the database file. Connections are kept open between uses, each with the statements it has
/// compiled (<see cref="PooledSqlite"/>); more than <see cref="IdleKept"/> waiting at once are closed into
/// Microsoft.Data.Sqlite's own pool, which keeps the handle but not its statements.
/// </summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory, IDisposable
{
    public const int BusyTimeoutMilliseconds = 5000;

    public const int CommandTimeoutSeconds = 30;

    // Sixteen busy requests each holding one or two connections at a time.
    internal const int IdleKept = 32;

    // synchronous=NORMAL is safe with WAL (a power cut can lose the last commits, never corrupt) and
    // much faster than FULL; busy_timeout makes a writer wait for another instead of failing. Each pooled handle
    // caches 8 MB of pages, not SQLite's 2 MB: at national scale (tier L, a 5 GB file) the circle page's volunteer
    // lookups missed the smaller cache and ran at half the speed. 16 busy handles stay well inside the memory budget.
    private const string PerConnectionPragmas =
        "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -8000;";

    // A pooled connection keeps its SQLite handle, and the handle keeps its pragmas; a page opens a dozen
    // connections, so the pragmas run once per handle rather than on every open.
    private static readonly ConditionalWeakTable<sqlite3, object> Prepared = [];

    // SQLite's process-wide settings must be made before the first connection opens.
    static SqliteConnectionFactory() => _ = SqliteLibrary.Configured;

    private readonly string _connectionString;
    private readonly ConcurrentStack<PooledSqlite> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteConnectionFactory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            DefaultTimeout = CommandTimeoutSeconds,
        };
        if (builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("Circles needs a database file; in-memory databases lose everything between connections.", nameof(connectionString));
        }

        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    public string DataSource { get; }

    /// <summary>Connections waiting in the pool now (for tests).</summary>
    internal int IdleCount => Volatile.Read(ref _idleCount);

    public async Task<DbConnection> Open(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_idle.TryPop(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return new StatementCachingConnection(this, idle);
        }

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

            return new StatementCachingConnection(this, new PooledSqlite(connection));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes a connection back from a user: kept for the next if it is clean and there is room, else closed.</summary>
    internal void Return(PooledSqlite pooled, bool clean)
    {
        if (clean && pooled.Reusable && !_disposed)
        {
            if (Interlocked.Increment(ref _idleCount) <= IdleKept)
            {
                _idle.Push(pooled);
                if (_disposed)
                {
                    CloseIdle();
                }

                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        pooled.Dispose();
    }

    /// <summary>Closes every waiting connection (the host does this at shutdown; tests before deleting a file).</summary>
    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        while (_idle.TryPop(out var pooled))
        {
            Interlocked.Decrement(ref _idleCount);
            pooled.Dispose();
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
