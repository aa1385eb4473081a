using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
namespace Circles.Data.Sqlite;

/// <summary>
/// Hands out real SQLite connections wrapped so every command's text and parameters are kept: the query-plan tests read
/// them, and in benchmark mode a page's commands are kept so a bare baseline can run the very same SQL. With
/// <c>recordAll</c> off, only commands run inside <see cref="Capture"/> are kept.
/// </summary>
public sealed class RecordingConnectionFactory(IDbConnectionFactory inner, bool recordAll = true) : IDbConnectionFactory
{
    private static readonly AsyncLocal<ConcurrentQueue<RecordedCommand>?> Captured = new();

    public ConcurrentQueue<RecordedCommand> Commands { get; } = new();

    /// <summary>Keeps every command run by this async flow (one request) in the returned queue.</summary>
    public static ConcurrentQueue<RecordedCommand> Capture() => Captured.Value = new ConcurrentQueue<RecordedCommand>();

    public async Task<DbConnection> Open(CancellationToken cancellationToken)
    {
        var connection = await inner.Open(cancellationToken);
        var log = recordAll ? Commands : Captured.Value;
        return log is null ? connection : new RecordingConnection(connection, log);
    }

    public Task Initialise(CancellationToken cancellationToken) => inner.Initialise(cancellationToken);
}

public sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

[SuppressMessage("Security", "CA2100", Justification = "Wraps commands built by the stores")]
internal sealed class RecordingConnection(DbConnection inner, ConcurrentQueue<RecordedCommand> log) : DbConnection
{
    [AllowNull]
    public override string ConnectionString { get => inner.ConnectionString; set => inner.ConnectionString = value; }

    public override string Database => inner.Database;

    public override string DataSource => inner.DataSource;

    public override string ServerVersion => inner.ServerVersion;

    public override ConnectionState State => inner.State;

    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

    public override void Close() => inner.Close();

    public override void Open() => inner.Open();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new WrappedTransaction(this, inner.BeginTransaction(isolationLevel));

    protected override DbCommand CreateDbCommand() => new RecordingCommand(inner.CreateCommand(), this, log);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private sealed class RecordingCommand(DbCommand inner, RecordingConnection connection, ConcurrentQueue<RecordedCommand> log) : DbCommand
    {
        [AllowNull]
        public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }

        public override int CommandTimeout { get => inner.CommandTimeout; set => inner.CommandTimeout = value; }

        public override CommandType CommandType { get => inner.CommandType; set => inner.CommandType = value; }

        public override bool DesignTimeVisible { get => inner.DesignTimeVisible; set => inner.DesignTimeVisible = value; }

        public override UpdateRowSource UpdatedRowSource { get => inner.UpdatedRowSource; set => inner.UpdatedRowSource = value; }

        protected override DbConnection? DbConnection { get => connection; set { } }

        protected override DbParameterCollection DbParameterCollection => inner.Parameters;

        protected override DbTransaction? DbTransaction
        {
            get => null;
            set => inner.Transaction = (value as WrappedTransaction)?.Inner ?? value;
        }

        public override void Cancel() => inner.Cancel();

        public override void Prepare() => inner.Prepare();

        protected override DbParameter CreateDbParameter() => inner.CreateParameter();

        private void Record() =>
            log.Enqueue(new RecordedCommand(inner.CommandText, inner.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));

        public override int ExecuteNonQuery()
        {
            Record();
            return inner.ExecuteNonQuery();
        }

        public override object? ExecuteScalar()
        {
            Record();
            return inner.ExecuteScalar();
        }

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            Record();
            return inner.ExecuteReader(behavior);
        }

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
        {
            Record();
            return inner.ExecuteNonQueryAsync(cancellationToken);
        }

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
        {
            Record();
            return inner.ExecuteScalarAsync(cancellationToken);
        }

        protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
        {
            Record();
            return inner.ExecuteReaderAsync(behavior, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
