using Circles.Core.Messaging;

namespace Circles.Web.Admin;

[Route("admin/messages")]
public sealed class MessagesController(IMediator mediator) : AdministrationController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, CancellationToken cancellationToken) =>
        View(await mediator.Send(new ListMessagesQuery(page), cancellationToken));
}
