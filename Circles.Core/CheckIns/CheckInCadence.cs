using Circles.Core.Common;

namespace Circles.Core.CheckIns;

public enum ContactState
{
    OnTime,
    Due,
    Overdue,
    Paused,
}

/// <summary>How often someone should hear from us: ideally every so many days, and never longer than the maximum.</summary>
public sealed record Cadence(int IdealDays, int MaximumDays)
{
    public static Cadence Default { get; } = new(14, 28);

    public const int LongestDays = 365;

    public static string? Problem(int idealDays, int maximumDays) =>
        idealDays is < 1 or > LongestDays ? $"Enter how often, ideally, as a number of days from 1 to {LongestDays}"
        : maximumDays is < 1 or > LongestDays ? $"Enter the longest gap as a number of days from 1 to {LongestDays}"
        : maximumDays < idealDays ? "The longest gap must be at least as long as the ideal gap"
        : null;
}

/// <summary>What a person's check-in clock is read from: the cadence, when it began, and the latest contact.</summary>
public interface ICadenceClock
{
    int IdealDays { get; }

    int MaximumDays { get; }

    DateOnly StartedOn { get; }

    /// <summary>The latest contact of any kind (see CheckInStore.LastContactAt).</summary>
    DateTimeOffset? LastContactAt { get; }

    bool IsPaused { get; }
}

/// <summary>Everything derived from a cadence clock, in one place for the person page, the drifting list and the prompts.</summary>
public static class CadenceClockExtensions
{
    extension(ICadenceClock clock)
    {
        /// <summary>The London day of the latest contact.</summary>
        public DateOnly? LastContactOn => clock.LastContactAt is { } at ? UkTime.DateOfInstant(at) : null;

        public Cadence Cadence => new(clock.IdealDays, clock.MaximumDays);

        public DateOnly DueOn => CheckInCadence.DueOn(clock.StartedOn, clock.LastContactOn, clock.Cadence);

        public DateOnly OverdueOn => CheckInCadence.OverdueOn(clock.StartedOn, clock.LastContactOn, clock.Cadence);

        public ContactState StateOn(DateOnly today) => CheckInCadence.StateOn(today, clock.StartedOn, clock.LastContactOn, clock.Cadence, clock.IsPaused);

        public int DaysWithoutContact(DateOnly today) => today.DayNumber - CheckInCadence.ClockStart(clock.StartedOn, clock.LastContactOn).DayNumber;
    }
}

/// <summary>
/// The pure rules of check-in cadence. Any logged contact resets the clock — a meeting the person attended, a
/// call, a visit, a reply, a completed check-in — so the clock runs from the latest of them, or from when the
/// cadence began if there has been none.
/// </summary>
public static class CheckInCadence
{
    public static DateOnly ClockStart(DateOnly cadenceStarted, DateOnly? lastContact) =>
        lastContact is { } contact && contact > cadenceStarted ? contact : cadenceStarted;

    /// <summary>On time until the ideal gap has passed, then due, and overdue from the maximum gap.</summary>
    public static ContactState StateOn(DateOnly today, DateOnly cadenceStarted, DateOnly? lastContact, Cadence cadence, bool paused)
    {
        if (paused)
        {
            return ContactState.Paused;
        }

        var days = today.DayNumber - ClockStart(cadenceStarted, lastContact).DayNumber;
        return days >= cadence.MaximumDays ? ContactState.Overdue : days >= cadence.IdealDays ? ContactState.Due : ContactState.OnTime;
    }

    public static DateOnly DueOn(DateOnly cadenceStarted, DateOnly? lastContact, Cadence cadence) =>
        ClockStart(cadenceStarted, lastContact).AddDays(cadence.IdealDays);

    public static DateOnly OverdueOn(DateOnly cadenceStarted, DateOnly? lastContact, Cadence cadence) =>
        ClockStart(cadenceStarted, lastContact).AddDays(cadence.MaximumDays);

    public static string Describe(ContactState state) => state switch
    {
        ContactState.OnTime => "On time",
        ContactState.Due => "Due",
        ContactState.Overdue => "Overdue",
        _ => "Paused",
    };
}
