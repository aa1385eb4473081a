using Circles.Core.Circles;
using Circles.Core.Common;
using Circles.Web.Infrastructure;

namespace Circles.Web.Circle;

/// <summary>
/// Circles, their members, meetings and actions. Who may see or change what is decided in the
/// use cases (staff in reach, or the circle's facilitator); anything else is a 404.
/// </summary>
[Route("")]
public sealed class CircleController(IMediator mediator, TimeProvider clock) : CirclesController
{
    public const string CircleKey = "Circle";

    public const string VolunteerChoicesKey = "VolunteerChoices";
    public const string MeetingKey = "Meeting";

    [HttpGet("circles")]
    public async Task<IActionResult> Index(string? status, bool mine, int? page, CancellationToken cancellationToken) =>
        View(new CircleListPage(await mediator.Send(new ListCirclesQuery(status, mine, page), cancellationToken), status, mine));

    [HttpGet("people/{personId:long}/open-circle")]
    public async Task<IActionResult> Open(long personId, CancellationToken cancellationToken)
    {
        var command = new OpenCircleCommand { PersonId = personId };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("people/{personId:long}/open-circle")]
    public async Task<IActionResult> Open(OpenCircleCommand command, CancellationToken cancellationToken)
    {
        var id = await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Circle opened. Next, add the people who will be in it.";
        return RedirectToAction(nameof(Details), new { circleId = id });
    }

    [HttpGet("circles/{circleId:long}")]
    public async Task<IActionResult> Details(long circleId, CancellationToken cancellationToken)
    {
        var overview = await mediator.Send(new GetCircleOverviewQuery(circleId), cancellationToken);
        return View(new CirclePage(overview.Circle, overview.Facilitators, Core.Common.UkTime.Today(clock)));
    }

    [HttpPost("circles/{circleId:long}/status")]
    public async Task<IActionResult> Status(ChangeCircleStatusCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = $"The circle is now {CircleStatuses.Describe(command.Status!).ToLowerInvariant()}.";
        return RedirectToAction(nameof(Details), new { circleId = command.CircleId });
    }

    [HttpPost("circles/{circleId:long}/facilitator")]
    public async Task<IActionResult> Facilitator(AssignFacilitatorCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = command.FacilitatorUserId is null ? "The facilitator has been removed." : "Facilitator assigned.";
        return RedirectToAction(nameof(Details), new { circleId = command.CircleId });
    }

    [HttpGet("circles/{circleId:long}/members/new")]
    public async Task<IActionResult> AddMember(long circleId, CancellationToken cancellationToken)
    {
        var command = new AddMemberCommand { CircleId = circleId };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("circles/{circleId:long}/members/new")]
    public async Task<IActionResult> AddMember(AddMemberCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = $"{command.Name!.Trim()} has joined the circle.";
        return RedirectToAction(nameof(Details), new { circleId = command.CircleId });
    }

    [HttpPost("circles/{circleId:long}/members/volunteer")]
    public async Task<IActionResult> AddVolunteerMember(long circleId, long? volunteerId, CancellationToken cancellationToken)
    {
        await mediator.Send(new AddVolunteerMemberCommand(circleId, volunteerId), cancellationToken);
        TempData["Notice"] = "The volunteer has joined the circle.";
        return RedirectToAction(nameof(Details), new { circleId });
    }

    [HttpPost("circles/{circleId:long}/members/{memberId:long}/leave")]
    public async Task<IActionResult> EndMembership(long circleId, long memberId, CancellationToken cancellationToken)
    {
        await mediator.Send(new EndMembershipCommand(circleId, memberId), cancellationToken);
        TempData["Notice"] = "They have left the circle. Their history stays.";
        return RedirectToAction(nameof(Details), new { circleId });
    }

    [HttpGet("circles/{circleId:long}/meetings/new")]
    public async Task<IActionResult> ScheduleMeeting(long circleId, CancellationToken cancellationToken)
    {
        var command = new ScheduleMeetingCommand { CircleId = circleId, StartTime = "2:00pm", EndTime = "3:30pm" };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("circles/{circleId:long}/meetings/new")]
    public async Task<IActionResult> ScheduleMeeting(ScheduleMeetingCommand command, CancellationToken cancellationToken)
    {
        var id = await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Meeting scheduled. Download the calendar invitation to share it.";
        return RedirectToAction(nameof(Meeting), new { circleId = command.CircleId, meetingId = id });
    }

    [HttpGet("circles/{circleId:long}/meetings/{meetingId:long}/move")]
    public async Task<IActionResult> MoveMeeting(long circleId, long meetingId, CancellationToken cancellationToken)
    {
        var meeting = await mediator.Send(new GetMeetingQuery(circleId, meetingId), cancellationToken);
        var starts = Display.ToLondon(meeting.StartsAt);
        var command = new ScheduleMeetingCommand
        {
            CircleId = circleId,
            MeetingId = meetingId,
            DateDay = starts.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DateMonth = starts.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DateYear = starts.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StartTime = starts.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            EndTime = Display.ToLondon(meeting.EndsAt).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            Place = meeting.Place,
            OnlineLink = meeting.OnlineLink,
        };
        await PrepareForm(command, cancellationToken);
        return View(nameof(ScheduleMeeting), command);
    }

    [HttpPost("circles/{circleId:long}/meetings/{meetingId:long}/move")]
    public async Task<IActionResult> MoveMeeting(ScheduleMeetingCommand command, CancellationToken cancellationToken)
    {
        var id = await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Meeting moved. Its reminders have moved with it.";
        return RedirectToAction(nameof(Meeting), new { circleId = command.CircleId, meetingId = id });
    }

