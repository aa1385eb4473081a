using Circles.Core.Accounts;
using Circles.Core.Messaging;
using Circles.Web.Infrastructure;
using Circles.Web.Jobs;
using Circles.Web.Messaging;

namespace Circles.Web.Accounts;

/// <summary>The emails accounts send: invitations and password resets, with links back to this site. They go through the outbox at once.</summary>
public sealed class AccountEmails(IOutboxStore outbox, MessagePlanner planner, SiteChrome chrome, PublicLinks links, DispatchSoon dispatch)
{
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
        await Send(user, MessageTemplates.AccountInvitation, $"You have been invited to Circles at {organisation}", body, cancellationToken);
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
        await Send(user, MessageTemplates.PasswordReset, "Reset your Circles password", body, cancellationToken);
    }

    private async Task Send(CirclesUser user, string template, string subject, string body, CancellationToken cancellationToken)
    {
        var plan = await planner.Prepare(cancellationToken);
        await outbox.Enqueue([plan.AccountEmail(user.Id, user.Email, template, subject, body)], plan.Now, cancellationToken);
        dispatch.Now();
    }

    private string Link(string path, long userId, string token) => links.To($"{path}?userId={userId}&token={Uri.EscapeDataString(token)}");
}
