using System.Net;
using Circles.Core.Areas;
using Circles.Core.Common;
using Circles.Tests.Support;
using Mediator;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Circles.Tests.Web;

public sealed class PipelineTests : SiteTest
{
    private async Task<T> Send<T>(ICommand<T> command)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    [Test]
    public async Task Validation_runs_before_the_handler_and_nothing_is_written()
    {
        var invalid = Assert.ThrowsAsync<ValidationException>(() => Send(new CreateAreaCommand("")));
        Assert.Multiple(async () =>
        {
            Assert.That(invalid!.Failures.Single().Field, Is.EqualTo("Name"));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM areas"), Is.Zero);
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events"), Is.Zero);
        });
    }

    [Test]
    public async Task A_valid_command_is_handled_and_audited_once()
    {
        var id = await Send(new CreateAreaCommand("  Riverside "));
        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Scalar<string>("SELECT name FROM areas WHERE id = @Id", new { Id = id }), Is.EqualTo("Riverside"));
            Assert.That(await Db.Scalar<string>("SELECT entity_id FROM audit_events WHERE action = 'area.created'"), Is.EqualTo(id.ToString()));
        });
    }

    [Test]
    public void Signed_in_sessions_end_after_30_idle_minutes_and_roles_refresh_within_a_minute()
    {
        var cookie = Site.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var stamp = Site.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(cookie.ExpireTimeSpan, Is.EqualTo(TimeSpan.FromMinutes(30)));
            Assert.That(cookie.SlidingExpiration, Is.True);
            Assert.That(cookie.Cookie.HttpOnly, Is.True);
            Assert.That(stamp.ValidationInterval, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
        });
    }

    [Test]
    public async Task A_session_is_checked_against_the_account_once_the_minute_is_up_and_ends_if_the_account_changed()
    {
        using var db = await TestDatabase.CreateMigrated("stamp-checks");
        var clock = new TestClock { Now = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero) };
        await using var site = new CirclesFactory(db, services: services => services.AddSingleton<TimeProvider>(clock));
        var user = await TestUsers.Create(site, "connie@example.org", "Connector");
        using var session = new WebSession(site);
        await session.SignIn("connie@example.org");

        // Once the minute is up the account is read again; unchanged, the session goes on with a fresh cookie.
        clock.Now = clock.Now.AddSeconds(70);
        await session.Get("/");

        // Within the next minute the cookie is trusted as it stands, even after the account changed (the framework's rule).
        await db.Execute("UPDATE users SET security_stamp = 'changed elsewhere' WHERE id = @Id", new { user.Id });
        clock.Now = clock.Now.AddSeconds(50);
        await session.Get("/");

        // Once it is up, the account is read again: the changed stamp ends the session.
        clock.Now = clock.Now.AddSeconds(20);
        await session.Get("/", HttpStatusCode.Redirect);
        await session.Get("/", HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Pages_set_a_notice_cookie_only_to_carry_a_notice_or_clear_one()
    {
        using var admin = await SignedIn("notices.admin@example.org", Circles.Core.Accounts.Roles.Administrator);
        static bool SetsNoticeCookie(HttpResponseMessage response) =>
            response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("circles.notice=", StringComparison.Ordinal));

        using (var quiet = await admin.Client.GetAsync("/admin/areas"))
        {
            Assert.That(SetsNoticeCookie(quiet), Is.False, "no notice to keep, no cookie to clear");
        }

        using (var added = await admin.Post("/admin/areas", new { Name = "Quietside" }, "/admin/areas"))
        {
            Assert.That(SetsNoticeCookie(added), Is.True, "the notice travels to the next page in a cookie");
            var notice = added.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("circles.notice=", StringComparison.Ordinal)).ToLowerInvariant();
            Assert.That(notice, Does.Contain("secure").And.Contain("httponly").And.Contain("samesite=lax"), "as guarded as the session cookie");
        }

        using (var shown = await admin.Client.GetAsync("/admin/areas"))
        {
            Assert.That(await shown.Content.ReadAsStringAsync(), Does.Contain("Area added: Quietside"));
            Assert.That(SetsNoticeCookie(shown), Is.True, "the page that shows the notice clears it");
        }

        using var after = await admin.Client.GetAsync("/admin/areas");
        Assert.That(await after.Content.ReadAsStringAsync(), Does.Not.Contain("Area added: Quietside"), "a notice is shown once");
        Assert.That(SetsNoticeCookie(after), Is.False);
    }

    [Test]
    public async Task A_signed_in_non_administrator_cannot_use_administrator_forms_even_with_a_valid_token()
    {
        await CompleteSetup();
        var target = await TestUsers.Create(Site, "target@example.org", "Volunteer");
        using var connector = await SignedIn("sneaky@example.org", "Connector");
        var token = await connector.Token("/account/change-password");
        using var response = await connector.Client.PostAsync($"/admin/users/{target.Id}/disable",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Forbidden));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM users WHERE disabled_at IS NOT NULL"), Is.Zero);
        });
    }
}
