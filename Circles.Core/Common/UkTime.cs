namespace Circles.Core.Common;

/// <summary>Circles shows and reasons about dates in Europe/London, whatever the server's zone.</summary>
public static class UkTime
{
    public static TimeZoneInfo London { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The UTC instant a London calendar day begins (23:00 the day before in summer).</summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, London), TimeSpan.Zero);
    }

    public static DateOnly Today(TimeProvider clock) => DateOfInstant(clock.GetUtcNow());

    /// <summary>The London calendar date of an instant.</summary>
    public static DateOnly DateOfInstant(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);

    /// <summary>
    /// A London wall-clock time as UTC. Null for a time the clocks skip in spring; an hour that
    /// happens twice in autumn is read as the first (British Summer Time).
    /// </summary>
    public static DateTimeOffset? ToUtc(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (London.IsInvalidTime(local))
        {
            return null;
        }

        var offset = London.IsAmbiguousTime(local) ? London.GetAmbiguousTimeOffsets(local).Max() : London.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
