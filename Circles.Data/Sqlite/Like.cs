using Circles.Core.Common;
using Dapper;

namespace Circles.Data.Sqlite;

public static class Like
{
    /// <summary>Escapes LIKE wildcards so a search for "50%" finds "50%", with ESCAPE '\'.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

public static class PagedQuery
{
    /// <summary>A list query's filter parameters plus the page's LIMIT and OFFSET.</summary>
    public static DynamicParameters Paged(object filter, Paging paging)
    {
        var parameters = new DynamicParameters(filter);
        parameters.Add("PageSize", paging.PageSize);
        parameters.Add("Offset", paging.Offset);
        return parameters;
    }
}
