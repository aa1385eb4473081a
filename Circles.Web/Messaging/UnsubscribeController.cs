using Circles.Core.Messaging;
using Circles.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Circles.Web.Messaging;

public sealed record UnsubscribePage(string Token, MessageChannel Channel, bool Done);

/// <summary>
/// The link at the foot of every email. Opening it asks first (mail scanners open links by themselves); pressing
/// the button stops that channel at once. No account is needed: the signed token says who and which channel.
/// </summary>
[AllowAnonymous]
[Route("unsubscribe")]
[EnableRateLimiting(CirclesHost.SignInRateLimit)]
public sealed class UnsubscribeController(IMediator mediator, MessageLinks links) : CirclesController
{
    [HttpGet("")]
    public IActionResult Index(string? token) =>
        links.Read(token) is { } found ? View(new UnsubscribePage(token!, found.Channel, Done: false)) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> Confirm(string? token, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } found)
        {
            return NotFound();
        }

        await mediator.Send(new UnsubscribeCommand(found.Recipient, found.Channel), cancellationToken);
        return View("Index", new UnsubscribePage(token!, found.Channel, Done: true));
    }
}
