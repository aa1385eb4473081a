using System.Globalization;

namespace Circles.Web.Infrastructure;

/// <summary>
/// Text bound for a spreadsheet: a cell starting =, +, -, @, tab or return would run as a formula when opened, so it
/// is written after an apostrophe (unless it is just a number, like -0.1419), and the apostrophe is taken off again
/// when the file comes back.
/// </summary>
public static class Spreadsheet
{
    private static bool Risky(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    public static string? Safe(string? value) => value is not null && Risky(value) ? "'" + value : value;

    public static string Unescape(string value) => value.Length > 1 && value[0] == '\'' && Risky(value[1..]) ? value[1..] : value;
}
