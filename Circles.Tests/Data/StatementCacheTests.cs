using System.Data;
using Circles.Data.Sqlite;
using Circles.Tests.Support;
using Dapper;
using SQLitePCL;

namespace Circles.Tests.Data;

/// <summary>
/// The factory keeps connections open between uses with the statements they compiled. These pin what must not change
/// because of it: no value, transaction, reader or stale snapshot passes from one user of a connection to the next.
/// </summary>
public sealed class StatementCacheTests
{
    private TestDatabase _db = null!;

    [OneTimeSetUp]
    public async Task Migrate()
    {
        _db = await TestDatabase.CreateMigrated("statement-cache");
        await _db.Execute("CREATE TABLE cache_probe (id INTEGER PRIMARY KEY, word TEXT NOT NULL)");
    }

    [OneTimeTearDown]
    public void Remove() => _db.Dispose();

    [SetUp]
    public Task Empty() => _db.Execute("DELETE FROM cache_probe");

    [Test]
    public async Task A_query_run_again_on_the_next_borrowing_of_the_connection_is_not_compiled_again()
    {
        const string sql = "SELECT @Value + 1 /* compiled once */";
        sqlite3 handle;
        var runsBefore = new List<int>();
        await using (var connection = await _db.Factory.Open(CancellationToken.None))
        {
            handle = Handle(connection);
            Assert.That(Run(connection, sql, 1, runsBefore), Is.EqualTo(2));
            Assert.That(Run(connection, sql, 41, runsBefore), Is.EqualTo(42));
        }

        await using (var connection = await _db.Factory.Open(CancellationToken.None))
        {
            Assert.That(Handle(connection), Is.SameAs(handle), "the same SQLite connection comes back from the pool");
            Assert.That(Run(connection, sql, 99, runsBefore), Is.EqualTo(100));
        }

        // SQLite counts the runs of a statement since it was compiled: one compiled afresh would say 1 every time.
        Assert.That(runsBefore, Is.EqualTo(new[] { 1, 2, 3 }), "one compiled statement, run three times");
    }

    [Test]
    public async Task A_kept_statement_forgets_its_values_so_a_missing_parameter_is_an_error_not_the_last_value()
    {
        const string sql = "SELECT @Secret /* forgets */";
        await using var connection = await _db.Factory.Open(CancellationToken.None);
        Assert.That(await connection.ExecuteScalarAsync<string>(sql, new { Secret = "loneliness score 9" }), Is.EqualTo("loneliness score 9"));
        Assert.That(() => connection.ExecuteScalarAsync<string>(sql), Throws.InvalidOperationException.With.Message.Contains("Must add values"));
    }

