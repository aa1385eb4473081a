using Circles.Core.Auditing;

namespace Circles.Web.Admin;

[Route("admin/audit")]
public sealed class AuditController(IMediator mediator) : AdministrationController
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
