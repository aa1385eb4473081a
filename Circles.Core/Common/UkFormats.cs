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

    /// <summary>A UK mobile number (07… or +447…), the only kind that can receive a text message.</summary>
    public static bool IsMobileNumber(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !IsPhoneNumber(value))
        {
            return false;
        }

        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return (digits.Length == 11 && digits.StartsWith("07", StringComparison.Ordinal))
            || (digits.Length == 12 && digits.StartsWith("447", StringComparison.Ordinal));
    }

    /// <summary>
    /// A UK mobile number reduced to its last ten digits, so "07700 900123", "+44 7700 900123" and "447700900123"
    /// (as GOV.UK Notify reports a reply's sender) compare equal; null for anything else.
    /// </summary>
    public static string? MobileKey(string? value) =>
        IsMobileNumber(value) ? new string(value!.Where(char.IsAsciiDigit).ToArray())[^10..] : null;

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

    [GeneratedRegex(@"^(?<h>\d{1,2})(?:[:.](?<m>\d{2}))?\s*(?<ampm>am|pm)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TimePattern();

    /// <summary>Reads "14:30", "2:30pm", "2pm" or "9.15am". Returns what is wrong, or null with the time.</summary>
    public static string? ReadTime(string? value, string what, out TimeOnly? time)
    {
        time = null;
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return $"Enter the {what}";
        }

        var match = TimePattern().Match(text);
        if (!match.Success)
        {
            return $"Enter the {what} like 2:30pm or 14:30";
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (match.Groups["ampm"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return $"Enter the {what} like 2:30pm or 14:30";
            }

            var pm = match.Groups["ampm"].Value.Equals("pm", StringComparison.OrdinalIgnoreCase);
            hour = (hour % 12) + (pm ? 12 : 0);
        }

        if (hour > 23 || minute > 59)
        {
            return $"Enter a real {what}, like 2:30pm or 14:30";
        }

        time = new TimeOnly(hour, minute);
        return null;
    }
}
