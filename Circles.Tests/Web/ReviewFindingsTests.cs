using System.Net;
using Circles.Data.Migrations;
using Circles.Tests.Support;

namespace Circles.Tests.Web;

/// <summary>Tests written for defects a code review found, before they were fixed.</summary>
public sealed class ReviewFindingsTests : SiteTest
{
    [Test]
    public async Task Wrong_passwords_sent_in_parallel_all_count_towards_lockout()
    {
        await CompleteSetup();
        await TestUsers.Create(Site, "rushed@example.org");
        using var session = NewSession();
        var token = await session.Token("/account/sign-in");
        var attempts = Enumerable.Range(0, 10).Select(async i =>
        {
            using var response = await session.Client.PostAsync("/account/sign-in", new FormUrlEncodedContent(WebSession.Fields(new
            {
                Email = "rushed@example.org", Password = "parallel guess " + i, __RequestVerificationToken = token,
            })));
        });
        await Task.WhenAll(attempts);
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM users WHERE email = 'rushed@example.org' AND lockout_end IS NOT NULL"), Is.EqualTo(1));
    }

    [Test]
    public async Task Changing_an_invited_users_roles_keeps_their_invitation_working()
    {
        await CompleteSetup();
        using var admin = await SignedIn("boss@example.org", "Administrator");
        using (await admin.Post("/admin/users/invite", new { DisplayName = "Ivy", Email = "ivy@example.org", Roles = new[] { "Volunteer" } }))
        {
        }

        var body = await Db.Scalar<string>("SELECT body FROM messages ORDER BY id DESC LIMIT 1");
        var link = new Uri(body.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("https://", StringComparison.Ordinal))).PathAndQuery;
        var id = await Db.Scalar<long>("SELECT id FROM users WHERE email = 'ivy@example.org'");
        using (var changed = await admin.Post($"/admin/users/{id}", new { Roles = new[] { "Volunteer", "Connector" } }))
        {
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        using var ivy = NewSession();
        Assert.That(await ivy.Get(link), Does.Contain("Create your password"));
        Assert.That(await admin.Get("/"), Does.Contain("Welcome"), "the administrator is still signed in");
    }

    [Test]
    public async Task An_invited_administrator_who_has_not_accepted_does_not_count_as_another_administrator()
    {
        await CompleteSetup();
        using var admin = await SignedIn("boss@example.org", "Administrator");
        await Db.Execute("DELETE FROM user_roles WHERE role = 'Administrator' AND user_id <> (SELECT id FROM users WHERE email = 'boss@example.org')");
        using (await admin.Post("/admin/users/invite", new { DisplayName = "Pending", Email = "pending@example.org", Roles = new[] { "Administrator" } }))
        {
        }

        var me = await Db.Scalar<long>("SELECT id FROM users WHERE email = 'boss@example.org'");
        using var demote = await admin.Post($"/admin/users/{me}", new { Roles = new[] { "Connector" } });
        Assert.That(await demote.Content.ReadAsStringAsync(), Does.Contain("This is the only administrator"));
    }

    [Test]
    public async Task Two_factor_cannot_be_reread_or_turned_off_without_the_password()
    {
        await CompleteSetup();
        using var session = await SignedIn("careful@example.org");
        var setup = await session.Get("/account/two-factor/set-up");
        var key = System.Text.RegularExpressions.Regex.Match(setup, "circles-key\">([a-z0-9 ]+)<").Groups[1].Value;
        using (await session.Post("/account/two-factor/set-up", new { Code = Totp.Code(key, DateTimeOffset.UtcNow) }))
        {
        }

        using (var again = await session.Client.GetAsync("/account/two-factor/set-up"))
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the key is not shown again once two-factor is on");
        }

        using (var repost = await session.Post("/account/two-factor/set-up", new { Code = "123456" }, "/account/two-factor"))
        {
            Assert.That(repost.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "nor by posting the set-up form again");
            Assert.That(await repost.Content.ReadAsStringAsync(), Does.Not.Contain("circles-key"));
        }

