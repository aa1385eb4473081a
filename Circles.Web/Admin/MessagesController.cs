using Circles.Core.Messaging;
using Circles.Web.Hosting;
using Circles.Web.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Circles.Web.Admin;

[Authorize(Policy = CirclesHost.AdministratorPolicy)]
[Route("admin/messages")]
public sealed class MessagesController(IMediator mediator) : CirclesController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, CancellationToken cancellationToken) =>
        View(await mediator.Send(new ListMessagesQuery(page), cancellationToken));
}
