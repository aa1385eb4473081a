using Microsoft.AspNetCore.Http.Extensions;

namespace Circles.Web.Infrastructure;

/// <summary>Page links that keep the current query string (search terms, filters) and change only the page.</summary>
public sealed class PaginationLinks(HttpRequest request, int pageNumber, int totalPages)
{
    public int PageNumber { get; } = pageNumber;

    public int TotalPages { get; } = totalPages;

    public string UrlFor(int page) => Changing(request, "page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>This page's address with one query value changed (and back to page 1, unless the change is the page).</summary>
    public static string Changing(HttpRequest request, string name, string value)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.QueryString.Value);
        var builder = new QueryBuilder(query
            .Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, name, StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))))
        {
            { name, value },
        };
        return request.PathBase + request.Path + builder.ToQueryString();
    }

    /// <summary>1 … 4 5 6 … 20: the first, last and neighbours of the current page; null is an ellipsis.</summary>
    public IEnumerable<int?> Numbers()
    {
        int? previous = null;
        for (var n = 1; n <= TotalPages; n++)
        {
            if (n == 1 || n == TotalPages || Math.Abs(n - PageNumber) <= 1)
            {
                if (previous is { } p && n - p > 1)
                {
                    yield return null;
                }

                yield return n;
                previous = n;
            }
        }
    }
}
