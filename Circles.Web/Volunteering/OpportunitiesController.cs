using System.Globalization;
using Circles.Core.Areas;
using Circles.Core.Common;
using Circles.Core.Volunteering;
using Circles.Web.Hosting;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.Volunteering;

/// <summary>Connectors and coordinators write opportunities for the public page, in plain words that identify nobody.</summary>
[Authorize(Policy = CirclesHost.PeoplePolicy)]
[Route("opportunities")]
public sealed class OpportunitiesController(IMediator mediator, ICurrentViewer viewer) : CirclesController
{
    public const string AreaChoicesKey = "OpportunityAreaChoices";
    public const string SuggestionsKey = "OpportunitySuggestions";

    public static IReadOnlyList<Choice> Kinds { get; } = OpportunityKinds.All.Select(k => new Choice(k.Key, k.Label)).ToList();

    public static IReadOnlyList<Choice> CloseChoice { get; } = [new("true", "Closed: take it off the public page")];

    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, CancellationToken cancellationToken) =>
        View(await mediator.Send(new ListOpportunitiesQuery(page), cancellationToken));

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken)
    {
        var command = new SaveOpportunityCommand { AreaId = viewer.Current.AreaIds.Count == 1 ? viewer.Current.AreaIds[0] : null };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("new")]
    public async Task<IActionResult> New(SaveOpportunityCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command with { OpportunityId = null }, cancellationToken);
        TempData["Notice"] = "Opportunity saved. It is on the public page now.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:long}/edit")]
    public async Task<IActionResult> Edit(long id, CancellationToken cancellationToken)
    {
        var found = await mediator.Send(new GetOpportunityQuery(id), cancellationToken);
        ViewData[SuggestionsKey] = await mediator.Send(new SuggestVolunteersQuery(id), cancellationToken);
        var command = new SaveOpportunityCommand
        {
            OpportunityId = id, Title = found.Title, Summary = found.Summary, Kind = found.Kind, AreaId = found.AreaId,
            Interests = string.Join(", ", found.Interests), Closed = found.Status == "closed",
        };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("{id:long}/edit")]
    public async Task<IActionResult> Edit(long id, SaveOpportunityCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command with { OpportunityId = id }, cancellationToken);
        TempData["Notice"] = "Opportunity saved.";
        return RedirectToAction(nameof(Index));
    }

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        var areas = await mediator.Send(new ListAreasQuery(), cancellationToken);
        ViewData[AreaChoicesKey] = areas.Where(a => viewer.Current.CanSeeArea(a.Id)).Select(a => new Choice(a.Id.ToString(CultureInfo.InvariantCulture), a.Name)).ToList();
    }
}
