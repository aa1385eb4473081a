using Circles.Core.Areas;
using Circles.Core.CheckIns;
using Circles.Core.Common;
using Circles.Core.People;
using Circles.Core.Settings;
using Circles.Web.Hosting;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.CheckIns;

/// <summary>
/// Check-in answers and what follows from them. Every page here is for those who may see answers (see
/// <see cref="AnswerAccess"/>); anyone else is told the page is not there, and every look is audited.
/// </summary>
[Authorize(Policy = CirclesHost.PeoplePolicy)]
public sealed class CheckInsController(IMediator mediator, ICurrentViewer viewer, TimeProvider clock) : CirclesController
{
    public const string PersonNameKey = "PersonName";
    public const string SettingsKey = "OrganisationSettings";

    [HttpGet("people/{personId:long}/check-ins")]
    public async Task<IActionResult> Index(long personId, CancellationToken cancellationToken)
    {
        var checkIns = await mediator.Send(new GetCheckInsQuery(personId), cancellationToken);
        var person = await mediator.Send(new GetPersonQuery(personId), cancellationToken);
        var tasks = await mediator.Send(new ListPersonFollowUpsQuery(personId), cancellationToken);
        return View(new CheckInsPage(person.Id, person.FullName, checkIns, tasks));
    }

    [HttpGet("people/{personId:long}/check-ins/new")]
    public async Task<IActionResult> New(long personId, CancellationToken cancellationToken)
    {
        if (!await mediator.Send(new CanSeeAnswersQuery(personId), cancellationToken))
        {
            return NotFound();
        }

        var today = UkTime.Today(clock);
        var command = new RecordCheckInCommand
        {
            PersonId = personId,
            OnDay = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OnMonth = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OnYear = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("people/{personId:long}/check-ins/new")]
    public async Task<IActionResult> New(long personId, RecordCheckInCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command with { PersonId = personId }, cancellationToken);
        TempData["Notice"] = "Check-in recorded.";
        return Redirect($"/people/{personId}/check-ins");
    }

    [HttpGet("follow-ups/{taskId:long}")]
    public async Task<IActionResult> FollowUp(long taskId, CancellationToken cancellationToken)
    {
        var task = await mediator.Send(new GetFollowUpQuery(taskId), cancellationToken);
        ViewData[nameof(FollowUpTask)] = task;
        return View(new CloseFollowUpCommand { TaskId = taskId });
    }

    [HttpPost("follow-ups/{taskId:long}")]
    public async Task<IActionResult> FollowUp(long taskId, CloseFollowUpCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command with { TaskId = taskId }, cancellationToken);
        TempData["Notice"] = "Follow-up closed.";
        return Redirect("/");
    }

    [HttpGet("check-ins/areas")]
    public async Task<IActionResult> Areas(long? area, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        var areas = (await mediator.Send(new ListAreasQuery(), cancellationToken))
            .Where(a => who.CoordinatesArea(a.Id))
            .ToList();
        var chosen = area ?? (areas.Count > 0 ? areas[0].Id : null);
        var bands = chosen is { } id ? await mediator.Send(new GetAreaLonelinessBandsQuery(id), cancellationToken) : null;
        return View(new AreaBandsPage(areas.Select(a => new Choice(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Name)).ToList(), bands));
    }

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        switch (form)
        {
            case RecordCheckInCommand checkIn:
                ViewData[PersonNameKey] = (await mediator.Send(new GetPersonQuery(checkIn.PersonId), cancellationToken)).FullName;
                ViewData[SettingsKey] = await mediator.Send(new GetOrganisationSettingsQuery(), cancellationToken);
                return;
            case CloseFollowUpCommand close:
                ViewData[nameof(FollowUpTask)] = await mediator.Send(new GetFollowUpQuery(close.TaskId), cancellationToken);
                return;
        }
    }
}

public sealed record CheckInsPage(long PersonId, string PersonName, PersonCheckIns CheckIns, IReadOnlyList<FollowUpTask> FollowUps);

public sealed record AreaBandsPage(IReadOnlyList<Choice> Areas, AreaLonelinessBands? Bands);

public static class CheckInChoices
{
    public static IReadOnlyList<Choice> Methods { get; } = CheckInMethods.Recorded.Select(m => new Choice(m, CheckInMethods.Describe(m))).ToList();

    public static IReadOnlyList<Choice> For(Question question) => question.Options.Select(o => new Choice(o.Value, o.Wording)).ToList();
}
