using System.Globalization;
using Circles.Core.Common;
using Circles.Core.Volunteering;
using Circles.Web.Hosting;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.Volunteering;

/// <summary>Screening: coordinators take an application from applied, through references and a conversation, to approval.</summary>
[Authorize(Policy = CirclesHost.PeoplePolicy)]
[Route("volunteers")]
public sealed class VolunteersController(IMediator mediator, TimeProvider clock) : CirclesController
{
    public const string VolunteerNameKey = "VolunteerName";

    public static IReadOnlyList<Choice> NoteKinds { get; } = [new("conversation", "A conversation"), new("training", "Training completed")];

    public static IReadOnlyList<Choice> DbsLevelChoices { get; } = DbsLevels.All.Select(l => new Choice(l.Key, l.Label)).ToList();

    public static IReadOnlyList<Choice> WorkforceChoices { get; } = DbsLevels.Workforces.Select(w => new Choice(w.Key, w.Label)).ToList();

    public static IReadOnlyList<Choice> UpdateServiceChoice { get; } = [new("true", "They subscribe to the DBS Update Service")];

    public static IReadOnlyList<Choice> Reasons { get; } = VolunteerStatuses.InactiveReasons.Select(r => new Choice(r.Key, r.Label)).ToList();

    [HttpGet("")]
    public async Task<IActionResult> Index(string? status, int? page, CancellationToken cancellationToken) =>
        View(new VolunteersPage(await mediator.Send(new ListVolunteersQuery(status, page), cancellationToken), status));

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        View(new VolunteerPage(await mediator.Send(new GetVolunteerQuery(id), cancellationToken), await mediator.Send(new ListDbsChecksQuery(id), cancellationToken), UkTime.Today(clock)));

    [HttpGet("hours")]
    public async Task<IActionResult> Hours(CancellationToken cancellationToken)
    {
        var (waiting, totals) = await mediator.Send(new GetHoursQuery(), cancellationToken);
        return View(new HoursPage(waiting, totals));
    }

    [HttpPost("hours/{hoursId:long}")]
    public async Task<IActionResult> ReviewHours(long hoursId, bool approve, string? queryNote, CancellationToken cancellationToken)
    {
        await mediator.Send(new ReviewHoursCommand(hoursId, approve, queryNote), cancellationToken);
        TempData["Notice"] = approve ? "Hours approved." : "Your question has been added to their hours.";
        return RedirectToAction(nameof(Hours));
    }

    [HttpGet("dbs")]
    public async Task<IActionResult> Dbs(CancellationToken cancellationToken) =>
        View(new DbsDuePage(await mediator.Send(new ListDbsDueQuery(), cancellationToken), UkTime.Today(clock)));

    [HttpPost("{volunteerId:long}/dbs/{checkId:long}/status-checked")]
    public async Task<IActionResult> StatusChecked(long volunteerId, long checkId, CancellationToken cancellationToken)
    {
        await mediator.Send(new RecordStatusCheckCommand(volunteerId, checkId), cancellationToken);
        TempData["Notice"] = "Update Service status check recorded.";
        return RedirectToAction(nameof(Details), new { id = volunteerId });
    }

    [HttpGet("{volunteerId:long}/dbs/new")]
    public async Task<IActionResult> RecordDbs(long volunteerId, CancellationToken cancellationToken)
    {
        var command = new RecordDbsCheckCommand { VolunteerId = volunteerId, Workforce = "adult" };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("{volunteerId:long}/dbs/new")]
    public async Task<IActionResult> RecordDbs(long volunteerId, RecordDbsCheckCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command with { VolunteerId = volunteerId }, cancellationToken);
        TempData["Notice"] = "DBS check recorded.";
        return RedirectToAction(nameof(Details), new { id = volunteerId });
    }

    [HttpPost("{id:long}/status")]
    public async Task<IActionResult> Status(long id, string? status, string? reason, CancellationToken cancellationToken)
    {
        await mediator.Send(new ChangeVolunteerStatusCommand(id, status, reason), cancellationToken);
        TempData["Notice"] = status == VolunteerStatuses.Inactive ? "Marked as inactive." : "Screening started.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:long}/referees/{refereeId:long}")]
    public async Task<IActionResult> Referee(long id, long refereeId, bool received, CancellationToken cancellationToken)
    {
        await mediator.Send(new MarkRefereeCommand(id, refereeId, received), cancellationToken);
        TempData["Notice"] = received ? "Reference received." : "Reference requested.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("{id:long}/approve")]
    public async Task<IActionResult> Approve(long id, CancellationToken cancellationToken)
    {
        await mediator.Send(new ApproveVolunteerCommand(id), cancellationToken);
        TempData["Notice"] = "Approved. They have been emailed an invitation to make their Volunteer account.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("{volunteerId:long}/notes/new")]
    public async Task<IActionResult> Note(long volunteerId, CancellationToken cancellationToken)
    {
        var today = UkTime.Today(clock);
        var command = new AddScreeningNoteCommand
        {
            VolunteerId = volunteerId, Kind = "conversation",
            OnDay = Day(today), OnMonth = Month(today), OnYear = Year(today),
        };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("{volunteerId:long}/notes/new")]
    public async Task<IActionResult> Note(long volunteerId, AddScreeningNoteCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command with { VolunteerId = volunteerId }, cancellationToken);
        TempData["Notice"] = "Saved.";
        return RedirectToAction(nameof(Details), new { id = volunteerId });
    }

    [HttpGet("{volunteerId:long}/profile")]
    public async Task<IActionResult> Profile(long volunteerId, CancellationToken cancellationToken)
    {
        var volunteer = await mediator.Send(new GetVolunteerQuery(volunteerId), cancellationToken);
        var command = new SaveVolunteerProfileCommand
        {
            VolunteerId = volunteerId, AppreciatedFor = volunteer.AppreciatedFor, ImportantToThem = volunteer.ImportantToThem, BestSupportedBy = volunteer.BestSupportedBy,
        };
        ViewData[VolunteerNameKey] = volunteer.FullName;
        return View(command);
    }

    [HttpPost("{volunteerId:long}/profile")]
    public async Task<IActionResult> Profile(long volunteerId, SaveVolunteerProfileCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command with { VolunteerId = volunteerId }, cancellationToken);
        TempData["Notice"] = "One-page profile saved.";
        return RedirectToAction(nameof(Details), new { id = volunteerId });
    }

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        var id = form switch
        {
            AddScreeningNoteCommand note => note.VolunteerId,
            SaveVolunteerProfileCommand profile => profile.VolunteerId,
            RecordDbsCheckCommand dbs => dbs.VolunteerId,
            _ => (long?)null,
        };
        if (id is { } volunteerId)
        {
            ViewData[VolunteerNameKey] = (await mediator.Send(new GetVolunteerQuery(volunteerId), cancellationToken)).FullName;
        }
    }
}

public sealed record VolunteerPage(VolunteerRecord Volunteer, IReadOnlyList<DbsCheck> Checks, DateOnly Today);

public sealed record HoursPage(IReadOnlyList<HoursEntry> Waiting, HoursTotals Totals);

public sealed record DbsDuePage(IReadOnlyList<DbsDue> Checks, DateOnly Today);

public sealed record VolunteersPage(Page<VolunteerSummary> Volunteers, string? Status);
