using Circles.Data.Migrations;
using Circles.Data.Sqlite;
using Circles.Tests.Support;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Circles.Tests.Data;

public sealed class ConnectionFactoryTests
{
    private TestDatabase _db = null!;

    [OneTimeSetUp]
    public async Task Migrate() => _db = await TestDatabase.CreateMigrated("connections");

    [OneTimeTearDown]
    public void Remove() => _db.Dispose();

    [Test]
    public async Task Every_connection_has_foreign_keys_on_and_a_busy_timeout_new_or_from_the_pool()
    {
        // The pragmas run once per SQLite handle; the second open reuses the pooled handle.
        for (var open = 0; open < 2; open++)
        {
            await using var connection = await _db.Factory.Open(CancellationToken.None);
            Assert.Multiple(async () =>
            {
                Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"), Is.EqualTo(1));
                Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"), Is.EqualTo(5000));
                Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"), Is.EqualTo(1), "NORMAL");
                Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA temp_store"), Is.EqualTo(2), "MEMORY");
                Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA cache_size"), Is.EqualTo(-8000), "8 MB of pages");
            });
        }
    }

    [Test]
    public async Task SQLite_takes_no_lock_per_call_and_keeps_no_memory_statistics()
    {
        // Both are process-wide and must be set before the first connection opens; the factory sees to it. Either
        // lock, once per column read or once per allocation, cost 3 to 9 % of a page under load.
        await using (var viaFactory = await _db.Factory.Open(CancellationToken.None))
        {
            await viaFactory.ExecuteScalarAsync<long>("SELECT count(*) FROM people");
        }

        await using var plain = new SqliteConnection(_db.ConnectionString);
        await plain.OpenAsync();
        Assert.Multiple(() =>
        {
            Assert.That(SqliteLibrary.Configured, Is.True);
            Assert.That(SqliteNative.sqlite3_db_mutex(plain.Handle!.DangerousGetHandle()), Is.EqualTo(IntPtr.Zero), "a connection has no mutex of its own");
            Assert.That(SQLitePCL.raw.sqlite3_memory_used(), Is.Zero, "allocations are not counted");
        });
    }

    private static class SqliteNative
    {
        [System.Runtime.InteropServices.DllImport("e_sqlite3")]
        public static extern IntPtr sqlite3_db_mutex(IntPtr db);
    }

    [Test]
    public async Task The_database_file_uses_write_ahead_logging()
    {
        await using var connection = await _db.Factory.Open(CancellationToken.None);
        Assert.That(await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
    }

    [Test]
    public async Task Migrating_through_the_benchmark_recorder_still_switches_the_file_to_write_ahead_logging()
    {
        // Benchmark mode wraps the factory; the wrapped database was left in rollback-journal mode, where every
        // write syncs twice and readers wait for writers, so the benchmarks measured the wrong database.
        using var db = new TestDatabase(TestPaths.NewTempFolder("recorded-migration"));
        await new MigrationRunner(new RecordingConnectionFactory(db.Factory, recordAll: false), TimeProvider.System).Apply(CancellationToken.None);
        await using var connection = await db.Factory.Open(CancellationToken.None);
        Assert.That(await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
    }

    [Test]
    public async Task Foreign_keys_are_enforced()
    {
        await using var connection = await _db.Factory.Open(CancellationToken.None);
        var insert = () => connection.ExecuteAsync("INSERT INTO user_roles (user_id, role) VALUES (424242, 'Connector')");
        Assert.That(insert, Throws.InstanceOf<SqliteException>().With.Message.Contains("FOREIGN KEY"));
    }

    [Test]
    public void An_in_memory_database_is_refused_because_it_forgets_between_connections()
    {
        Assert.That(() => new SqliteConnectionFactory("Data Source=:memory:;Mode=Memory"), Throws.ArgumentException);
    }

    [Test]
    public async Task Times_round_trip_as_utc_iso_text()
    {
        var when = new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(1));
        await _db.Execute("INSERT INTO settings (key, value, changed_at) VALUES ('t', 'v', @When) ON CONFLICT (key) DO UPDATE SET changed_at = excluded.changed_at", new { When = when });
        Assert.Multiple(async () =>
        {
            Assert.That(await _db.Scalar<string>("SELECT changed_at FROM settings WHERE key = 't'"), Is.EqualTo("2026-03-29T00:30:00.0000000Z"));
            Assert.That(await _db.Scalar<DateTimeOffset>("SELECT changed_at FROM settings WHERE key = 't'"), Is.EqualTo(when));
        });
    }
}
