using System.Collections;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Circles.Data.Sqlite;

/// <summary>
/// An open SQLite connection kept by <see cref="SqliteConnectionFactory"/> between uses, with the statements it has
/// compiled. Microsoft.Data.Sqlite compiles a command's SQL afresh for every new command and throws the compiled
/// statements away when a connection closes (dotnet/efcore#14044), so a page's long queries were parsed and planned on
/// every request. Here a connection stays open while it waits in the pool, and keeps one command per SQL text, reused
/// with new parameters; SQLite re-plans a kept statement itself if the schema changes.
/// </summary>
internal sealed class PooledSqlite(SqliteConnection connection) : IDisposable
{
    // Enough for every query behind the busiest pages; the least recently used is finalised beyond that.
    internal const int StatementsKept = 48;

    // Statements longer than this are one-offs (imports, generated lists): not worth keeping.
    private const int LongestKept = 16_000;

    private readonly Dictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private long _uses;
    private int _outstanding;

    public SqliteConnection Connection { get; } = connection;

    public int KeptCount => _kept.Count;

    /// <summary>True when nothing is still running on it and it is open, so the next user starts clean.</summary>
    public bool Reusable => _outstanding == 0 && Connection.State == ConnectionState.Open;

    /// <summary>The kept command for this SQL, or a new one-off command when it is in use or not worth keeping.</summary>
    public SqliteCommand Rent(string sql)
    {
        _outstanding++;
        if (_kept.TryGetValue(sql, out var kept))
        {
            if (kept.Busy)
            {
                return NewCommand(sql);
            }

            kept.Busy = true;
            kept.LastUsed = ++_uses;
            return kept.Command;
        }

        var command = NewCommand(sql);
        if (sql.Length > LongestKept)
        {
            return command;
        }

        if (_kept.Count >= StatementsKept)
        {
            Evict();
        }

        _kept[sql] = new Kept(command) { Busy = true, LastUsed = ++_uses };
        return command;
    }

    /// <summary>Takes a command back: a kept one forgets its parameters (no values outlive their use), a one-off is finalised.</summary>
    public void Return(SqliteCommand command)
    {
        _outstanding--;
        command.Parameters.Clear();
        command.Transaction = null;
        if (_kept.TryGetValue(command.CommandText, out var kept) && ReferenceEquals(kept.Command, command))
        {
            kept.Busy = false;
        }
        else
        {
            command.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var kept in _kept.Values)
        {
            kept.Command.Dispose();
        }

        _kept.Clear();
        Connection.Dispose();
    }

    private SqliteCommand NewCommand(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private void Evict()
    {
        string? oldest = null;
        var oldestUse = long.MaxValue;
        foreach (var (sql, kept) in _kept)
        {
            if (!kept.Busy && kept.LastUsed < oldestUse)
            {
                oldest = sql;
                oldestUse = kept.LastUsed;
            }
        }

        if (oldest is not null)
        {
            _kept.Remove(oldest, out var evicted);
            evicted!.Command.Dispose();
        }
    }

    private sealed class Kept(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public bool Busy { get; set; }

        public long LastUsed { get; set; }
    }
}

/// <summary>
/// What <see cref="SqliteConnectionFactory.Open"/> hands out: a borrowed <see cref="PooledSqlite"/>, returned to the pool
/// when this is closed or disposed, after rolling back any transaction left open. Each borrowing is a new object, so a
/// reference kept after disposal cannot reach the connection's next user.
/// </summary>
[SuppressMessage("Security", "CA2100", Justification = "Runs the commands built by the stores")]
internal sealed class StatementCachingConnection(SqliteConnectionFactory factory, PooledSqlite pooled) : DbConnection
{
    private PooledSqlite? _pooled = pooled;
    private SqliteTransaction? _transaction;

    internal PooledSqlite Pooled => _pooled ?? throw new ObjectDisposedException(nameof(StatementCachingConnection), "The connection has been closed and returned to the pool.");

    [AllowNull]
    public override string ConnectionString
    {
        get => Pooled.Connection.ConnectionString;
        set => throw new NotSupportedException("The factory sets the connection string.");
    }

    public override string Database => Pooled.Connection.Database;

    public override string DataSource => Pooled.Connection.DataSource;

    public override string ServerVersion => Pooled.Connection.ServerVersion;

    public override ConnectionState State => _pooled is null ? ConnectionState.Closed : ConnectionState.Open;

    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

    // A borrowing is open from the start; once closed, its connection may be someone else's.
    public override void Open() => throw new ObjectDisposedException(nameof(StatementCachingConnection), "The connection was closed and went back to the pool; open another through the factory.");

