using System.Globalization;
using Circles.Core.Areas;
using Circles.Core.Matching;
using Circles.Core.Volunteering;
using Circles.Web.Hosting;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Circles.Web.Volunteering;

/// <summary>
/// The public volunteering pages: anyone may read the opportunities and offer to help, without an account. The
/// words are what a connector wrote for the public; nothing here comes from a person's record.
/// </summary>
[AllowAnonymous]
[Route("volunteer")]
public sealed class OfferToHelpController(IMediator mediator) : CirclesController
{
    public const string AreaChoicesKey = "VolunteerAreaChoices";
    public const string OpportunityKey = "VolunteerOpportunity";

    [HttpGet("")]
    [EnableRateLimiting(CirclesHost.OpenDataRateLimit)]
    public async Task<IActionResult> Index(long? area, string? interest, int? page, CancellationToken cancellationToken)
    {
        var areas = await mediator.Send(new ListAreasQuery(), cancellationToken);
        var opportunities = await mediator.Send(new ListPublicOpportunitiesQuery(area, interest, page), cancellationToken);
        return View(new OpportunitiesPage(opportunities, areas, area, interest));
    }

    [HttpGet("{id:long}")]
    [EnableRateLimiting(CirclesHost.OpenDataRateLimit)]
    public async Task<IActionResult> Opportunity(long id, CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetPublicOpportunityQuery(id), cancellationToken));

    [HttpGet("apply")]
    [EnableRateLimiting(CirclesHost.OpenDataRateLimit)]
    public async Task<IActionResult> Apply(long? opportunity, CancellationToken cancellationToken)
    {
        var command = new ApplyToVolunteerCommand { OpportunityId = opportunity };
        if (opportunity is { } id)
        {
            command = command with { AreaId = (await mediator.Send(new GetPublicOpportunityQuery(id), cancellationToken)).AreaId };
        }

        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("apply")]
    [EnableRateLimiting(CirclesHost.PublicFormRateLimit)]
    public async Task<IActionResult> Apply(ApplyToVolunteerCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        // The same page whether it was new, a repeat or a robot: nothing is learned from the answer.
        return RedirectToAction(nameof(Thanks));
    }

    [HttpGet("thanks")]
    public IActionResult Thanks() => View();

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        if (form is ApplyToVolunteerCommand command)
        {
            ViewData[AreaChoicesKey] = (await mediator.Send(new ListAreasQuery(), cancellationToken))
                .Select(a => new Choice(a.Id.ToString(CultureInfo.InvariantCulture), a.Name)).ToList();
            if (command.OpportunityId is { } id)
            {
                try
                {
                    ViewData[OpportunityKey] = await mediator.Send(new GetPublicOpportunityQuery(id), cancellationToken);
                }
                catch (Circles.Core.Common.NotFoundException)
                {
                    // Closed while they were filling the form in: the form stays, with the general offer.
                }
            }
        }
    }

    public static IReadOnlyList<Choice> Slots { get; } = Availability.AllSlots.Select(s => new Choice(s, Availability.Describe(s))).ToList();

    public static IReadOnlyList<Choice> ConsentChoice { get; } = [new("true", "I agree that you may keep these details to consider my offer, and contact my referees")];
}

public sealed record OpportunitiesPage(Circles.Core.Common.Page<Opportunity> Opportunities, IReadOnlyList<Area> Areas, long? AreaId, string? Interest);
