using System.Net;
using Circles.Tests.Support;

namespace Circles.Tests.Web;

public sealed class SetupTests : SiteTest
{
    private static object ValidSetup => new
    {
        OrganisationName = "Eastfield Community Circles",
        DisplayName = "Ada Administrator",
        Email = "ada@example.org",
        Password = "kettle river bicycle",
        ConfirmPassword = "kettle river bicycle",
    };

    [Test]
    public async Task The_first_visit_leads_to_setup()
    {
        using var session = NewSession();
        using var response = await session.Client.GetAsync("/");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/setup"));
        });
    }

    [Test]
    public async Task Setup_creates_the_administrator_signs_them_in_and_then_is_gone()
    {
        using var session = NewSession();
        using var response = await session.Post("/setup", ValidSetup);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var home = await session.Get("/");
        Assert.Multiple(async () =>
        {
            Assert.That(home, Does.Contain("Welcome, Ada Administrator"));
            Assert.That(home, Does.Contain("Eastfield Community Circles"));
            Assert.That(await Db.Scalar<string>("SELECT role FROM user_roles"), Is.EqualTo("Administrator"));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'setup.completed'"), Is.EqualTo(1));
        });

        await session.Get("/setup", HttpStatusCode.NotFound);
        using var anonymous = NewSession();
        await anonymous.Get("/setup", HttpStatusCode.NotFound);
        await anonymous.SignIn("ada@example.org", "kettle river bicycle");
    }

    [Test]
    public async Task A_second_setup_after_the_first_is_refused_and_changes_nothing()
    {
        // Someone else opened the set-up form before the first administrator finished.
        using var late = NewSession();
        var token = await late.Token("/setup");
        using var first = NewSession();
        using (var done = await first.Post("/setup", ValidSetup))
        {
            Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        var fields = WebSession.Fields(new { OrganisationName = "Takeover", DisplayName = "Mallory", Email = "mallory@example.org", Password = "another long secret", ConfirmPassword = "another long secret" })
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token));
        using var response = await late.Client.PostAsync("/setup", new FormUrlEncodedContent(fields));
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM users"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Missing_and_wrong_answers_show_an_error_summary_linking_to_each_field_and_keep_what_was_typed()
    {
        using var session = NewSession();
        using var response = await session.Post("/setup", new
        {
            OrganisationName = "",
            DisplayName = "<script>alert(1)</script>",
            Email = "not-an-email",
            Password = "short",
            ConfirmPassword = "short",
        });
        var page = await response.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page, Does.Contain("<title>Error: "));
            Assert.That(page, Does.Contain("govuk-error-summary"));
            Assert.That(page, Does.Contain("href=\"#OrganisationName\">Enter your organisation’s name"));
            Assert.That(page, Does.Contain("href=\"#Email\">Enter an email address in the correct format"));
            Assert.That(page, Does.Contain("href=\"#Password\">Password must be 12 characters or more"));
            Assert.That(page.IndexOf("href=\"#OrganisationName\"", StringComparison.Ordinal), Is.LessThan(page.IndexOf("href=\"#Email\"", StringComparison.Ordinal)), "the summary follows the form's order");
            Assert.That(page, Does.Contain("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), "what was typed is shown back, encoded");
            Assert.That(page, Does.Not.Contain("<script>alert(1)"));
            Assert.That(page, Does.Not.Contain("value=\"short\""), "passwords are never echoed back");
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM users"), Is.Zero);
        });
    }

    [Test]
    public async Task Huge_answers_are_refused_with_a_clear_message()
    {
        using var session = NewSession();
        using var response = await session.Post("/setup", new
        {
            OrganisationName = new string('x', 100_000),
            DisplayName = "Ada",
            Email = "ada@example.org",
            Password = "kettle river bicycle",
            ConfirmPassword = "kettle river bicycle",
        });
        var page = await response.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page, Does.Contain("The organisation’s name must be 120 characters or fewer"));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM users"), Is.Zero);
        });
    }
}
