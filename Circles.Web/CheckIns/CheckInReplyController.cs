using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Circles.Core.CheckIns;
using Circles.Web.Hosting;
using Circles.Web.Messaging;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Circles.Web.CheckIns;

public sealed record CheckInReplyForm
{
    public string? Token { get; init; }

    public string? Answer { get; init; }
}

public sealed record CheckInReplyView(string Token, CheckInReplyPage Page, bool Thanked);

/// <summary>
/// The one-question page a person reaches from the link in a check-in message. No account: the signed token names
/// the question, which can be answered once, until it expires. It shows nothing about the person.
/// </summary>
[AllowAnonymous]
[Route("check-in")]
[EnableRateLimiting(CirclesHost.SignInRateLimit)]
public sealed class CheckInReplyController(IMediator mediator) : CirclesController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? token, CancellationToken cancellationToken) =>
        Shown(token, await mediator.Send(new GetCheckInReplyQuery(token), cancellationToken), thanked: false);

    [HttpPost("")]
    public async Task<IActionResult> Index(CheckInReplyForm form, CancellationToken cancellationToken)
    {
        var state = await mediator.Send(new AnswerCheckInByLinkCommand { Token = form.Token, Answer = form.Answer }, cancellationToken);
        var page = await mediator.Send(new GetCheckInReplyQuery(form.Token), cancellationToken);
        return state == ReplyLinkState.Open ? Shown(form.Token, page, thanked: true) : Shown(form.Token, page with { State = state }, thanked: false);
    }

    public override async Task<IActionResult> FormAgain(object? form, CancellationToken cancellationToken)
    {
        var token = (form as AnswerCheckInByLinkCommand)?.Token ?? Request.Form["Token"].ToString();
        return Shown(token, await mediator.Send(new GetCheckInReplyQuery(token), cancellationToken), thanked: false);
    }

    private ViewResult Shown(string? token, CheckInReplyPage page, bool thanked)
    {
        // A link that cannot be used says so plainly, with the status a browser and a screen reader understand.
        if (!thanked && page.State != ReplyLinkState.Open)
        {
            Response.StatusCode = page.State == ReplyLinkState.NotRecognised ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        }

        return View("Index", new CheckInReplyView(token ?? "", page, thanked));
    }
}

/// <summary>
/// GOV.UK Notify's callback for received text messages. Notify sends the bearer token set in its settings; until
/// Messaging:GovukNotify:InboundBearerToken is set here too, this answers 404. The message text is never logged.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ApiController]
[Route("messages/inbound/notify")]
public sealed class InboundTextController(IMediator mediator, IOptions<MessagingOptions> options) : ControllerBase
{
    public sealed record ReceivedText
    {
        [JsonPropertyName("id")]
        public string? Id { get; init; }

        [JsonPropertyName("source_number")]
        public string? SourceNumber { get; init; }

        [JsonPropertyName("message")]
        public string? Message { get; init; }
    }

    [HttpPost("")]
    public async Task<IActionResult> Receive([FromBody] ReceivedText text, CancellationToken cancellationToken)
    {
        var expected = options.Value.GovukNotify.InboundBearerToken;
        if (string.IsNullOrEmpty(expected))
        {
            return NotFound();
        }

        var given = Request.Headers.Authorization.ToString();
        var wanted = "Bearer " + expected;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(wanted)))
        {
            return Unauthorized();
        }

        await mediator.Send(new ReceiveTextReplyCommand(text.SourceNumber, text.Message, text.Id), cancellationToken);
        // Notify only needs to know it arrived; whether it matched a question is ours to deal with.
        return NoContent();
    }
}