        using (var noPassword = await session.Post("/account/two-factor/disable", new { password = "" }, "/account/two-factor"))
        {
            Assert.That(noPassword.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Assert.That(await session.Get("/account/two-factor"), Does.Contain("Enter your current password correctly"));
        Assert.That(await Db.Scalar<long>("SELECT two_factor_enabled FROM users WHERE email = 'careful@example.org'"), Is.EqualTo(1));

        using (await session.Post("/account/two-factor/disable", new { password = WebSession.DefaultPassword }, "/account/two-factor"))
        {
        }

        Assert.That(await Db.Scalar<long>("SELECT two_factor_enabled FROM users WHERE email = 'careful@example.org'"), Is.Zero);
    }

    [Test]
    public async Task A_page_past_the_end_shows_the_last_page()
    {
        using var admin = await SignedIn("boss@example.org", "Administrator");
        var page = await admin.Get("/admin/users?page=9");
        Assert.That(page, Does.Contain("Test boss"));
    }

    [Test]
    public async Task Audit_dates_are_uk_calendar_days()
    {
        using var admin = await SignedIn("boss@example.org", "Administrator");
        // 23:30 UTC on 30 June is 00:30 on 1 July in London (British Summer Time).
        await Db.Execute("INSERT INTO audit_events (occurred_at, action, entity_type, entity_id) VALUES ('2026-06-30T23:30:00.0000000Z', 'area.created', 'area', 'bst')");
        Assert.Multiple(async () =>
        {
            Assert.That(await admin.Get("/admin/audit?EntityId=bst&From=2026-07-01&To=2026-07-01"), Does.Contain("1 entry"));
            Assert.That(await admin.Get("/admin/audit?EntityId=bst&From=2026-06-30&To=2026-06-30"), Does.Contain("Nothing in the audit log matches"));
        });
    }

    [Test]
    public async Task Saving_unchanged_settings_records_no_change()
    {
        using var admin = await SignedIn("boss@example.org", "Administrator");
        for (var i = 0; i < 2; i++)
        {
            using (await admin.Post("/admin/settings", new { OrganisationName = "Same", TwoFactorRequiredRoles = new[] { "Connector", "Coordinator" }, MeetingReminderHours = "48, 2", QuietHoursStart = "9pm", QuietHoursEnd = "8am" }))
            {
            }
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'setting.changed'"), Is.EqualTo(2), "one for the name, one for the roles, once");
    }

    [Test]
    public async Task Two_migration_runners_at_once_apply_each_migration_once()
    {
        using var db = new TestDatabase(TestPaths.NewTempFolder("migration-race"));
        var first = new MigrationRunner(db.Factory, TimeProvider.System);
        var second = new MigrationRunner(db.Factory, TimeProvider.System);
        await first.Apply(CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        var results = await Task.WhenAll(new MigrationRunner(db.Factory, TimeProvider.System).Apply(CancellationToken.None), second.Apply(CancellationToken.None));
        Assert.Multiple(async () =>
        {
            Assert.That(results.Sum(r => r.Count), Is.Zero);
            Assert.That(await db.Scalar<long>("SELECT count(*) FROM schema_migrations"), Is.EqualTo(MigrationSet.Embedded().Count));
        });
    }
}

public sealed class ForwardedHeaderTests
{
    [Test]
    public async Task A_made_up_forwarded_address_does_not_escape_the_per_address_limit()
    {
        using var database = await TestDatabase.CreateMigrated("forwarded");
        await using var site = new CirclesFactory(database, new Dictionary<string, string?> { ["Security:SignInPermitsPerIpPerMinute"] = "3" });
        await TestUsers.Create(site, "admin@example.org", Circles.Core.Accounts.Roles.Administrator);
        using var session = new WebSession(site);
        var token = await session.Token("/account/sign-in");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
            {
                Content = new FormUrlEncodedContent(WebSession.Fields(new { Email = $"x{i}@example.org", Password = "whatever it is", __RequestVerificationToken = token })),
            };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i}");
            using var response = await session.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses.Skip(3), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
    }
}
