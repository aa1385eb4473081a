using System.Globalization;

namespace Circles.Core.Common;

/// <summary>Dates and times as a UK public service writes them, in Europe/London time: "5 June 2026", "2:30pm".</summary>
public static class Display
{
    private static readonly TimeZoneInfo London = UkTime.London;
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static DateTimeOffset ToLondon(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, London);

    public static string Date(DateTimeOffset value) => ToLondon(value).ToString("d MMMM yyyy", British);

    public static string Date(DateOnly value) => value.ToString("d MMMM yyyy", British);

    public static string Time(DateTimeOffset value) => Time(value, London);

    private static string Time(DateTimeOffset value, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(value, zone);
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        var suffix = local.Hour < 12 ? "am" : "pm";
        return local.Minute == 0 && local.Hour == 12 ? "midday" : local.Minute == 0 && local.Hour == 0 ? "midnight"
            : $"{hour}:{local.Minute:D2}{suffix}";
    }

    public static string Time(TimeOnly value) => Time(new DateTimeOffset(2000, 1, 1, value.Hour, value.Minute, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    /// <summary>"Tuesday 31 March at 10:00am": the day of the week helps people reading a reminder.</summary>
    public static string DayAndTime(DateTimeOffset value) => $"{ToLondon(value).ToString("dddd d MMMM", British)} at {Time(value)}";

    public static string DateTime(DateTimeOffset value) => $"{Date(value)} at {Time(value)}";

    public static string DateTime(DateTimeOffset? value, string none = "Never") => value is { } v ? DateTime(v) : none;
}
