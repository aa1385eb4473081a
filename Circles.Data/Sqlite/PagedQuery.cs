using System.Data.Common;
using Circles.Core.Common;
using Dapper;

namespace Circles.Data.Sqlite;

public static class PagedQuery
{
    /// <summary>
    /// A page's rows. The size is written into the SQL as a number (Dapper's literal replacement), not bound: SQLite
    /// plans with a bound LIMIT's value, so it compiled the statement again every time one was bound, and every paged
    /// list paid for a fresh compile on every request (a tenth of the home page's time). A handful of page sizes means
    /// a handful of statements, each compiled once; the offset stays a parameter.
    /// </summary>
    public const string PageLimit = "LIMIT {=PageSize} OFFSET @Offset";

    /// <summary>A list query's filter parameters plus the page's LIMIT and OFFSET.</summary>
    public static DynamicParameters Paged(object filter, Paging paging)
    {
        var parameters = new DynamicParameters(filter);
        parameters.Add("PageSize", paging.PageSize);
        parameters.Add("Offset", paging.Offset);
        return parameters;
    }

    /// <summary>
    /// A list read along an index that stops at the page: a cheap count first (so a page past the end shows the last
    /// page), then the page itself.
    /// </summary>
    public static async Task<Page<T>> CountThenPage<T>(
        DbConnection connection, string countSql, string pageSql, object filter, Paging paging, CancellationToken cancellationToken)
    {
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(countSql, filter, cancellationToken: cancellationToken));
        paging = paging.Within(total);
        var rows = await connection.QueryAsync<T>(new CommandDefinition(pageSql, Paged(filter, paging), cancellationToken: cancellationToken));
        return new Page<T>(rows.ToList(), paging.PageNumber, paging.PageSize, total);
    }

    /// <summary>
    /// One pass for a list that must gather and sort every match anyway (a ranked search, a union): the page query
    /// ends its columns with <c>count(*) OVER () AS total_rows</c>, so the total comes with the page instead of from a
    /// second pass. Only a page past the end needs <paramref name="countSql"/>, to find and show the last page.
    /// </summary>
    public static async Task<Page<T>> PageWithTotal<T>(
        DbConnection connection, string pageSql, string countSql, object filter, Paging paging, CancellationToken cancellationToken)
    {
        var found = await Read(paging);
        if (found.Count == 0 && paging.PageNumber > 1)
        {
            var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(countSql, filter, cancellationToken: cancellationToken));
            paging = paging.Within(total);
            found = await Read(paging);
        }

        return new Page<T>(found.ConvertAll(f => f.Row), paging.PageNumber, paging.PageSize, found.Count > 0 ? found[0].Total : 0);

        async Task<List<(T Row, long Total)>> Read(Paging wanted) =>
            (await connection.QueryAsync<T, long, (T, long)>(
                new CommandDefinition(pageSql, Paged(filter, wanted), cancellationToken: cancellationToken),
                (row, total) => (row, total),
                splitOn: "total_rows")).ToList();
    }
}
