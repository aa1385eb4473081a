using Circles.Core.Settings;
using Circles.Web.Hosting;
using Circles.Web.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Circles.Web.Admin;

[Authorize(Policy = CirclesHost.AdministratorPolicy)]
[Route("admin/settings")]
public sealed class SettingsController(IMediator mediator) : CirclesController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var settings = await mediator.Send(new GetOrganisationSettingsQuery(), cancellationToken);
        return View(new SettingsForm { OrganisationName = settings.OrganisationName, TwoFactorRequiredRoles = [.. settings.TwoFactorRequiredRoles] });
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(SettingsForm form, CancellationToken cancellationToken)
    {
        await mediator.Send(new UpdateOrganisationSettingsCommand(form.OrganisationName, form.TwoFactorRequiredRoles), cancellationToken);
        TempData["Notice"] = "Settings saved.";
        return RedirectToAction(nameof(Index));
    }
}
