using Circles.Core.Matching;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.Volunteering;

/// <summary>A volunteer says where they live, what they enjoy and when they are free, for matching.</summary>
[Authorize(Roles = Core.Accounts.Roles.Volunteer)]
[Route("account/volunteering")]
public sealed class VolunteeringController(IMediator mediator) : CirclesController
{
    public static IReadOnlyList<Choice> Slots { get; } = Availability.AllSlots.Select(s => new Choice(s, Availability.Describe(s))).ToList();

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
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
