using Circles.Core.Accounts;
using Circles.Core.Messaging;
using Circles.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Circles.Web.Accounts;

/// <summary>The emails accounts send: invitations and password resets, with links back to this site.</summary>
public sealed class AccountEmails(IMessageSender sender, SiteChrome chrome, IOptions<CirclesOptions> options, IHttpContextAccessor http)
{
    public const string InvitationTemplate = "account-invitation";
    public const string PasswordResetTemplate = "password-reset";

    public async Task SendInvitation(CirclesUser user, string token, CancellationToken cancellationToken)
    {
        var organisation = (await chrome.Settings(cancellationToken)).OrganisationName;
        var link = Link("/account/accept-invitation", user.Id, token);
        var body = $"""
            Hello {user.DisplayName},

            You have been invited to use Circles at {organisation}.

            To choose your password and sign in, open this link within 7 days:
            {link}

            If you were not expecting this email, you can ignore it.
            """;
        await sender.Send(new OutgoingMessage(MessageChannel.Email, user.Email, InvitationTemplate, $"You have been invited to Circles at {organisation}", body), cancellationToken);
    }

    public async Task SendPasswordReset(CirclesUser user, string token, CancellationToken cancellationToken)
    {
        var link = Link("/account/reset-password", user.Id, token);
        var body = $"""
            Hello {user.DisplayName},

            Someone asked to reset the password for your Circles account. To choose a new password, open this link within 2 hours:
            {link}

            If it was not you, you can ignore this email: your password has not changed.
            """;
        await sender.Send(new OutgoingMessage(MessageChannel.Email, user.Email, PasswordResetTemplate, "Reset your Circles password", body), cancellationToken);
    }

    private string Link(string path, long userId, string token)
    {
        // PublicBaseUrl is required outside Development (checked at start-up); only a developer's own
        // machine falls back to the request's address.
        var configured = options.Value.PublicBaseUrl?.TrimEnd('/');
        var request = http.HttpContext?.Request;
        var origin = !string.IsNullOrEmpty(configured) ? configured : request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return $"{origin}{path}?userId={userId}&token={Uri.EscapeDataString(token)}";
    }
}
