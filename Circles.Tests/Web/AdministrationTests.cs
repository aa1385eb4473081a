using System.Net;
using Circles.Tests.Support;

namespace Circles.Tests.Web;

public sealed class AdministrationTests : SiteTest
{
    private WebSession _admin = null!;

    [SetUp]
    public async Task SignInAdministrator() => _admin = await SignedIn("boss@example.org", "Administrator");

    [TearDown]
    public void SignOut() => _admin.Dispose();

    [Test]
    public async Task Areas_are_added_listed_renamed_and_kept_unique()
    {
        using (var added = await _admin.Post("/admin/areas", new { Name = "  Eastfield  " }))
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        using (var duplicate = await _admin.Post("/admin/areas", new { Name = "EASTFIELD" }))
        {
            Assert.That(await duplicate.Content.ReadAsStringAsync(), Does.Contain("There is already an area called EASTFIELD"));
        }

        using (var empty = await _admin.Post("/admin/areas", new { Name = "   " }))
        {
            Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("href=\"#Name\">Enter the area’s name"));
        }

        var id = await Db.Scalar<long>("SELECT id FROM areas");
        using (var renamed = await _admin.Post($"/admin/areas/{id}/rename", new { Name = "Eastfield & Riverside" }))
        {
            Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await _admin.Get("/admin/areas"), Does.Contain("Eastfield &amp; Riverside"));
            Assert.That(await Db.Scalar<string>("SELECT name FROM areas"), Is.EqualTo("Eastfield & Riverside"));
            Assert.That(await Db.Scalar<string>("SELECT detail FROM audit_events WHERE action = 'area.renamed'"), Is.EqualTo("Eastfield → Eastfield & Riverside"));
        });
        await _admin.Get("/admin/areas/999999/rename", HttpStatusCode.NotFound);
    }

    [TestCase("Robert'); DROP TABLE areas; --")]
    [TestCase("<img src=x onerror=alert(1)>")]
    [TestCase("50% of _everyone_ \\ here")]
    public async Task Awkward_names_are_stored_exactly_and_shown_safely(string name)
    {
        using (var added = await _admin.Post("/admin/areas", new { Name = name }))
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        var page = await _admin.Get("/admin/areas");
        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Scalar<string>("SELECT name FROM areas"), Is.EqualTo(name));
            Assert.That(page, Does.Not.Contain("<img src=x"));
            Assert.That(page, Does.Contain(System.Net.WebUtility.HtmlEncode(name).Replace("&#39;", "&#x27;", StringComparison.Ordinal)));
        });
    }

    [Test]
    public async Task A_huge_area_name_is_refused_and_nothing_is_saved()
    {
        using var response = await _admin.Post("/admin/areas", new { Name = new string('a', 50_000) });
        Assert.Multiple(async () =>
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("The area’s name must be 100 characters or fewer"));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM areas"), Is.Zero);
        });
    }

    [Test]
    public async Task Users_can_be_searched_filtered_and_paged()
    {
        for (var i = 0; i < 30; i++)
        {
            await Db.Execute(
                """
                INSERT INTO users (user_name, normalized_user_name, email, normalized_email, display_name, security_stamp, concurrency_stamp, created_at)
                VALUES (@Email, upper(@Email), @Email, upper(@Email), @Name, 's', 'c', '2026-01-01T00:00:00.0000000Z')
                """,
                new { Email = $"person{i:D2}@example.org", Name = $"Person {i:D2}" });
        }

        var first = await _admin.Get("/admin/users");
        Assert.That(first, Does.Contain("31 users").And.Contain("Page 2").And.Not.Contain("Person 29"));
        Assert.That(await _admin.Get("/admin/users?page=2"), Does.Contain("Person 29"));
        Assert.That(await _admin.Get("/admin/users?search=person07"), Does.Contain("1 user").And.Contain("Person 07"));
        Assert.That(await _admin.Get("/admin/users?search=%25"), Does.Contain("No users match"), "a % searches for a literal percent sign");
        Assert.That(await _admin.Get("/admin/users?role=Administrator"), Does.Contain("1 user"));
        Assert.That(await _admin.Get("/admin/users?page=-5&role=Nonsense"), Does.Contain("31 users"));
        await _admin.Get("/admin/users?page=abc");
    }

    [Test]
    public async Task Roles_and_areas_can_be_changed_and_are_audited()
    {
        var connie = await TestUsers.Create(Site, "connie@example.org", "Connector");
        await Db.Execute("INSERT INTO areas (name, created_at) VALUES ('Northside', '2026-01-01T00:00:00.0000000Z')");
        var area = await Db.Scalar<long>("SELECT id FROM areas");
        using (var saved = await _admin.Post($"/admin/users/{connie.Id}", new { Roles = new[] { "Coordinator", "Connector" }, AreaIds = new[] { area } }))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Query<string>("SELECT role FROM user_roles WHERE user_id = @Id ORDER BY role", new { connie.Id }), Is.EqualTo(new[] { "Connector", "Coordinator" }));
            Assert.That(await Db.Scalar<long>("SELECT area_id FROM user_areas WHERE user_id = @Id", new { connie.Id }), Is.EqualTo(area));
            Assert.That(await Db.Scalar<string>("SELECT detail FROM audit_events WHERE action = 'user.roles-changed'"), Is.EqualTo("added Coordinator"));
        });

        using var badArea = await _admin.Post($"/admin/users/{connie.Id}", new { Roles = new[] { "Connector" }, AreaIds = new[] { 987654 } });
        Assert.That(await badArea.Content.ReadAsStringAsync(), Does.Contain("Choose areas from the list"));
        await _admin.Get("/admin/users/987654", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_only_administrator_cannot_remove_their_role_or_disable_themselves()
    {
        var me = await Db.Scalar<long>("SELECT id FROM users WHERE email = 'boss@example.org'");
        using (var demote = await _admin.Post($"/admin/users/{me}", new { Roles = new[] { "Connector" } }))
        {
            Assert.That(await demote.Content.ReadAsStringAsync(), Does.Contain("This is the only administrator"));
        }

        using (var disable = await _admin.Post($"/admin/users/{me}/disable", Array.Empty<KeyValuePair<string, string>>(), $"/admin/users/{me}"))
        {
            Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Assert.That(await _admin.Get($"/admin/users/{me}"), Does.Contain("You cannot disable your own account"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM users WHERE disabled_at IS NOT NULL"), Is.Zero);
    }

    [Test]
    public async Task Disabling_a_user_ends_their_sign_in_and_enabling_restores_it()
    {
        var victim = await TestUsers.Create(Site, "vic@example.org", "Volunteer");
        using (var disabled = await _admin.Post($"/admin/users/{victim.Id}/disable", Array.Empty<KeyValuePair<string, string>>(), $"/admin/users/{victim.Id}"))
        {
            Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        using var session = NewSession();
        using (var refused = await session.Post("/account/sign-in", new { Email = "vic@example.org", Password = WebSession.DefaultPassword }))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (await _admin.Post($"/admin/users/{victim.Id}/enable", Array.Empty<KeyValuePair<string, string>>(), $"/admin/users/{victim.Id}"))
        {
        }

        await session.SignIn("vic@example.org");
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action IN ('user.disabled', 'user.enabled')"), Is.EqualTo(2));
    }

    [Test]
    public async Task The_audit_log_filters_pages_and_explains_bad_filters()
    {
        for (var i = 0; i < 60; i++)
        {
            await Db.Execute(
                "INSERT INTO audit_events (occurred_at, action, entity_type, entity_id) VALUES (@At, 'area.created', 'area', @Id)",
                new { At = $"2026-02-{1 + (i % 28):D2}T10:00:00.0000000Z", Id = i.ToString() });
        }

        Assert.That(await _admin.Get("/admin/audit?Event=area.created"), Does.Contain("60 entries").And.Contain("Page 2"));
        Assert.That(await _admin.Get("/admin/audit?EntityType=area&EntityId=7"), Does.Contain("1 entry"));
        Assert.That(await _admin.Get("/admin/audit?Event=area.created&From=2026-02-01&To=2026-02-01"), Does.Contain("3 entries"));
        Assert.That(await _admin.Get("/admin/audit?From=2026-03-01&To=2026-02-01"), Does.Contain("href=\"#To\">The ‘to’ date must be the same as or after the ‘from’ date"));
        Assert.That(await _admin.Get("/admin/audit?From=not-a-date"), Does.Contain("govuk-error-summary"));
        Assert.That(await _admin.Get("/admin/audit?Event=made.up"), Does.Contain("Choose an action from the list"));
        Assert.That(await _admin.Get("/admin/audit?EntityId=' OR 1=1 --"), Does.Contain("Nothing in the audit log matches"));
    }

    [Test]
    public async Task Settings_change_the_organisation_name_everywhere()
    {
        using (var saved = await _admin.Post("/admin/settings", new { OrganisationName = "Northside Circles" }))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Assert.That(await _admin.Get("/"), Does.Contain("Northside Circles"));
        using var blank = await _admin.Post("/admin/settings", new { OrganisationName = "" });
        Assert.That(await blank.Content.ReadAsStringAsync(), Does.Contain("Enter your organisation’s name"));
    }
}
