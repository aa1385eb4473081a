using Circles.Core.Matching;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.Volunteering;

/// <summary>A volunteer says where they live, what they enjoy and when they are free, for matching.</summary>
[Authorize(Roles = Core.Accounts.Roles.Volunteer)]
[Route("account/volunteering")]
public sealed class VolunteeringController(IMediator mediator, TimeProvider clock) : CirclesController
{
    public static IReadOnlyList<Choice> Slots { get; } = Availability.AllSlots.Select(s => new Choice(s, Availability.Describe(s))).ToList();

    public const string MyVolunteeringKey = "MyVolunteering";

    [HttpGet("hours/new")]
    public async Task<IActionResult> LogHours(CancellationToken cancellationToken)
    {
        var today = Core.Common.UkTime.Today(clock);
        var command = new Core.Volunteering.LogHoursCommand
        {
            OnDay = Day(today), OnMonth = Month(today), OnYear = Year(today),
        };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("hours/new")]
    public async Task<IActionResult> LogHours(Core.Volunteering.LogHoursCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Thank you. Your hours are logged for a coordinator to approve.";
        return RedirectToAction(nameof(Index));
    }

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken) =>
        ViewData[MyVolunteeringKey] = await mediator.Send(new Core.Volunteering.GetMyVolunteeringQuery(), cancellationToken);

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        await PrepareForm(this, cancellationToken);
        var profile = await mediator.Send(new GetMyVolunteerProfileQuery(), cancellationToken);
        return View(new SaveMyVolunteerProfileCommand
        {
            Postcode = profile.Postcode, Interests = string.Join(", ", profile.Interests), Availability = [.. profile.Availability],
        });
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(SaveMyVolunteerProfileCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Thank you. Your volunteering details are saved.";
        return RedirectToAction(nameof(Index));
    }
}
