using System.Net;
using System.Text.RegularExpressions;
using Circles.Tests.Support;

namespace Circles.Tests.Web;

public sealed partial class AccountJourneyTests : SiteTest
{
    [GeneratedRegex(@"https?://[^\s]+/account/(accept-invitation|reset-password)\?userId=(\d+)&token=([^\s]+)")]
    private static partial Regex LinkPattern();

    private async Task<string> LatestLink(string template)
    {
        var body = await Db.Scalar<string>("SELECT body FROM messages WHERE template = @Template ORDER BY id DESC LIMIT 1", new { Template = template });
        var match = LinkPattern().Match(body);
        Assert.That(match.Success, Is.True, "No link in: " + body);
        return new Uri(match.Value).PathAndQuery;
    }

    [Test]
    public async Task An_administrator_invites_a_connector_who_chooses_a_password_and_signs_in()
    {
        await CompleteSetup();
        await Db.Execute("INSERT INTO areas (name, created_at) VALUES ('Eastfield', '2026-01-01T00:00:00.0000000Z')");
        var areaId = await Db.Scalar<long>("SELECT id FROM areas");
        using var admin = await SignedIn("boss@example.org", "Administrator");
        using (var invite = await admin.Post("/admin/users/invite", new { DisplayName = "Connie Connector", Email = "connie@example.org", Roles = new[] { "Connector" }, AreaIds = new[] { areaId } }))
        {
            Assert.That(invite.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await invite.Content.ReadAsStringAsync());
        }

        var users = await admin.Get("/admin/users");
        Assert.That(users, Does.Contain("Connie Connector").And.Contain("Invited").And.Contain("Eastfield"));
        var messages = await admin.Get("/messages");
        Assert.That(messages, Does.Contain("connie@example.org").And.Contain("Account invitation"));
        var invitationId = await Db.Scalar<long>("SELECT id FROM messages WHERE template = 'account-invitation' ORDER BY id DESC LIMIT 1");
        Assert.That(await admin.Get($"/messages/{invitationId}"), Does.Contain("accept-invitation"));

        var link = await LatestLink("account-invitation");
        using var connie = NewSession();
        Assert.That(await connie.Get(link), Does.Contain("Create your password"));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://localhost" + link).Query);
        using (var accept = await connie.Post("/account/accept-invitation", new { UserId = query["userId"].ToString(), Token = query["token"].ToString(), Password = "tea garden wellies", ConfirmPassword = "tea garden wellies" }, link))
        {
            Assert.That(accept.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        await connie.SignIn("connie@example.org", "tea garden wellies");
        Assert.That(await connie.Get("/"), Does.Contain("Welcome, Connie Connector").And.Not.Contain("/admin/users"));
        Assert.That(await connie.Get(link), Does.Contain("This link cannot be used"), "an invitation works once");
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action IN ('user.invited', 'user.invitation-accepted')"), Is.EqualTo(2));
    }

    [Test]
    public async Task Inviting_an_existing_email_or_without_a_role_is_refused_clearly()
    {
        await CompleteSetup();
        using var admin = await SignedIn("boss@example.org", "Administrator");
        using var response = await admin.Post("/admin/users/invite", new { DisplayName = "Dup", Email = "BOSS@example.org" });
        var page = await response.Content.ReadAsStringAsync();
        Assert.That(page, Does.Contain("href=\"#Roles\">Choose at least one role"));

        using var duplicate = await admin.Post("/admin/users/invite", new { DisplayName = "Dup", Email = "BOSS@example.org", Roles = new[] { "Volunteer" } });
        Assert.That(await duplicate.Content.ReadAsStringAsync(), Does.Contain("There is already a user with that email address"));

        using var madeUp = await admin.Post("/admin/users/invite", new { DisplayName = "X", Email = "x@example.org", Roles = new[] { "Superuser" } });
        Assert.That(await madeUp.Content.ReadAsStringAsync(), Does.Contain("Choose roles from the list"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM users"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_resent_invitation_makes_the_old_link_stop_working()
    {
        await CompleteSetup();
        using var admin = await SignedIn("boss@example.org", "Administrator");
        using (await admin.Post("/admin/users/invite", new { DisplayName = "Val", Email = "val@example.org", Roles = new[] { "Volunteer" } }))
        {
        }

        var first = await LatestLink("account-invitation");
        var id = await Db.Scalar<long>("SELECT id FROM users WHERE email = 'val@example.org'");
        using (await admin.Post($"/admin/users/{id}/resend-invitation", Array.Empty<KeyValuePair<string, string>>(), $"/admin/users/{id}"))
        {
        }

        var second = await LatestLink("account-invitation");
        using var val = NewSession();
        Assert.Multiple(async () =>
        {
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(await val.Get(first), Does.Contain("This link cannot be used"));
            Assert.That(await val.Get(second), Does.Contain("Create your password"));
        });
    }

    [Test]
    public async Task Forgotten_password_sends_a_link_that_resets_it_once()
    {
        await CompleteSetup();
        await TestUsers.Create(Site, "forgetful@example.org");
        using var session = NewSession();
        using (var asked = await session.Post("/account/forgot-password", new { Email = "forgetful@example.org" }))
        {
            Assert.That(await asked.Content.ReadAsStringAsync(), Does.Contain("Check your email"));
        }

        using (var unknown = await session.Post("/account/forgot-password", new { Email = "stranger@example.org" }))
        {
            Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Contain("Check your email"), "the same answer for unknown addresses");
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM messages WHERE template = 'password-reset'"), Is.EqualTo(1));
        var link = await LatestLink("password-reset");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("https://localhost" + link).Query);
        using (var reset = await session.Post("/account/reset-password", new { UserId = query["userId"].ToString(), Token = query["token"].ToString(), Password = "new shiny passphrase", ConfirmPassword = "new shiny passphrase" }, link))
        {
            Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        await session.SignIn("forgetful@example.org", "new shiny passphrase");
        using var again = NewSession();
        Assert.That(await again.Get(link), Does.Contain("This link cannot be used"));
    }

    [Test]
    public async Task A_tampered_reset_token_is_refused()
    {
        await CompleteSetup();
        var user = await TestUsers.Create(Site, "target@example.org");
        using var session = NewSession();
        Assert.That(await session.Get($"/account/reset-password?userId={user.Id}&token=forged' OR 1=1 --"), Does.Contain("This link cannot be used"));
        Assert.That(await session.Get($"/account/reset-password?userId=abc&token="), Does.Contain("This link cannot be used"));
    }

    [Test]
    public async Task Changing_password_needs_the_current_one_and_keeps_you_signed_in()
    {
        await CompleteSetup();
        using var session = await SignedIn("changer@example.org");
        using (var wrong = await session.Post("/account/change-password", new { CurrentPassword = "not it at all", Password = "brand new phrase here", ConfirmPassword = "brand new phrase here" }))
        {
            Assert.That(await wrong.Content.ReadAsStringAsync(), Does.Contain("Your current password is not right"));
        }

        using (var mismatch = await session.Post("/account/change-password", new { CurrentPassword = WebSession.DefaultPassword, Password = "brand new phrase here", ConfirmPassword = "brand new phrase there" }))
        {
            Assert.That(await mismatch.Content.ReadAsStringAsync(), Does.Contain("href=\"#ConfirmPassword\">The passwords do not match"));
        }

        using (var right = await session.Post("/account/change-password", new { CurrentPassword = WebSession.DefaultPassword, Password = "brand new phrase here", ConfirmPassword = "brand new phrase here" }))
        {
            Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        await session.Get("/");
        using var fresh = NewSession();
        await fresh.SignIn("changer@example.org", "brand new phrase here");
    }

    [GeneratedRegex("circles-key\">([a-z0-9 ]+)<")]
    private static partial Regex KeyPattern();

    [Test]
    public async Task Two_factor_sign_in_with_an_authenticator_app_and_a_recovery_code()
    {
        await CompleteSetup();
        using var session = await SignedIn("careful@example.org");
        var setup = await session.Get("/account/two-factor/set-up");
        Assert.That(setup, Does.Contain("data:image/png;base64,"), "a QR code");
        var key = KeyPattern().Match(setup).Groups[1].Value;

        using (var wrong = await session.Post("/account/two-factor/set-up", new { Code = "000000" }))
        {
            Assert.That(await wrong.Content.ReadAsStringAsync(), Does.Contain("The code is not right"));
        }

        using var enabled = await session.Post("/account/two-factor/set-up", new { Code = Totp.Code(key, DateTimeOffset.UtcNow) });
        var codesPage = await enabled.Content.ReadAsStringAsync();
        var recovery = Regex.Match(codesPage, @"<li>([A-Z0-9]{5}-[A-Z0-9]{5})</li>").Groups[1].Value;
        Assert.That(recovery, Is.Not.Empty, codesPage);

        using var later = NewSession();
        using (var first = await later.Post("/account/sign-in", new { Email = "careful@example.org", Password = WebSession.DefaultPassword }))
        {
            Assert.That(first.Headers.Location?.OriginalString, Does.Contain("/account/two-factor-sign-in"));
        }

        await later.Get("/", HttpStatusCode.Redirect);
        using (var code = await later.Post("/account/two-factor-sign-in", new { Code = Totp.Code(key, DateTimeOffset.UtcNow) }))
        {
            Assert.That(code.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        await later.Get("/");

        using var lostPhone = NewSession();
        using (await lostPhone.Post("/account/sign-in", new { Email = "careful@example.org", Password = WebSession.DefaultPassword }))
        {
        }

        using (var withRecovery = await lostPhone.Post("/account/recovery-code-sign-in", new { Code = recovery.ToLowerInvariant() }))
        {
            Assert.That(withRecovery.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Assert.That(await lostPhone.Get("/account/two-factor"), Does.Contain("9 recovery codes left"));
    }

    [Test]
    public async Task When_two_factor_is_required_for_a_role_its_users_must_set_it_up_first()
    {
        await CompleteSetup();
        using var admin = await SignedIn("boss@example.org", "Administrator");
        using (var saved = await admin.Post("/admin/settings", new { OrganisationName = "Eastfield", TwoFactorRequiredRoles = new[] { "Connector" } }))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        using var connector = await SignedIn("connie@example.org", "Connector");
        using var home = await connector.Client.GetAsync("/");
        Assert.That(home.Headers.Location?.OriginalString, Does.Contain("/account/two-factor?required=True"));
        Assert.That(await connector.Get("/account/two-factor?required=True"), Does.Contain("requires two-factor sign-in for your role"));
        Assert.That(await admin.Get("/"), Does.Contain("Welcome"), "other roles carry on");
    }
}
