using Circles.Web.Infrastructure;
using Circles.Web.Pipeline;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Circles.Web.Home;

public sealed class HomeController : CirclesController
{
    [HttpGet("")]
    public IActionResult Index() => View();

    [AllowAnonymous]
    [AllowWithoutTwoFactor]
    [HttpGet("accessibility")]
    public IActionResult Accessibility() => View();

    [AllowAnonymous]
    [AllowWithoutTwoFactor]
    [HttpGet("error/{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error(int code)
    {
        var status = code is >= 400 and <= 599 ? code : 500;
        Response.StatusCode = status;
        return View(status);
    }
}
