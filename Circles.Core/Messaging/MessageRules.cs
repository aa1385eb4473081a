using Circles.Core.Common;
using Circles.Core.People;

namespace Circles.Core.Messaging;

/// <summary>
/// Hours in which texts wait (they are never dropped). Reckoned on the London wall clock, so the window is the
/// same local hours on the days the clocks change.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public static QuietHours Default { get; } = new(new TimeOnly(21, 0), new TimeOnly(8, 0));

    public bool IsNone => Start == End;

    public bool Contains(DateTimeOffset instant)
    {
        if (IsNone)
        {
            return false;
        }

        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, UkTime.London).DateTime);
        return Start < End ? local >= Start && local < End : local >= Start || local < End;
    }

    /// <summary>The instant itself, or the end of the quiet hours it falls in.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset instant)
    {
        if (!Contains(instant))
        {
            return instant;
        }

        var day = UkTime.DateOfInstant(instant);
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, UkTime.London).DateTime);
        var endDay = Start > End && local >= Start ? day.AddDays(1) : day;
        return UkTime.ToUtc(endDay, End) ?? UkTime.ToUtc(endDay, End.AddHours(1))!.Value;
    }

    public string Describe() => IsNone ? "None" : $"{Display.Time(Start)} to {Display.Time(End)}";
}

public static class ReminderTimes
{
    /// <summary>
    /// When a reminder "so many hours before" goes. Whole days are counted on the London calendar at the same
    /// wall-clock time (48 hours before a 10am Tuesday meeting is 10am Sunday, even when the clocks change
    /// between); other offsets are elapsed hours.
    /// </summary>
    public static DateTimeOffset Before(DateTimeOffset startsAt, int hours)
    {
        if (hours % 24 != 0)
        {
            return startsAt.AddHours(-hours);
        }

        var local = TimeZoneInfo.ConvertTime(startsAt, UkTime.London);
        var day = DateOnly.FromDateTime(local.DateTime).AddDays(-hours / 24);
        var time = TimeOnly.FromDateTime(local.DateTime);
        // A time the clocks skip that day becomes the same time an hour on.
        return UkTime.ToUtc(day, time) ?? UkTime.ToUtc(day, time.AddHours(1))!.Value;
    }

    /// <summary>The hour of the day daily reminders (actions due, check-ins) go out.</summary>
    public static TimeOnly DailyHour { get; } = new(9, 0);

    public static DateTimeOffset DailyAt(DateOnly day) => UkTime.ToUtc(day, DailyHour)!.Value;
}

/// <summary>How to reach someone, and what to say when there is no way.</summary>
public sealed record ChannelChoice(MessageChannel Channel, string? Address, string? NotSentBecause)
{
    public bool CanSend => NotSentBecause is null;

    /// <summary>
    /// The person's preferred channel when it works; the other written channel when the preferred one has no
    /// address; never a channel they opted out of; nothing for people who prefer calls, letters or no messages.
    /// </summary>
    public static ChannelChoice For(string preferred, string? email, string? phone, IReadOnlyCollection<MessageChannel> optedOut)
    {
        var hasEmail = !string.IsNullOrWhiteSpace(email);
        var hasMobile = UkFormats.IsMobileNumber(phone);
        var fallback = hasEmail || !hasMobile ? MessageChannel.Email : MessageChannel.Text;
        switch (preferred)
        {
            case PreferredChannels.Phone:
                return new(fallback, null, "Prefers a phone call: nobody was sent a message");
            case PreferredChannels.Post:
                return new(fallback, null, "Prefers letters: nobody was sent a message");
            case PreferredChannels.None:
                return new(fallback, null, "Prefers not to get messages");
        }

        var first = preferred == PreferredChannels.Text ? MessageChannel.Text : MessageChannel.Email;
        foreach (var channel in first == MessageChannel.Email ? [MessageChannel.Email, MessageChannel.Text] : new[] { MessageChannel.Text, MessageChannel.Email })
        {
            var address = channel == MessageChannel.Email ? (hasEmail ? email!.Trim() : null) : (hasMobile ? phone!.Trim() : null);
            if (address is null)
            {
                continue;
            }

            return optedOut.Contains(channel)
                ? new(channel, address, channel == MessageChannel.Email ? "Asked not to get emails" : "Asked not to get text messages")
                : new(channel, address, null);
        }

        return new(fallback, null, "No way to reach them: no email address or mobile number");
    }
}

/// <summary>How long a failed send waits before the next try.</summary>
public static class Backoff
{
    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];

    public static TimeSpan After(int attempts) => Delays[Math.Clamp(attempts - 1, 0, Delays.Length - 1)];
}
