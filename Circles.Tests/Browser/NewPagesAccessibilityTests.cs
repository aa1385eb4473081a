using Circles.Tests.Support;
using Microsoft.Playwright;

namespace Circles.Tests.Browser;

/// <summary>Every page added for assets, volunteering, data rights and reports that no journey visits, through axe.</summary>
public sealed class NewPagesAccessibilityTests : BrowserTest
{
    [Test]
    public async Task The_staff_and_volunteer_pages_pass_axe()
    {
        var user = await TestUsers.Create(Site, "all@example.org", "Administrator", "Coordinator", "Volunteer");
        await Site.Database.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z');
            INSERT INTO user_areas (user_id, area_id) VALUES (@Id, 1);
            INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (1, 'Arthur Dent', 1, '2026-01-01', '2026-01-01');
            INSERT INTO community_assets (id, uid, name, kind, area_id, status, last_verified_on, created_at, updated_at)
              VALUES (1, '00000000-0000-4000-8000-000000000001', 'Old lunch club', 'association', 1, 'active', '2020-01-01', '2020-01-01', '2020-01-01');
            INSERT INTO volunteer_opportunities (id, title, summary, kind, area_id, created_at, updated_at) VALUES (1, 'Rugby', 'Going to matches', 'join', 1, '2026-01-01', '2026-01-01');
            INSERT INTO volunteers (id, full_name, email, motivation, area_id, status, user_id, dedupe_key, applied_at, updated_at)
              VALUES (1, 'Test all', 'all@example.org', 'To help', 1, 'approved', @Id, 'k', '2026-01-01', '2026-01-01');
            INSERT INTO people (id, full_name, area_id, member_only, volunteer_id, created_at, updated_at) VALUES (2, 'Test all', 1, 1, 1, '2026-01-01', '2026-01-01');
            INSERT INTO circles (id, focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES (1, 1, 'Rugby', 1, 'active', '2026-01-01', '2026-01-01');
            INSERT INTO circle_members (circle_id, person_id, role, joined_on) VALUES (1, 1, 'focus', '2026-01-01'), (1, 2, 'volunteer', '2026-01-01');
            INSERT INTO volunteer_hours (volunteer_id, circle_id, worked_on, minutes, status, created_at) VALUES (1, 1, '2026-11-01', 90, 'logged', '2026-11-01');
            INSERT INTO dbs_checks (volunteer_id, level, workforce, issued_on, certificate_number, recheck_due_on, recorded_at)
              VALUES (1, 'basic', 'adult', '2023-12-01', '001234567890', '2026-12-01', '2023-12-01');
            INSERT INTO introductions (person_id, introduced_by, introduced_on, level, status, created_at) VALUES
              (1, 'self', date('now', '-40 days'), 1, 'new', '2026-01-01'), (1, 'self', date('now', '-100 days'), 2, 'new', '2026-01-01');
            INSERT INTO contributions (person_id, what, given_on, created_at) VALUES (1, 'Made tea', date('now', '-10 days'), '2026-01-01');
            """,
            new { user.Id });
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email address", new() { Exact = true }).FillAsync("all@example.org");
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(WebSession.DefaultPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync(BaseUrl + "/");

        foreach (var page in new[]
        {
            "/assets/stale", "/assets/import", "/assets/1/edit", "/people/1/connections/new?asset=1", "/opportunities", "/opportunities/new",
            "/opportunities/1/edit", "/volunteers", "/volunteers/1/notes/new", "/volunteers/1/profile", "/volunteers/hours", "/volunteers/dbs",
            "/admin/retention", "/admin/settings", "/people/1/data", "/account/volunteering", "/account/volunteering/hours/new",
            "/reports", "/reports/commissioner", "/reports?FromDay=31&FromMonth=2&FromYear=2026", "/people/1/consent", "/people/1/consent/withdraw",
        })
        {
            var response = await Page.GotoAsync(page);
            Assert.That(response!.Status, Is.EqualTo(200), page);
            await AssertAccessible(page);
        }

        await Page.GotoAsync("/reports");
        await Screenshot("outcomes-dashboard");
        await Page.GotoAsync("/reports/commissioner");
        await Screenshot("commissioner-report");
    }
}
