using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Circles.Core.Accounts;
using Circles.Web.Hosting;

namespace Circles.Web.Accounts;

/// <summary>First run: creates the first administrator, then is gone for good (404).</summary>
[AllowAnonymous]
[Route("setup")]
public sealed class SetupController(IMediator mediator, SetupState setup, UserManager<CirclesUser> users, SignInManager<CirclesUser> signIn) : CirclesController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        await setup.IsComplete(cancellationToken) ? NotFound() : View(new SetupForm());

    [HttpPost("")]
    [EnableRateLimiting(CirclesHost.SignInRateLimit)]
    public async Task<IActionResult> Index(SetupForm form, CancellationToken cancellationToken)
    {
        if (await setup.IsComplete(cancellationToken))
        {
            return NotFound();
        }

        long userId;
        try
        {
            userId = await mediator.Send(
                new CreateFirstAdministratorCommand(form.OrganisationName, form.DisplayName, form.Email, form.Password, form.ConfirmPassword),
                cancellationToken);
        }
        catch (SetupAlreadyCompleteException)
        {
            return NotFound();
        }

        var user = await users.FindByIdAsync(userId.ToString());
        await signIn.SignInAsync(user!, isPersistent: false);
        TempData["Notice"] = "Circles is set up. Next, add your areas and invite your colleagues.";
        return RedirectToAction("Index", "Home");
    }
}
