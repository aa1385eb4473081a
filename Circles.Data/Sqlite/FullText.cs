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

        // Split where the index splits (any character that is not a letter or digit), so "O'Brien" finds O'Brien.
        var words = new string(text.Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Take(8)
            .Select(w => $"\"{w}\"*")
            .ToList();
        return words.Count == 0 ? null : string.Join(" AND ", words);
    }
}
