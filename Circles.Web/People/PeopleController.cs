using Circles.Core.Areas;
using Circles.Core.People;
using Circles.Web.Hosting;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.People;

[Authorize(Policy = CirclesHost.PeoplePolicy)]
[Route("people")]
public sealed class PeopleController(IMediator mediator, Circles.Core.Common.ICurrentViewer viewer, TimeProvider clock) : CirclesController
{
    public const string AreaChoicesKey = "AreaChoices";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? search, int? page, CancellationToken cancellationToken)
    {
        var people = await mediator.Send(new SearchPeopleQuery(search, page), cancellationToken);
        return View(new PeopleSearchPage(people, search));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken)
    {
        var today = Core.Common.UkTime.Today(clock);
        var command = new RecordIntroductionCommand
        {
            IntroducedOnDay = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            IntroducedOnMonth = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            IntroducedOnYear = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            PreferredChannel = PreferredChannels.Phone,
        };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("new")]
    public async Task<IActionResult> New(RecordIntroductionCommand command, CancellationToken cancellationToken)
    {
        var id = await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Introduction recorded.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetPersonQuery(id), cancellationToken));

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        var areas = await mediator.Send(new ListAreasQuery(), cancellationToken);
        ViewData[AreaChoicesKey] = areas.Where(a => viewer.Current.CanSeeArea(a.Id)).Select(a => new Choice(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Name)).ToList();
    }
}

public sealed record PeopleSearchPage(Circles.Core.Common.Page<PersonSummary> People, string? Search);

public static class PeopleChoices
{
    public static IReadOnlyList<Choice> Levels { get; } =
    [
        new("1", "Level 1", "Information or a short conversation, no intake"),
        new("2", "Level 2", "A longer relationship: a vision for a good life, plans and practical actions"),
    ];

    public static IReadOnlyList<Choice> Consent { get; } = [new("true", "They have agreed to us holding their details")];

    public static IReadOnlyList<Choice> AgeBands { get; } = Core.People.AgeBands.All.Select(a => new Choice(a, a)).ToList();

    public static IReadOnlyList<Choice> Channels { get; } =
        PreferredChannels.All.Select(c => new Choice(c, PreferredChannels.Describe(c))).ToList();

    public static IReadOnlyList<Choice> IntroducedBy { get; } =
        Core.People.IntroducedBy.All.Select(c => new Choice(c, Core.People.IntroducedBy.Describe(c))).ToList();

    public static IReadOnlyList<Choice> ConsentMethods { get; } = PersonRules.ConsentMethods.Select(m => new Choice(m, m)).ToList();
}
