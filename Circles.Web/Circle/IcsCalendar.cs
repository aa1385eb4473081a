using System.Globalization;
using System.Text;
using Circles.Core.Circles;

namespace Circles.Web.Circle;

/// <summary>
/// A calendar invitation (RFC 5545) for one meeting, written by hand: one VEVENT needs a dozen lines
/// and no library on our feed earns its weight for that. Times are UTC, so calendars show them in
/// each reader's own zone. Text is escaped and lines folded at 75 octets as the RFC requires.
/// </summary>
public static class IcsCalendar
{
    public static string ForMeeting(MeetingDetails meeting, string url, DateTimeOffset now)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Circles//Circle meetings//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:circle-meeting-{meeting.Id}@circles",
            $"DTSTAMP:{Utc(now)}",
            $"DTSTART:{Utc(meeting.StartsAt)}",
            $"DTEND:{Utc(meeting.EndsAt)}",
            $"SUMMARY:{Escape("Circle meeting")}",
            $"STATUS:{(meeting.Status == MeetingStatuses.Cancelled ? "CANCELLED" : "CONFIRMED")}",
            $"URL:{url}",
        };
        if (meeting.Place is not null || meeting.OnlineLink is not null)
        {
            lines.Add($"LOCATION:{Escape(meeting.Place ?? meeting.OnlineLink!)}");
        }

        // Invitations are shared with every member: no names, and no actions (some are only for the person doing them).
        var description = "Circle meeting.";
        if (meeting.OnlineLink is not null)
        {
            description += "\nJoin online: " + meeting.OnlineLink;
        }

        lines.Add($"DESCRIPTION:{Escape(description)}");
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");
        var ics = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(ics, line);
        }

        return ics.ToString();
    }

    private static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);

    // Lines longer than 75 octets continue on the next line after a CRLF and a space, never splitting a UTF-8 character.
    private static void Fold(StringBuilder output, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                octets = 1;
                limit = 75;
            }

            output.Append(rune.ToString());
            octets += size;
        }

        output.Append("\r\n");
    }
}
