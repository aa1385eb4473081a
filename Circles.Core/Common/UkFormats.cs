using System.Globalization;
using System.Text.RegularExpressions;

namespace Circles.Core.Common;

public static partial class UkFormats
{
    [GeneratedRegex(@"^(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})$")]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"^\+?[0-9 ()-]{7,20}$")]
    private static partial Regex PhonePattern();

    /// <summary>"se1 7pb" and "SE17PB" become "SE1 7PB"; null when it is not shaped like a UK postcode.</summary>
    public static string? NormalisePostcode(string? value)
    {
        var compact = (value ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (compact.Length is < 5 or > 7 || !PostcodePattern().IsMatch(compact))
        {
            return null;
        }

        return compact[..^3] + " " + compact[^3..];
    }

    public static bool IsPhoneNumber(string value) =>
        PhonePattern().IsMatch(value.Trim()) && value.Count(char.IsAsciiDigit) is >= 7 and <= 15;

    /// <summary>Reads a GOV.UK date input (three boxes). Returns what is wrong, or null with the date.</summary>
    public static string? ReadDate(string? day, string? month, string? year, string what, out DateOnly? date)
    {
        date = null;
        var given = new[] { day, month, year }.Count(p => !string.IsNullOrWhiteSpace(p));
        if (given == 0)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(day))
        {
            return $"{what} must include a day";
        }

        if (string.IsNullOrWhiteSpace(month))
        {
            return $"{what} must include a month";
        }

        if (string.IsNullOrWhiteSpace(year))
        {
            return $"{what} must include a year";
        }

        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || y is < 1000 or > 9999 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return $"{what} must be a real date, like 27 3 2007";
        }

        date = new DateOnly(y, m, d);
        return null;
    }
}
