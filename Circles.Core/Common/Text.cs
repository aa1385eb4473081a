namespace Circles.Core.Common;

public static class Text
{
    /// <summary>Trims, and turns an empty or white-space answer into null.</summary>
    public static string? Clean(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>A whole number of digits only ("14", not "-1", "1.5" or "1e3"), or null.</summary>
    public static int? WholeNumber(string? value) =>
        int.TryParse(value?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
