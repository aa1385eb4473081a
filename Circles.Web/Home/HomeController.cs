using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.Home;

public sealed class HomeController(IMediator mediator) : CirclesController
{
    public const string MyVolunteeringKey = "MyVolunteering";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (User.IsInRole(Core.Accounts.Roles.Volunteer))
        {
            ViewData[MyVolunteeringKey] = await mediator.Send(new Core.Volunteering.GetMyVolunteeringQuery(), cancellationToken);
        }

        return View(await mediator.Send(new Core.Circles.GetHomePageQuery(), cancellationToken));
    }

    [AllowAnonymous]
    [AllowWithoutTwoFactor]
    [HttpGet("accessibility")]
    public IActionResult Accessibility() => View();

    [AllowAnonymous]
    [AllowWithoutTwoFactor]
    // Status code pages re-run the request here with its own method, so a refused POST shows this page too.
    [Route("error/{code:int}")]
    [AcceptVerbs("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error(int code)
    {
        var status = code is >= 400 and <= 599 ? code : 500;
        Response.StatusCode = status;
        return View(status);
    }
}
