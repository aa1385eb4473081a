using Circles.Core.Areas;
using Circles.Core.CheckIns;
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
    public const string CircleKey = "RelationshipCircle";
    public const string PersonNameKey = "PersonName";
    public const string CheckerChoicesKey = "CheckerChoices";

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
    public async Task<IActionResult> Details(long id, CancellationToken cancellationToken)
    {
        var person = await mediator.Send(new GetPersonQuery(id), cancellationToken);
        return View(new PersonPage(
            person, await mediator.Send(new GetPersonLogQuery(id), cancellationToken), await mediator.Send(new ListIntroductionHoldersQuery(id), cancellationToken),
            await mediator.Send(new Core.Messaging.GetOptOutsQuery(id), cancellationToken),
            await mediator.Send(new Core.CheckIns.GetCadenceQuery(id), cancellationToken),
            await mediator.Send(new Core.CheckIns.CanSeeAnswersQuery(id), cancellationToken),
            Core.Common.UkTime.Today(clock),
            await mediator.Send(new Core.Assets.ListPersonConnectionsQuery(id), cancellationToken)));
    }

    [HttpGet("drifting")]
    public async Task<IActionResult> Drifting(long? area, long? checker, int? page, CancellationToken cancellationToken)
    {
        var areas = await mediator.Send(new ListAreasQuery(), cancellationToken);
        ViewData[AreaChoicesKey] = areas.Where(a => viewer.Current.CanSeeArea(a.Id)).Select(a => new Choice(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Name)).ToList();
        return View(await mediator.Send(new Core.CheckIns.ListDriftingQuery(area, checker, page), cancellationToken));
    }

    [HttpGet("{personId:long}/check-ins/cadence")]
    public async Task<IActionResult> Cadence(long personId, CancellationToken cancellationToken)
    {
        var current = await mediator.Send(new Core.CheckIns.GetCadenceQuery(personId), cancellationToken);
        var cadence = current?.Cadence ?? (await mediator.Send(new Core.Settings.GetOrganisationSettingsQuery(), cancellationToken)).DefaultCadence;
        var command = new Core.CheckIns.SetCadenceCommand
        {
            PersonId = personId,
            IdealDays = cadence.IdealDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            MaximumDays = cadence.MaximumDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CheckerUserId = current?.CheckerUserId,
            Paused = current?.IsPaused ?? false,
            PausedReason = current?.PausedReason,
            AskByMessage = current?.AskByMessageSince is not null,
        };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("{personId:long}/check-ins/cadence")]
    public async Task<IActionResult> Cadence(Core.CheckIns.SetCadenceCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = command.Paused ? "Check-ins are paused." : "Check-in cadence saved.";
        return RedirectToAction(nameof(Details), new { id = command.PersonId });
    }

    [HttpPost("{personId:long}/messages/{channel}")]
    public async Task<IActionResult> SetOptOut(long personId, string channel, bool stop, CancellationToken cancellationToken)
    {
        await mediator.Send(new Core.Messaging.SetPersonOptOutCommand(personId, channel, stop), cancellationToken);
        var what = channel == nameof(Core.Messaging.MessageChannel.Email) ? "Emails" : "Text messages";
        TempData["Notice"] = stop ? $"{what} to them have stopped, including any waiting to be sent." : $"{what} to them will be sent again.";
        return RedirectToAction(nameof(Details), new { id = personId });
    }

    [HttpGet("{personId:long}/consent")]
    public async Task<IActionResult> Consent(long personId, CancellationToken cancellationToken)
    {
        var today = Core.Common.UkTime.Today(clock);
        var command = new Core.Privacy.RecordConsentCommand { PersonId = personId, GivenOnDay = Day(today), GivenOnMonth = Month(today), GivenOnYear = Year(today) };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("{personId:long}/consent")]
    public async Task<IActionResult> Consent(Core.Privacy.RecordConsentCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Consent recorded. Emails and texts stay stopped until you start them again.";
        return RedirectToAction(nameof(Details), new { id = command.PersonId });
    }

    [HttpGet("{personId:long}/consent/withdraw")]
    public async Task<IActionResult> WithdrawConsent(long personId, CancellationToken cancellationToken)
    {
        var command = new Core.Privacy.WithdrawConsentCommand { PersonId = personId };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("{personId:long}/consent/withdraw")]
    public async Task<IActionResult> WithdrawConsent(Core.Privacy.WithdrawConsentCommand command, CancellationToken cancellationToken)
    {
        var stopped = await mediator.Send(command, cancellationToken);
        TempData["Notice"] = $"Consent withdrawn. Emails and texts to them have stopped ({stopped} waiting {(stopped == 1 ? "message" : "messages")} will not be sent) and check-ins are paused.";
        return RedirectToAction(nameof(Details), new { id = command.PersonId });
    }

    [HttpPost("{personId:long}/introductions/{introductionId:long}")]
    public async Task<IActionResult> ChangeIntroduction(ChangeIntroductionCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Introduction updated.";
        return RedirectToAction(nameof(Details), new { id = command.PersonId });
    }


    [HttpGet("{personId:long}/edit")]
    public async Task<IActionResult> Edit(long personId, CancellationToken cancellationToken)
    {
        var command = ChangePersonDetailsCommand.From(await mediator.Send(new GetPersonQuery(personId), cancellationToken));
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("{personId:long}/edit")]
    public async Task<IActionResult> Edit(ChangePersonDetailsCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Details saved.";
        return RedirectToAction(nameof(Details), new { id = command.PersonId });
    }

    [HttpGet("{personId:long}/contacts/new")]
    public async Task<IActionResult> LogContact(long personId, CancellationToken cancellationToken)
    {
        var today = Core.Common.UkTime.Today(clock);
        var command = new LogContactCommand { PersonId = personId, OnDay = Day(today), OnMonth = Month(today), OnYear = Year(today) };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("{personId:long}/contacts/new")]
    public async Task<IActionResult> LogContact(LogContactCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Contact logged.";
        return RedirectToAction(nameof(Details), new { id = command.PersonId });
    }

    [HttpGet("{personId:long}/contributions/new")]
    public async Task<IActionResult> RecordContribution(long personId, CancellationToken cancellationToken)
    {
        var today = Core.Common.UkTime.Today(clock);
        var command = new RecordContributionCommand { PersonId = personId, GivenOnDay = Day(today), GivenOnMonth = Month(today), GivenOnYear = Year(today) };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("{personId:long}/contributions/new")]
    public async Task<IActionResult> RecordContribution(RecordContributionCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Contribution recorded.";
        return RedirectToAction(nameof(Details), new { id = command.PersonId });
    }

    [HttpGet("{personId:long}/goals/new")]
    public async Task<IActionResult> AddGoal(long personId, CancellationToken cancellationToken)
    {
        var command = new AddGoalCommand { PersonId = personId };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("{personId:long}/goals/new")]
    public async Task<IActionResult> AddGoal(AddGoalCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "Goal added.";
        return RedirectToAction(nameof(Details), new { id = command.PersonId });
    }

    [HttpPost("{personId:long}/goals/{goalId:long}/status")]
    public async Task<IActionResult> GoalStatus(long personId, long goalId, string? status, CancellationToken cancellationToken)
    {
        await mediator.Send(new SetGoalStatusCommand(personId, goalId, status), cancellationToken);
        TempData["Notice"] = "Goal updated.";
        return RedirectToAction(nameof(Details), new { id = personId });
    }

    [HttpGet("{personId:long}/what-matters")]
    public async Task<IActionResult> WhatMatters(long personId, CancellationToken cancellationToken)
    {
        var profile = await mediator.Send(new GetPersonProfileQuery(personId), cancellationToken);
        ViewData[PersonNameKey] = profile.FullName;
        return View(new SavePersonProfileCommand
        {
            PersonId = personId, DoMoreOf = profile.DoMoreOf, HelpWith = profile.HelpWith, UsedToEnjoy = profile.UsedToEnjoy,
            LikeToChange = profile.LikeToChange, Wellbeing = profile.Wellbeing, Appreciate = profile.Appreciate,
            Important = profile.Important, SupportMe = profile.SupportMe, Vision = profile.Vision,
        });
    }

    // The route's personId binds to the command's PersonId, so a re-shown form keeps it too.
    [HttpPost("{personId:long}/what-matters")]
    public async Task<IActionResult> WhatMatters(SavePersonProfileCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = "What matters and the one-page profile are saved.";
        return RedirectToAction(nameof(Details), new { id = command.PersonId });
    }

    [HttpGet("{personId:long}/relationships")]
    public async Task<IActionResult> Relationships(long personId, CancellationToken cancellationToken)
    {
        var command = new AddRelationshipCommand { PersonId = personId };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("{personId:long}/relationships")]
    public async Task<IActionResult> Relationships(AddRelationshipCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command, cancellationToken);
        TempData["Notice"] = $"{command.Name!.Trim()} added to the relationship circle.";
        return RedirectToAction(nameof(Relationships), new { personId = command.PersonId });
    }

    [HttpPost("{personId:long}/relationships/{relationshipId:long}/remove")]
    public async Task<IActionResult> RemoveRelationship(long personId, long relationshipId, CancellationToken cancellationToken)
    {
        await mediator.Send(new RemoveRelationshipCommand(personId, relationshipId), cancellationToken);
        TempData["Notice"] = "Removed from the relationship circle.";
        return RedirectToAction(nameof(Relationships), new { personId });
    }

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        switch (form)
        {
            case AddRelationshipCommand relationship:
                ViewData[CircleKey] = await mediator.Send(new GetRelationshipCircleQuery(relationship.PersonId), cancellationToken);
                return;
            case SavePersonProfileCommand profile:
                ViewData[PersonNameKey] = (await mediator.Send(new GetPersonProfileQuery(profile.PersonId), cancellationToken)).FullName;
                return;
            case Core.CheckIns.SetCadenceCommand cadence:
                ViewData[CheckerChoicesKey] = (await mediator.Send(new ListIntroductionHoldersQuery(cadence.PersonId), cancellationToken))
                    .Select(h => new Choice(h.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), h.Name)).ToList();
                ViewData[PersonNameKey] = (await mediator.Send(new GetPersonQuery(cadence.PersonId), cancellationToken)).FullName;
                return;
            case IPersonForm personForm:
                ViewData[PersonNameKey] = (await mediator.Send(new GetPersonQuery(personForm.PersonId), cancellationToken)).FullName;
                return;
        }

        var areas = await mediator.Send(new ListAreasQuery(), cancellationToken);
        ViewData[AreaChoicesKey] = areas.Where(a => viewer.Current.CanSeeArea(a.Id)).Select(a => new Choice(a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Name)).ToList();
    }
}