    [HttpGet("circles/{circleId:long}/meetings/{meetingId:long}")]
    public async Task<IActionResult> Meeting(long circleId, long meetingId, CancellationToken cancellationToken)
    {
        var meeting = await mediator.Send(new GetMeetingQuery(circleId, meetingId), cancellationToken);
        return View(new MeetingPage(meeting, new RecordMeetingCommand
        {
            CircleId = circleId, MeetingId = meetingId, Status = meeting.Status, Attended = [.. meeting.AttendedMemberIds], Notes = meeting.Notes,
        }, Core.Common.UkTime.Today(clock)));
    }

    [HttpPost("circles/{circleId:long}/meetings/{meetingId:long}")]
    public async Task<IActionResult> Meeting(RecordMeetingCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Meeting record saved.";
        return RedirectToAction(nameof(Meeting), new { circleId = command.CircleId, meetingId = command.MeetingId });
    }

    [HttpGet("circles/{circleId:long}/meetings/{meetingId:long}/invitation.ics")]
    public async Task<IActionResult> Invitation(long circleId, long meetingId, CancellationToken cancellationToken)
    {
        var meeting = await mediator.Send(new GetMeetingQuery(circleId, meetingId), cancellationToken);
        var url = $"{Request.Scheme}://{Request.Host}/circles/{circleId}/meetings/{meetingId}";
        var ics = IcsCalendar.ForMeeting(meeting, url, clock.GetUtcNow());
        return File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8",
            $"circle-meeting-{Display.ToLondon(meeting.StartsAt):yyyy-MM-dd}.ics");
    }

    [HttpGet("circles/{circleId:long}/actions/new")]
    public async Task<IActionResult> AddAction(long circleId, long? meetingId, CancellationToken cancellationToken)
    {
        var command = new AddActionCommand { CircleId = circleId, MeetingId = meetingId };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("circles/{circleId:long}/actions/new")]
    public async Task<IActionResult> AddAction(AddActionCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Action added.";
        return command.MeetingId is { } meetingId
            ? RedirectToAction(nameof(Meeting), new { circleId = command.CircleId, meetingId })
            : RedirectToAction(nameof(Details), new { circleId = command.CircleId });
    }

    [HttpPost("circles/{circleId:long}/actions/{actionId:long}/status")]
    public async Task<IActionResult> ActionStatus(long circleId, long actionId, string? status, long? meetingId, CancellationToken cancellationToken)
    {
        await mediator.Send(new SetActionStatusCommand(circleId, actionId, status), cancellationToken);
        TempData["Notice"] = status == ActionStatuses.Open ? "The action is open again." : $"The action is marked {status}.";
        return meetingId is { } id
            ? RedirectToAction(nameof(Meeting), new { circleId, meetingId = id })
            : RedirectToAction(nameof(Details), new { circleId });
    }

    public override async Task<IActionResult> FormAgain(object? form, CancellationToken cancellationToken)
    {
        // The meeting page's model is the meeting, with the record form inside it.
        if (form is RecordMeetingCommand record)
        {
            var meeting = await mediator.Send(new GetMeetingQuery(record.CircleId, record.MeetingId), cancellationToken);
            return View(nameof(Meeting), new MeetingPage(meeting, record, Core.Common.UkTime.Today(clock)));
        }

        return await base.FormAgain(form, cancellationToken);
    }

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        switch (form)
        {
            case OpenCircleCommand open:
                ViewData[CircleKey] = await mediator.Send(new Core.People.GetPersonQuery(open.PersonId), cancellationToken);
                break;
            case AddMemberCommand member:
                var circle = await mediator.Send(new GetCircleQuery(member.CircleId), cancellationToken);
                ViewData[CircleKey] = circle;
                ViewData[VolunteerChoicesKey] = circle.AreaId is { } area
                    ? (await mediator.Send(new Core.Volunteering.ListApprovedVolunteersQuery(area), cancellationToken))
                        .Select(v => new Infrastructure.Choice(v.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), v.FullName)).ToList()
                    : new List<Infrastructure.Choice>();
                break;
            case ScheduleMeetingCommand meeting:
                ViewData[CircleKey] = await mediator.Send(new GetCircleQuery(meeting.CircleId), cancellationToken);
                break;
            case AddActionCommand action:
                ViewData[CircleKey] = await mediator.Send(new GetCircleQuery(action.CircleId), cancellationToken);
                break;
        }
    }
}

public sealed record CircleListPage(Page<CircleSummary> Circles, string? Status, bool Mine);

public sealed record CirclePage(CircleDetails Circle, Core.Matching.FacilitatorChoices? Facilitators, DateOnly Today);

public sealed record MeetingPage(MeetingDetails Meeting, RecordMeetingCommand Record, DateOnly Today);

public static class CircleChoices
{
    public static IReadOnlyList<Choice> Statuses { get; } = CircleStatuses.All.Select(s => new Choice(s, CircleStatuses.Describe(s))).ToList();

    public static IReadOnlyList<Choice> Roles { get; } = MemberRoles.Addable.Select(r => new Choice(r, MemberRoles.Describe(r))).ToList();

    public static IReadOnlyList<Choice> MeetingStatuses { get; } =
        Core.Circles.MeetingStatuses.All.Select(s => new Choice(s, Core.Circles.MeetingStatuses.Describe(s))).ToList();

    public static IReadOnlyList<Choice> RegulatedActivities { get; } =
        Core.Circles.RegulatedActivities.All.Select(s => new Choice(s, Core.Circles.RegulatedActivities.Describe(s))).ToList();
}

public sealed record ActionList(long CircleId, long? MeetingId, IReadOnlyList<ActionItem> Actions, DateOnly Today, string WhenEmpty = "No outstanding actions.");