    [Test]
    public async Task A_transaction_left_open_is_rolled_back_before_the_connection_is_lent_again()
    {
        await using (var connection = await _db.Factory.Open(CancellationToken.None))
        {
            var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("INSERT INTO cache_probe (word) VALUES ('never committed')", transaction: transaction);
        }

        await using (var connection = await _db.Factory.Open(CancellationToken.None))
        {
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM cache_probe"), Is.Zero);
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("INSERT INTO cache_probe (word) VALUES ('committed')", transaction: transaction);
            await transaction.CommitAsync();
        }

        Assert.That(await _db.Scalar<long>("SELECT count(*) FROM cache_probe"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_command_inside_a_transaction_must_still_name_it()
    {
        await using var connection = await _db.Factory.Open(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.That(() => connection.ExecuteAsync("INSERT INTO cache_probe (word) VALUES ('no transaction named')"), Throws.InvalidOperationException);
    }

    [Test]
    public async Task The_same_query_can_run_inside_its_own_open_reader()
    {
        await _db.Execute("INSERT INTO cache_probe (word) VALUES ('one'), ('two'), ('three')");
        const string sql = "SELECT word FROM cache_probe WHERE id >= @From ORDER BY id";
        await using var connection = await _db.Factory.Open(CancellationToken.None);
        var pairs = new List<string>();
        await using (var reader = await connection.ExecuteReaderAsync(sql, new { From = 0 }))
        {
            while (await reader.ReadAsync())
            {
                var later = await connection.QueryAsync<string>(sql, new { From = 3 });
                pairs.Add(reader.GetString(0) + "/" + string.Join(",", later));
            }
        }

        Assert.That(pairs, Is.EqualTo(new[] { "one/three", "two/three", "three/three" }));
        Assert.That(await connection.QueryAsync<string>(sql, new { From = 2 }), Is.EqualTo(new[] { "two", "three" }));
    }

    [Test]
    public async Task A_connection_closed_by_its_user_cannot_reach_the_next_user()
    {
        var connection = await _db.Factory.Open(CancellationToken.None);
        await connection.DisposeAsync();
        await using var next = await _db.Factory.Open(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed));
            Assert.That(() => connection.ExecuteScalarAsync<long>("SELECT 1"), Throws.InstanceOf<ObjectDisposedException>());
            Assert.That(next.State, Is.EqualTo(ConnectionState.Open));
        });
    }

    [Test]
    public async Task A_reader_left_open_sends_its_connection_away_rather_than_back_to_the_pool()
    {
        await _db.Execute("INSERT INTO cache_probe (word) VALUES ('one'), ('two')");
        var waiting = _db.Factory.IdleCount;
        IDataReader reader;
        await using (var connection = await _db.Factory.Open(CancellationToken.None))
        {
            reader = await connection.ExecuteReaderAsync("SELECT word FROM cache_probe /* left open */");
            Assert.That(reader.Read(), Is.True);
        }

        Assert.That(_db.Factory.IdleCount, Is.EqualTo(Math.Max(0, waiting - 1)), "taken from the pool and not put back");
        reader.Dispose();
        Assert.That(await _db.Scalar<long>("SELECT count(*) FROM cache_probe"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_waiting_connection_holds_no_snapshot_so_it_sees_new_rows_and_checkpoints_can_finish()
    {
        const string count = "SELECT count(*) FROM cache_probe /* snapshot */";
        await using (var reader = await _db.Factory.Open(CancellationToken.None))
        {
            Assert.That(await reader.ExecuteScalarAsync<long>(count), Is.Zero);
        }

        await using (var writer = await _db.Factory.Open(CancellationToken.None))
        await using (var reader = await _db.Factory.Open(CancellationToken.None))
        {
            await writer.ExecuteAsync("INSERT INTO cache_probe (word) VALUES ('new')");
            Assert.That(await reader.ExecuteScalarAsync<long>(count), Is.EqualTo(1));
        }

        await using var checkpointing = await _db.Factory.Open(CancellationToken.None);
        var result = (await checkpointing.QueryAsync<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(TRUNCATE)")).Single();
        Assert.That(result.Busy, Is.Zero, "no kept statement blocks the checkpoint");
    }

    [Test]
    public async Task A_connection_keeps_at_most_so_many_statements()
    {
        await using var connection = await _db.Factory.Open(CancellationToken.None);
        for (var i = 0; i < PooledSqlite.StatementsKept + 20; i++)
        {
            Assert.That(await connection.ExecuteScalarAsync<long>($"SELECT {i} + @One", new { One = 1 }), Is.EqualTo(i + 1));
        }

        Assert.That(((StatementCachingConnection)connection).Pooled.KeptCount, Is.EqualTo(PooledSqlite.StatementsKept));
    }

    [Test]
    public async Task A_schema_change_is_picked_up_by_a_kept_statement()
    {
        using var db = await TestDatabase.CreateMigrated("statement-cache-schema");
        await db.Execute("CREATE TABLE shape (a INTEGER)");
        await db.Execute("INSERT INTO shape (a) VALUES (1)");
        const string sql = "SELECT * FROM shape";
        Assert.That((await db.Query<dynamic>(sql)).Single() is IDictionary<string, object> first && first.Count == 1, Is.True);
        await db.Execute("ALTER TABLE shape ADD COLUMN b TEXT NOT NULL DEFAULT 'new'");
        var row = (IDictionary<string, object>)(await db.Query<dynamic>(sql)).Single();
        Assert.That(row["b"], Is.EqualTo("new"));
    }

    [Test]
    public async Task Disposing_the_factory_closes_every_waiting_connection()
    {
        var db = await TestDatabase.CreateMigrated("statement-cache-dispose");
        await using (await db.Factory.Open(CancellationToken.None))
        await using (await db.Factory.Open(CancellationToken.None))
        {
        }

        Assert.That(db.Factory.IdleCount, Is.EqualTo(2));
        db.Dispose();
        Assert.Multiple(() =>
        {
            Assert.That(db.Factory.IdleCount, Is.Zero);
            Assert.That(() => db.Factory.Open(CancellationToken.None), Throws.InstanceOf<ObjectDisposedException>());
        });
    }

    private static sqlite3 Handle(System.Data.Common.DbConnection connection) =>
        ((StatementCachingConnection)connection).Pooled.Connection.Handle!;

    // SQLITE_STMTSTATUS_RUN in sqlite3.h; SQLitePCL.raw names no constant for it.
    private const int StatementStatusRun = 6;

    private static long Run(System.Data.Common.DbConnection connection, string sql, long value, List<int> runsBefore)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@Value";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        Assert.That(reader.Read(), Is.True);
        runsBefore.Add(raw.sqlite3_stmt_status(((StatementCachingConnection.ReturningReader)reader).Inner.Handle!, StatementStatusRun, 0));
        return reader.GetInt64(0);
    }
}
