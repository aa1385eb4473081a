using System.Net;
using System.Text.RegularExpressions;
using Circles.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Web;

/// <summary>
/// Every form, every field at once, given hostile input: nothing crashes, markup never comes back
/// as markup, and a 100 KB answer saves nothing anywhere.
/// </summary>
public sealed partial class HostileInputTests : SiteTest
{
    private const string Script = "<script>alert('x')</script>";

    [GeneratedRegex("<form method=\"post\"[^>]*action=\"(?<action>[^\"]+)\"[^>]*>(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex PostForm();

    [GeneratedRegex("<(?:input|select|textarea)[^>]*name=\"(?<name>[^\"]+)\"[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Field();

    [GeneratedRegex("type=\"hidden\"[^>]*value=\"(?<value>[^\"]*)\"|value=\"(?<value>[^\"]*)\"[^>]*type=\"hidden\"")]
    private static partial Regex HiddenValue();

    private async Task<long> TotalRows()
    {
        var tables = await Db.Query<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'people_search%' AND name NOT IN ('audit_events', 'schema_migrations')");
        long total = 0;
        foreach (var table in tables)
        {
            total += await Db.Scalar<long>($"SELECT count(*) FROM \"{table}\"");
        }

        return total;
    }

    [Test]
    public async Task Every_form_survives_huge_markup_sql_and_wrongly_typed_answers()
    {
        await CompleteSetup();
        await Db.Execute("INSERT INTO areas (name, created_at) VALUES ('Eastfield', '2026-01-01T00:00:00.0000000Z')");
        using var user = await SignedIn("everything@example.org", "Administrator", "Connector", "Volunteer");
        var area = await Db.Scalar<long>("SELECT id FROM areas");
        await Db.Execute(
            """
            INSERT INTO people (full_name, area_id, created_at, updated_at) VALUES ('Margaret Jones', @Area, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO circles (focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES (1, 'Gardening', @Area, 'active', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO circle_members (circle_id, person_id, role, joined_on) VALUES (1, 1, 'focus', '2026-01-01');
            INSERT INTO meetings (circle_id, starts_at, ends_at, place, status, created_at) VALUES (1, '2027-01-12T14:00:00.0000000Z', '2027-01-12T15:00:00.0000000Z', 'Hall', 'planned', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO follow_up_tasks (person_id, reason, dedupe_key, due_on, created_at) VALUES (1, 'no_reply', 'hostile', '2026-01-02', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO check_in_requests (id, person_id, due_on, asked_at, expires_at) VALUES (1, 1, '2026-01-01', '2026-01-01T09:00:00.0000000Z', '2099-01-01T00:00:00.0000000Z');
            INSERT INTO volunteer_opportunities (id, title, summary, kind, area_id, created_at, updated_at) VALUES (1, 'Rugby', 'Going to matches', 'join', @Area, '2026-01-01', '2026-01-01');
            INSERT INTO volunteers (id, full_name, email, motivation, area_id, status, dedupe_key, applied_at, updated_at) VALUES (1, 'Val Helper', 'val@example.org', 'To help', @Area, 'screening', 'k1', '2026-01-01', '2026-01-01');
            INSERT INTO volunteer_referees (volunteer_id, name, contact, relationship) VALUES (1, 'Ref One', 'ref@example.org', 'Manager');
            INSERT INTO community_assets (id, uid, name, kind, area_id, last_verified_on, created_at, updated_at)
            VALUES (1, '00000000-0000-4000-8000-000000000001', 'Knit & Natter', 'association', @Area, '2020-01-01', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            """,
            new { Area = area });

        string[] pages =
        [
            "/people/new", "/people/1/edit", "/people/1/what-matters", "/people/1/relationships", "/people/1/contacts/new",
            "/people/1/contributions/new", "/people/1/goals/new", "/people/1/check-ins/cadence", "/people/1/check-ins/new", "/people/1/open-circle", "/people/1",
            "/circles/1/members/new", "/circles/1/meetings/new", "/circles/1/meetings/1/move", "/circles/1/actions/new", "/circles/1/meetings/1", "/circles/1",
            "/admin/areas", "/admin/users/invite", "/admin/settings", "/messages", "/account/change-password", "/account/volunteering",
            "/opportunities/new", "/opportunities/1/edit", "/volunteers/1", "/volunteers/1/notes/new", "/volunteers/1/profile", "/volunteer/apply?opportunity=1",
            "/assets/new", "/assets/1/edit", "/assets/1", "/assets/import", "/assets/stale", "/people/1/connections/new?asset=1",
            "/people/1/consent", "/people/1/consent/withdraw", "/follow-ups/1", $"/check-in?token={Site.Services.GetRequiredService<Circles.Core.CheckIns.ICheckInReplyTokens>().Issue(1)}",
        ];
        var checkedForms = 0;
        foreach (var page in pages)
        {
            var html = await user.Get(page);
            foreach (Match form in PostForm().Matches(html))
            {
                var action = WebUtility.HtmlDecode(form.Groups["action"].Value);
                if (action.EndsWith("/sign-out", StringComparison.Ordinal))
                {
                    continue;
                }

                var fields = Field().Matches(form.Groups["body"].Value)
                    .Where(f => f.Groups["name"].Value != "__RequestVerificationToken")
                    .Select(f => (Name: f.Groups["name"].Value, Hidden: HiddenValue().Match(f.Value) is { Success: true } h ? WebUtility.HtmlDecode(h.Groups["value"].Value) : null))
                    .DistinctBy(f => f.Name)
                    .ToList();
                foreach (var hostile in new[] { new string('x', 100_000), Script, "' OR 1=1; DROP TABLE people; --", "abc" })
                {
                    var before = await TotalRows();
                    var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Hidden ?? hostile));
                    using var response = await user.Post(action, values, page);
                    var body = await response.Content.ReadAsStringAsync();
                    var what = $"{action} from {page} with {hostile[..Math.Min(20, hostile.Length)]}";
                    Assert.That((int)response.StatusCode, Is.LessThan(500), what);
                    Assert.That(body, Does.Not.Contain(Script), what);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Assert.That(body, Does.Contain("govuk-error-summary"), what + ": a refused form explains why");
                    }

                    // A button form carries only hidden values: nothing hostile was sent, and pressing it may rightly save.
                    if (hostile.Length == 100_000 && fields.Any(f => f.Hidden is null))
                    {
                        Assert.That(await TotalRows(), Is.EqualTo(before), what + ": a 100 KB answer saves nothing");
                    }

                    var shown = await user.Get(page.Contains("/meetings/", StringComparison.Ordinal) || page == "/circles/1" || page == "/people/1" ? page : "/");
                    Assert.That(shown, Does.Not.Contain(Script), what);
                }

                checkedForms++;
            }
        }

        Assert.That(checkedForms, Is.GreaterThan(20));
    }
}
