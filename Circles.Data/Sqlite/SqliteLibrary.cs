using SQLitePCL;

namespace Circles.Data.Sqlite;

/// <summary>
/// How the SQLite library itself is set up: once per process, before its first connection opens, which is why the
/// connection factory touches <see cref="Configured"/> before it opens anything.
/// </summary>
internal static class SqliteLibrary
{
    /// <summary>
    /// True when the settings took effect. If something opened SQLite first they are refused and SQLite keeps its
    /// defaults, which are as safe, only slower.
    /// </summary>
    public static bool Configured { get; } = Configure();

    private static bool Configure()
    {
        Batteries_V2.Init();

        // Multi-thread mode: no mutex taken on every step and every column read. A connection is only ever lent to
        // one caller at a time (by our pool and by Microsoft.Data.Sqlite's), as ADO.NET requires, so SQLite's own
        // lock guarded nothing.
        var threading = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD);

        // No memory statistics: keeping them takes one process-wide mutex on every allocation and free, shared by
        // every connection, and nothing reads them.
        var statistics = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);

        return threading == raw.SQLITE_OK && statistics == raw.SQLITE_OK;
    }
}
