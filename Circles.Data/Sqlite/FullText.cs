namespace Circles.Data.Sqlite;

/// <summary>SQLite FTS5 query text: part of the dialect seam (PostgreSQL will use tsquery).</summary>
public static class FullText
{
    /// <summary>
    /// "mar jon" becomes "mar"* AND "jon"*: every word must start a word in the row. Only letters and
    /// digits pass through, so nothing typed can change the query's syntax. Null when there is nothing to search for.
    /// </summary>
    public static string? PrefixQuery(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()))
            .Where(w => w.Length > 0)
            .Take(8)
            .Select(w => $"\"{w}\"*")
            .ToList();
        return words.Count == 0 ? null : string.Join(" AND ", words);
    }
}
