namespace Circles.Core.Common;

public static class Text
{
    /// <summary>Trims, and turns an empty or white-space answer into null.</summary>
    public static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
