using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Circles;

/// <summary>Schedules a meeting, or with a meeting id moves a planned one; either way its reminders follow.</summary>
public sealed record ScheduleMeetingCommand : ICommand<long>
{
    public long CircleId { get; init; }

    public long? MeetingId { get; init; }

    public string? DateDay { get; init; }

    public string? DateMonth { get; init; }

    public string? DateYear { get; init; }

    public string? StartTime { get; init; }

    public string? EndTime { get; init; }

    public string? Place { get; init; }

    public string? OnlineLink { get; init; }
}

public sealed class ScheduleMeetingValidator : Validator<ScheduleMeetingCommand>
{
    protected override void Rules(ScheduleMeetingCommand c, Failures failures)
    {
        var date = failures.RequiredDate("DateDay", c.DateDay, c.DateMonth, c.DateYear, "Date", "Enter the date of the meeting");

        if (UkFormats.ReadTime(c.StartTime, "start time", out var start) is { } startProblem)
        {
            failures.Add("StartTime", startProblem);
        }

        if (UkFormats.ReadTime(c.EndTime, "end time", out var end) is { } endProblem)
        {
            failures.Add("EndTime", endProblem);
        }
        else if (start is { } s && end is { } e && e <= s)
        {
            failures.Add("EndTime", "The end time must be after the start time");
        }

        if (date is { } d && start is { } st && UkTime.ToUtc(d, st) is null)
        {
            failures.Add("StartTime", "That time does not exist on that day: the clocks go forward. Choose another time");
        }

        failures.MaxLength("Place", c.Place?.Trim(), 300, "Place");
        failures.MaxLength("OnlineLink", c.OnlineLink?.Trim(), 500, "Online link");
        if (!string.IsNullOrWhiteSpace(c.OnlineLink)
            && (!Uri.TryCreate(c.OnlineLink.Trim(), UriKind.Absolute, out var link) || link.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("OnlineLink", "Enter the online link starting with https://");
        }

        if (string.IsNullOrWhiteSpace(c.Place) && string.IsNullOrWhiteSpace(c.OnlineLink))
        {
            failures.Add("Place", "Enter where the meeting is, or an online link");
        }
    }
}

public sealed class ScheduleMeetingHandler(ICircleStore circles, CircleAccess access, IAuditLog audit, Messaging.MessagePlanner planner) : ICommandHandler<ScheduleMeetingCommand, long>
{
    public async ValueTask<long> Handle(ScheduleMeetingCommand c, CancellationToken cancellationToken)
    {
        var circle = await access.ForMembers(c.CircleId, cancellationToken);
        UkFormats.ReadDate(c.DateDay, c.DateMonth, c.DateYear, "", out var date);
        UkFormats.ReadTime(c.StartTime, "", out var start);
        UkFormats.ReadTime(c.EndTime, "", out var end);
        var startsAt = UkTime.ToUtc(date!.Value, start!.Value)!.Value;
        var endsAt = UkTime.ToUtc(date.Value, end!.Value) ?? startsAt.AddHours(1);
        var meeting = new NewMeeting(startsAt, endsAt, Text.Clean(c.Place), Text.Clean(c.OnlineLink));
        var plan = await planner.Prepare(cancellationToken);
        if (c.MeetingId is { } meetingId)
        {
            if (circle.Meetings.All(m => m.Id != meetingId))
            {
                throw new NotFoundException("meeting", meetingId);
            }

            if (!await circles.MoveMeeting(c.CircleId, meetingId, meeting, plan, cancellationToken))
            {
                throw ValidationException.For("DateDay", "Only a planned meeting can be moved: this one has been recorded as held or cancelled");
            }

            await audit.Record(new AuditEntry(AuditActions.MeetingMoved, "meeting", meetingId.ToString(), $"Circle {c.CircleId}"), cancellationToken);
            return meetingId;
        }

        var id = await circles.ScheduleMeeting(c.CircleId, meeting, access.Viewer.UserId, plan, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.MeetingScheduled, "meeting", id.ToString(), $"Circle {c.CircleId}"), cancellationToken);
        return id;
    }
}

public sealed record GetMeetingQuery(long CircleId, long MeetingId) : IQuery<MeetingDetails>;

public sealed class GetMeetingHandler(ICircleStore circles, CircleAccess access, IAuditLog audit) : IQueryHandler<GetMeetingQuery, MeetingDetails>
{
    public async ValueTask<MeetingDetails> Handle(GetMeetingQuery query, CancellationToken cancellationToken)
    {
        var meeting = await circles.FindMeeting(access.Viewer, query.CircleId, query.MeetingId, access.Today, cancellationToken)
            ?? throw new NotFoundException("meeting", query.MeetingId);
        await audit.Record(new AuditEntry(AuditActions.MeetingViewed, "meeting", query.MeetingId.ToString(), $"Circle {query.CircleId}"), cancellationToken);
        return meeting;
    }
}

public sealed record RecordMeetingCommand : ICommand
{
    public long CircleId { get; init; }

    public long MeetingId { get; init; }

    public string? Status { get; init; }

    public long[] Attended { get; init; } = [];

    public string? Notes { get; init; }
}

public sealed class RecordMeetingValidator : Validator<RecordMeetingCommand>
{
    protected override void Rules(RecordMeetingCommand c, Failures failures)
    {
        if (c.Status is null || !MeetingStatuses.All.Contains(c.Status))
        {
            failures.Add("Status", "Choose whether the meeting was held");
        }

        failures.MaxLength("Notes", c.Notes?.Trim(), People.PersonRules.LongTextMaxLength, "Notes");
    }
}

public sealed class RecordMeetingHandler(ICircleStore circles, CircleAccess access, IAuditLog audit, Messaging.MessagePlanner planner) : ICommandHandler<RecordMeetingCommand>
{
    public async ValueTask<Unit> Handle(RecordMeetingCommand c, CancellationToken cancellationToken)
    {
        var meeting = await circles.FindMeeting(access.Viewer, c.CircleId, c.MeetingId, access.Today, cancellationToken)
            ?? throw new NotFoundException("meeting", c.MeetingId);
        var members = meeting.Members.Select(m => m.Id).ToHashSet();
        if (c.Attended.Any(id => !members.Contains(id)))
        {
            throw ValidationException.For("Attended", "Choose who came from the circle’s members");
        }

        if (c.Status != MeetingStatuses.Held && c.Attended.Length > 0)
        {
            throw ValidationException.For("Attended", "Only a meeting that was held has people who came");
        }

        await circles.RecordMeeting(
            c.CircleId, c.MeetingId, c.Status!, c.Attended.Distinct().ToList(), Text.Clean(c.Notes), await planner.Prepare(cancellationToken), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.MeetingRecorded, "meeting", c.MeetingId.ToString(), $"{c.Status}, {c.Attended.Length} came"), cancellationToken);
        return Unit.Value;
    }
}
