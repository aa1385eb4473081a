using System.Net;
using Circles.Tests.Support;

namespace Circles.Tests.Web;

public sealed class PlatformEndpointTests : SiteTest
{
    [Test]
    public async Task Health_is_anonymous_and_reports_the_database_and_migrations()
    {
        using var session = NewSession();
        var body = await session.Get("/health");
        Assert.That(body, Does.Contain("\"status\":\"Healthy\"").And.Contain("Database reachable at migration 00"));
    }

    [Test]
    public async Task The_anonymous_benchmark_baseline_does_not_exist_unless_benchmark_mode_is_on()
    {
        await CompleteSetup();
        using var session = NewSession();
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in"))
        {
            request.Headers.Add("X-Bench-Record", "sign-in");
            using var recorded = await session.Client.SendAsync(request);
            Assert.That(recorded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var baseline = await session.Client.GetAsync("/_bench/baseline/sign-in");
        Assert.That(baseline.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
        Assert.That(await baseline.Content.ReadAsStringAsync(), Does.Not.Contain("commands"));
    }

    [Test]
    public async Task The_jobs_dashboard_sends_anonymous_people_to_sign_in_even_claiming_to_be_local()
    {
        await CompleteSetup();
        using var session = NewSession();
        foreach (var path in new[] { "/admin/jobs", "/admin/jobs/recurring", "/admin/jobs/stats" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Forwarded-For", "127.0.0.1");
            request.Headers.Add("X-Real-IP", "127.0.0.1");
            using var response = await session.Client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), path);
            Assert.That(response.Headers.Location?.OriginalString, Does.Contain("/account/sign-in"), path);
        }
    }

    [TestCase("Coordinator")]
    [TestCase("Connector")]
    [TestCase("Volunteer")]
    public async Task The_jobs_dashboard_refuses_everyone_but_administrators(string role)
    {
        await CompleteSetup();
        using var session = await SignedIn("not.admin@example.org", role);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/jobs");
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");
        using var response = await session.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Administrators_see_the_jobs_dashboard_with_the_heartbeat()
    {
        await CompleteSetup();
        using var session = await SignedIn("boss@example.org", "Administrator");
        var page = await session.Get("/admin/jobs/recurring");
        Assert.That(page, Does.Contain("heartbeat"));
    }

    [Test]
    public async Task Pages_carry_security_headers_and_are_never_cached()
    {
        using var session = NewSession();
        using var response = await session.Client.GetAsync("/setup");
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Multiple(() =>
        {
            Assert.That(csp, Does.Contain("frame-ancestors 'none'").And.Contain("script-src 'self'").And.Not.Contain("unsafe-inline"));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.Contains("Referrer-Policy"), Is.True);
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
            Assert.That(response.Headers.Contains("Server"), Is.False);
        });
    }

    [Test]
    public async Task The_session_cookie_is_secure_http_only_and_same_site()
    {
        using var session = NewSession();
        var token = await session.Token("/setup");
        using var response = await session.Client.PostAsync("/setup", new FormUrlEncodedContent(WebSession.Fields(new
        {
            OrganisationName = "Org", DisplayName = "Ada", Email = "ada@example.org", Password = "kettle river bicycle", ConfirmPassword = "kettle river bicycle",
            __RequestVerificationToken = token,
        })));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("circles.session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.That(cookie, Does.Contain("secure").And.Contain("httponly").And.Contain("samesite=lax"));
    }

    [Test]
    public async Task The_status_page_shows_the_heartbeat_once_it_has_run()
    {
        await CompleteSetup();
        using var session = await SignedIn("boss@example.org", "Administrator");
        Assert.That(await session.Get("/admin/status"), Does.Contain("No scheduled job has run yet"));

        using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>(Site.Services).CreateScope())
        {
            var job = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<Circles.Web.Jobs.HeartbeatJob>(scope.ServiceProvider);
            await job.Run(CancellationToken.None);
        }

        var page = await session.Get("/admin/status");
        Assert.That(page, Does.Contain("heartbeat").And.Contain("Running").And.Contain("up to date"));
    }

    [Test]
    public async Task Unknown_pages_get_a_friendly_404()
    {
        await CompleteSetup();
        using var session = await SignedIn("someone@example.org");
        var page = await session.Get("/no/such/page", HttpStatusCode.NotFound);
        Assert.That(page, Does.Contain("Page not found"));
    }
}
