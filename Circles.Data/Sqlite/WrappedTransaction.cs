using System.Data;
using System.Data.Common;

namespace Circles.Data.Sqlite;

/// <summary>
/// A transaction begun through a connection wrapper (<see cref="StatementCachingConnection"/>, the benchmark and
/// query-plan recorder): it reports the wrapper as its connection, as ADO.NET callers expect, and hands the provider's
/// own transaction to the wrapper's commands.
/// </summary>
internal sealed class WrappedTransaction(DbConnection connection, DbTransaction inner) : DbTransaction
{
    public DbTransaction Inner => inner;

    public override IsolationLevel IsolationLevel => inner.IsolationLevel;

    protected override DbConnection DbConnection => connection;

    public override void Commit() => inner.Commit();

    public override void Rollback() => inner.Rollback();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
