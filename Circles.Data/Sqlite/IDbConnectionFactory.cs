using System.Data.Common;

namespace Circles.Data.Sqlite;

/// <summary>Opens one connection per operation, already set up for our database.</summary>
public interface IDbConnectionFactory
{
    Task<DbConnection> Open(CancellationToken cancellationToken);

    /// <summary>Prepares the database file (its folder, and write-ahead logging) before migrations run.</summary>
    Task Initialise(CancellationToken cancellationToken);
}