public sealed record PeopleSearchPage(Circles.Core.Common.Page<PersonSummary> People, string? Search);

public sealed record PersonPage(PersonDetails Person, PersonLog Log, IReadOnlyList<(long UserId, string Name)> Holders, IReadOnlyList<Core.Messaging.OptOut> OptOuts,
    Core.CheckIns.CadenceDetails? Cadence, bool SeesCheckInAnswers, DateOnly Today, IReadOnlyList<Core.Assets.PersonConnection> Connections);

public static class PeopleChoices
{
    public static IReadOnlyList<Choice> Levels { get; } =
    [
        new("1", "Level 1", "Information or a short conversation, no intake"),
        new("2", "Level 2", "A longer relationship: a vision for a good life, plans and practical actions"),
    ];

    public static IReadOnlyList<Choice> Consent { get; } = [new("true", "They have agreed to us holding their details")];

    public static IReadOnlyList<Choice> ConfirmWithdrawal { get; } = [new("true", "They have told us they no longer agree to us holding their details")];

    public static IReadOnlyList<Choice> PauseCheckIns { get; } = [new("true", "Pause check-ins for now")];

    public static IReadOnlyList<Choice> AskByMessage { get; } =
        [new("true", "They agreed to be sent “How often do you feel lonely?” by text or email when a check-in is due", "They can answer by replying with a number, or through a link. Their messages still follow their preferred way to be contacted and any stop they asked for.")];

    public static IReadOnlyList<Choice> AgeBands { get; } = Core.People.AgeBands.All.Select(a => new Choice(a, a)).ToList();

    public static IReadOnlyList<Choice> Channels { get; } =
        PreferredChannels.All.Select(c => new Choice(c, PreferredChannels.Describe(c))).ToList();

    public static IReadOnlyList<Choice> IntroducedBy { get; } =
        Core.People.IntroducedBy.All.Select(c => new Choice(c, Core.People.IntroducedBy.Describe(c))).ToList();

    public static IReadOnlyList<Choice> ConsentMethods { get; } = PersonRules.ConsentMethods.Select(m => new Choice(m, m)).ToList();

    public static IReadOnlyList<Choice> Rings { get; } =
        Enumerable.Range(1, 4).Select(r => new Choice(r.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{r}. {Core.People.Rings.Name(r)}", Core.People.Rings.Describe(r))).ToList();

    public static IReadOnlyList<Choice> Closer { get; } = [new("true", "They would like this person to be closer")];

    public static IReadOnlyList<Choice> ContactKinds { get; } = Core.People.ContactKinds.All.Select(k => new Choice(k, Core.People.ContactKinds.Describe(k))).ToList();
}