    public override void Close()
    {
        if (_pooled is not { } pooled)
        {
            return;
        }

        _pooled = null;
        var clean = true;
        try
        {
            // Disposing a finished transaction does nothing; an unfinished one is rolled back here.
            _transaction?.Dispose();
        }
        catch (SqliteException)
        {
            clean = false;
        }

        _transaction = null;
        factory.Return(pooled, clean);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        new WrappedTransaction(this, _transaction = Pooled.Connection.BeginTransaction(isolationLevel));

    protected override DbCommand CreateDbCommand() => new CachingCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync()
    {
        Close();
        return base.DisposeAsync();
    }

    /// <summary>Collects text and parameters like any command, and runs them on the connection's kept statement.</summary>
    private sealed class CachingCommand(StatementCachingConnection connection) : DbCommand
    {
        // Holds the parameters until the command runs; never attached to a connection.
        private readonly SqliteCommand _parameters = new();
        private WrappedTransaction? _transaction;

        [AllowNull]
        public override string CommandText { get; set; } = "";

        public override int CommandTimeout { get; set; } = SqliteConnectionFactory.CommandTimeoutSeconds;

        public override CommandType CommandType
        {
            get => CommandType.Text;
            set
            {
                if (value != CommandType.Text)
                {
                    throw new ArgumentException("SQLite runs SQL text only.", nameof(value));
                }
            }
        }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set
            {
                if (!ReferenceEquals(value, connection))
                {
                    throw new NotSupportedException("A command stays with the connection that made it.");
                }
            }
        }

        protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

        protected override DbTransaction? DbTransaction
        {
            get => _transaction;
            set => _transaction = value switch
            {
                null => null,
                WrappedTransaction { Inner: SqliteTransaction } ours when ReferenceEquals(ours.Connection, connection) => ours,
                _ => throw new ArgumentException("The transaction belongs to another connection.", nameof(value)),
            };
        }

        public override void Cancel()
        {
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => _parameters.CreateParameter();

        public override int ExecuteNonQuery()
        {
            var (pooled, command) = Rent();
            try
            {
                return command.ExecuteNonQuery();
            }
            finally
            {
                pooled.Return(command);
            }
        }

        public override object? ExecuteScalar()
        {
            var (pooled, command) = Rent();
            try
            {
                return command.ExecuteScalar();
            }
            finally
            {
                pooled.Return(command);
            }
        }

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            var (pooled, command) = Rent();
            try
            {
                // The kept connection must never be closed by a reader; the wrapper closes this borrowing instead.
                var reader = command.ExecuteReader(behavior & ~CommandBehavior.CloseConnection);
                return new ReturningReader(reader, pooled, command, behavior.HasFlag(CommandBehavior.CloseConnection) ? connection : null);
            }
            catch
            {
                pooled.Return(command);
                throw;
            }
        }

        private (PooledSqlite Pooled, SqliteCommand Command) Rent()
        {
            var pooled = connection.Pooled;
            var command = pooled.Rent(CommandText);
            command.CommandTimeout = CommandTimeout;
            command.Transaction = (SqliteTransaction?)_transaction?.Inner;
            foreach (SqliteParameter parameter in _parameters.Parameters)
            {
                command.Parameters.Add(parameter);
            }

            return (pooled, command);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _parameters.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Reads through a kept command's reader and hands the command back when done.</summary>
    internal sealed class ReturningReader(SqliteDataReader inner, PooledSqlite pooled, SqliteCommand command, StatementCachingConnection? closeAfter) : DbDataReader
    {
        private bool _returned;

        internal SqliteDataReader Inner => inner;

        public override object this[int ordinal] => inner[ordinal];

        public override object this[string name] => inner[name];

        public override int Depth => inner.Depth;

        public override int FieldCount => inner.FieldCount;

        public override bool HasRows => inner.HasRows;

        public override bool IsClosed => inner.IsClosed;

        public override int RecordsAffected => inner.RecordsAffected;

        public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);

        public override byte GetByte(int ordinal) => inner.GetByte(ordinal);

        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);

        public override char GetChar(int ordinal) => inner.GetChar(ordinal);

        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);

        public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);

        public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);

        public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);

        public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);

        public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

        [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields)]
        public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);

        public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);

        public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);

        public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);

        public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);

        public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);

        public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);

        public override string GetName(int ordinal) => inner.GetName(ordinal);

        public override int GetOrdinal(string name) => inner.GetOrdinal(name);

        public override DataTable? GetSchemaTable() => inner.GetSchemaTable();

        public override Stream GetStream(int ordinal) => inner.GetStream(ordinal);

        public override string GetString(int ordinal) => inner.GetString(ordinal);

        public override TextReader GetTextReader(int ordinal) => inner.GetTextReader(ordinal);

        public override object GetValue(int ordinal) => inner.GetValue(ordinal);

        public override int GetValues(object[] values) => inner.GetValues(values);

        public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);

        public override bool NextResult() => inner.NextResult();

        public override bool Read() => inner.Read();

        // DbDataReader.Dispose closes.
        public override void Close()
        {
            if (_returned)
            {
                return;
            }

            _returned = true;
            inner.Dispose();
            pooled.Return(command);
            closeAfter?.Close();
        }
    }
}
