using Circles.Core.Common;
using Circles.Core.Messaging;
using Circles.Web.Hosting;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.Messaging;

public sealed class MessageFilterForm
{
    public string? Status { get; set; }

    public long? PersonId { get; set; }

    public long? CircleId { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int? Page { get; set; }
}

public sealed record MessagesPage(MessageFilterForm Filter, Page<MessageSummary>? Messages, MessagingOverview? Overview);

/// <summary>What happened to every message: for staff, within their areas; administrators also see the dispatcher.</summary>
[Authorize(Policy = CirclesHost.PeoplePolicy)]
[Route("messages")]
public sealed class MessagesController(IMediator mediator, ICurrentViewer viewer) : CirclesController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(MessageFilterForm filter, CancellationToken cancellationToken)
    {
        var overview = viewer.Current.IsAdministrator ? await mediator.Send(new GetMessagingOverviewQuery(), cancellationToken) : null;
        if (!ModelState.IsValid)
        {
            return View(new MessagesPage(filter, null, overview));
        }

        var messages = await mediator.Send(
            new ListMessagesQuery { Status = filter.Status, PersonId = filter.PersonId, CircleId = filter.CircleId, From = filter.From, To = filter.To, Page = filter.Page },
            cancellationToken);
        return View(new MessagesPage(filter, messages, overview));
    }

    [HttpGet("{messageId:long}")]
    public async Task<IActionResult> Details(long messageId, CancellationToken cancellationToken) =>
        View(await mediator.Send(new GetMessageQuery(messageId), cancellationToken));

    [HttpPost("{messageId:long}/resend")]
    public async Task<IActionResult> Resend(long messageId, CancellationToken cancellationToken)
    {
        await mediator.Send(new ResendMessageCommand(messageId), cancellationToken);
        TempData["Notice"] = "The message will be sent again within a minute.";
        return RedirectToAction(nameof(Details), new { messageId });
    }
}
