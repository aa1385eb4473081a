using Circles.Core.Privacy;

namespace Circles.Web.Admin;

/// <summary>Who the nightly retention job will erase within the next month, and who a legal hold keeps.</summary>
[Route("admin/retention")]
public sealed class RetentionController(IMediator mediator) : AdministrationController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await mediator.Send(new ListRetentionDueQuery(), cancellationToken));
}
