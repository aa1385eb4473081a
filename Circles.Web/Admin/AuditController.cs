using Circles.Core.Auditing;
using Circles.Web.Hosting;
using Circles.Web.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Circles.Web.Admin;

[Authorize(Policy = CirclesHost.AdministratorPolicy)]
[Route("admin/audit")]
public sealed class AuditController(IMediator mediator) : CirclesController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(AuditFilterForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        form.Results = await mediator.Send(new SearchAuditLogQuery(form.ToFilter(), form.Page), cancellationToken);
        return View(form);
    }
}
