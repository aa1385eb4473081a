using System.Globalization;
using System.Net;
using Circles.Core.Messaging;
using Circles.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Web;

/// <summary>DBS checks: recording, reminders before the re-check, and vetting regulated activity, with a hand-set clock.</summary>
public sealed class DbsTests : SiteTest
{
    private static TestClock Clock => SharedSites.MessagingClock;

    protected override Task<CirclesFactory> ChooseSite() => SharedSites.Messaging;

    [SetUp]
    public void StartOnTheFirstOfMarch() => Clock.Now = DateTimeOffset.Parse("2026-03-01T12:00:00Z", CultureInfo.InvariantCulture);

    private async Task Plan()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PlanScheduledMessagesCommand());
    }

    /// <summary>Eastfield with an approved volunteer (1), a circle (1) for Arthur, and the volunteer as a member (2).</summary>
    private async Task<WebSession> CoordinatorWithVolunteer()
    {
        await TestUsers.Create(Site, "cora@example.org", "Coordinator");
        await Db.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z');
            INSERT INTO user_areas (user_id, area_id) SELECT id, 1 FROM users WHERE email = 'cora@example.org';
            INSERT INTO volunteers (id, full_name, email, motivation, area_id, status, dedupe_key, applied_at, updated_at)
              VALUES (1, 'Vera Helper', 'vera@example.org', 'To help', 1, 'approved', 'k1', '2026-01-01', '2026-01-01');
            INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (1, 'Arthur Dent', 1, '2026-01-01', '2026-01-01');
            INSERT INTO people (id, full_name, area_id, member_only, volunteer_id, created_at, updated_at) VALUES (2, 'Vera Helper', 1, 1, 1, '2026-01-01', '2026-01-01');
            INSERT INTO circles (id, focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES (1, 1, 'Get out more', 1, 'active', '2026-01-01', '2026-01-01');
            INSERT INTO circle_members (id, circle_id, person_id, role, joined_on) VALUES (1, 1, 1, 'focus', '2026-01-01'), (2, 1, 2, 'volunteer', '2026-01-01');
            """);
        var session = NewSession();
        await session.SignIn("cora@example.org");
        return session;
    }

    private static object Check(string level, string day, string month, string year, string workforce = "adult") =>
        new { Level = level, Workforce = workforce, IssuedOnDay = day, IssuedOnMonth = month, IssuedOnYear = year, CertificateNumber = "0012 3456 7890", UpdateService = "false" };

    [Test]
    public async Task Warnings_reach_the_outbox_at_9am_exactly_60_30_and_7_days_before_the_recheck_once_each()
    {
        using var coordinator = await CoordinatorWithVolunteer();
        // Issued 1 June 2023: with the default three-year policy it is due again on 1 June 2026.
        using var recorded = await coordinator.Post("/volunteers/1/dbs/new", Check("basic", "1", "6", "2023"), "/volunteers/1/dbs/new");
        Assert.That(recorded.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), WebSession.Excerpt(await recorded.Content.ReadAsStringAsync()));
        Assert.That(await Db.Scalar<string>("SELECT recheck_due_on FROM dbs_checks"), Is.EqualTo("2026-06-01"));
        Assert.That(await Db.Scalar<string>("SELECT certificate_number FROM dbs_checks"), Is.EqualTo("001234567890"));

        var sent = new List<(DateTimeOffset DueAt, string Subject)>();
        // Walk the clock a quarter of a day at a time from 1 March to 1 June, planning as the job does.
        for (var now = Clock.Now; now < DateTimeOffset.Parse("2026-06-02T00:00:00Z", CultureInfo.InvariantCulture); now = now.AddHours(6))
        {
            Clock.Now = now;
            await Plan();
        }

        foreach (var (dueAt, subject) in await Db.Query<(string, string)>("SELECT due_at, subject FROM messages WHERE template = 'dbs-recheck' ORDER BY due_at"))
        {
            sent.Add((DateTimeOffset.Parse(dueAt, CultureInfo.InvariantCulture), subject));
        }

        Assert.That(sent.Select(s => s.DueAt), Is.EqualTo(new[]
        {
            DateTimeOffset.Parse("2026-04-02T08:00:00Z", CultureInfo.InvariantCulture), // 60 days before, 9am BST
            DateTimeOffset.Parse("2026-05-02T08:00:00Z", CultureInfo.InvariantCulture), // 30 days before
            DateTimeOffset.Parse("2026-05-25T08:00:00Z", CultureInfo.InvariantCulture), // 7 days before
        }));
        Assert.That(sent.Select(s => s.Subject), Is.EqualTo(new[]
        {
            "DBS re-check due in 60 days: Vera Helper", "DBS re-check due in 30 days: Vera Helper", "DBS re-check due in 7 days: Vera Helper",
        }));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM messages WHERE template = 'dbs-recheck' AND body LIKE '%001234567890%'"), Is.Zero, "never the certificate");

        Clock.Now = DateTimeOffset.Parse("2026-06-02T09:00:00Z", CultureInfo.InvariantCulture);
        using var again = NewSession();
        await again.SignIn("cora@example.org");
        Assert.That(await again.Get("/volunteers/dbs"), Does.Contain("Vera Helper").And.Contain("Overdue"));
    }

    [Test]
    public async Task Driving_Arthur_to_the_GP_is_refused_until_an_enhanced_check_with_the_barred_list_is_recorded()
    {
        using var coordinator = await CoordinatorWithVolunteer();
        object Drive() => new { Description = "Drive Arthur to the GP", OwnerMemberId = "2", RegulatedActivity = "conveying", DueOnDay = "", DueOnMonth = "", DueOnYear = "" };

        using var refused = await coordinator.Post("/circles/1/actions/new", Drive(), "/circles/1/actions/new");
        var body = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("is regulated activity, so the volunteer needs an in-date enhanced DBS check with the adults’ barred list: none is recorded for them"));

        // Facilitating, or an ordinary task, needs no enhanced check.
        using var ordinary = await coordinator.Post("/circles/1/actions/new",
            new { Description = "Find out when the choir meets", OwnerMemberId = "2", RegulatedActivity = "", DueOnDay = "", DueOnMonth = "", DueOnYear = "" }, "/circles/1/actions/new");
        Assert.That(ordinary.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        using (await coordinator.Post("/volunteers/1/dbs/new", Check("enhanced", "1", "2", "2026"), "/volunteers/1/dbs/new"))
        {
        }

        using var stillRefused = await coordinator.Post("/circles/1/actions/new", Drive(), "/circles/1/actions/new");
        Assert.That(WebUtility.HtmlDecode(await stillRefused.Content.ReadAsStringAsync()), Does.Contain("none is recorded for them"), "enhanced without the barred list is not enough");

        using (await coordinator.Post("/volunteers/1/dbs/new", Check("enhanced_barred", "1", "2", "2020"), "/volunteers/1/dbs/new"))
        {
        }

        using var outOfDate = await coordinator.Post("/circles/1/actions/new", Drive(), "/circles/1/actions/new");
        Assert.That(WebUtility.HtmlDecode(await outOfDate.Content.ReadAsStringAsync()), Does.Contain("theirs was due to be checked again on 1 February 2023"));

        using (var recorded = await coordinator.Post("/volunteers/1/dbs/new", Check("enhanced_barred", "1", "2", "2026"), "/volunteers/1/dbs/new"))
        {
            Assert.That(recorded.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        using var allowed = await coordinator.Post("/circles/1/actions/new", Drive(), "/circles/1/actions/new");
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), WebSession.Excerpt(await allowed.Content.ReadAsStringAsync()));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM actions WHERE regulated_activity = 'conveying'"), Is.EqualTo(1));

        // A family member is not one of our volunteers: vetting is the family's own business.
        var page = await coordinator.Get("/volunteers/1");
        Assert.That(page, Does.Contain("001234567890").And.Contain("Enhanced with the adults’ barred list"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'volunteer.viewed'"), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task A_volunteer_added_by_name_or_no_longer_approved_cannot_be_given_regulated_activity()
    {
        using var coordinator = await CoordinatorWithVolunteer();
        await Db.Execute(
            """
            INSERT INTO people (id, full_name, area_id, member_only, created_at, updated_at) VALUES (4, 'Bob By Name', 1, 1, '2026-01-01', '2026-01-01');
            INSERT INTO circle_members (id, circle_id, person_id, role, joined_on) VALUES (4, 1, 4, 'volunteer', '2026-01-01');
            INSERT INTO dbs_checks (volunteer_id, level, workforce, issued_on, certificate_number, recheck_due_on, recorded_at)
              VALUES (1, 'enhanced_barred', 'adult', '2026-02-01', '001234567890', '2029-02-01', '2026-02-01');
            """);
        using var byName = await coordinator.Post("/circles/1/actions/new",
            new { Description = "Do the shopping with her card", OwnerMemberId = "4", RegulatedActivity = "cash_bills_shopping" }, "/circles/1/actions/new");
        Assert.That(WebUtility.HtmlDecode(await byName.Content.ReadAsStringAsync()), Does.Contain("was added by name, so their DBS record cannot be checked"));

        await Db.Execute("UPDATE volunteers SET status = 'inactive', inactive_reason = 'moved_on' WHERE id = 1");
        using var gone = await coordinator.Post("/circles/1/actions/new",
            new { Description = "Drive Arthur to the GP", OwnerMemberId = "2", RegulatedActivity = "conveying" }, "/circles/1/actions/new");
        Assert.That(WebUtility.HtmlDecode(await gone.Content.ReadAsStringAsync()), Does.Contain("none is recorded for them"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM actions"), Is.Zero);
    }

    [Test]
    public async Task An_Update_Service_status_check_today_moves_the_recheck_on_from_today()
    {
        using var coordinator = await CoordinatorWithVolunteer();
        using (await coordinator.Post("/volunteers/1/dbs/new",
            new { Level = "enhanced_barred", Workforce = "adult", IssuedOnDay = "1", IssuedOnMonth = "6", IssuedOnYear = "2023", CertificateNumber = "001234567890", UpdateService = "true" },
            "/volunteers/1/dbs/new"))
        {
        }

        using (await coordinator.Post("/volunteers/1/dbs/new", Check("basic", "1", "1", "2024"), "/volunteers/1/dbs/new"))
        {
        }

        var (updateService, basic) = (await Db.Scalar<long>("SELECT id FROM dbs_checks WHERE update_service = 1"), await Db.Scalar<long>("SELECT id FROM dbs_checks WHERE update_service = 0"));
        using var checkedToday = await coordinator.Post($"/volunteers/1/dbs/{updateService}/status-checked", new { }, "/volunteers/1");
        Assert.That(checkedToday.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await Db.Scalar<string>("SELECT recheck_due_on FROM dbs_checks WHERE id = @Id", new { Id = updateService }), Is.EqualTo("2029-03-01"));
        Assert.That(await Db.Scalar<string>("SELECT status_checked_on FROM dbs_checks WHERE id = @Id", new { Id = updateService }), Is.EqualTo("2026-03-01"));
        using (await coordinator.Post($"/volunteers/1/dbs/{basic}/status-checked", new { }, "/volunteers/1"))
        {
        }

        Assert.That(WebUtility.HtmlDecode(await coordinator.Get("/volunteers/1")), Does.Contain("Only a check on the Update Service can be status-checked online"));
        Assert.That(await Db.Scalar<string>("SELECT recheck_due_on FROM dbs_checks WHERE id = @Id", new { Id = basic }), Is.EqualTo("2027-01-01"));
    }

    [TestCase("Level", "platinum", "Choose the level of check")]
    [TestCase("CertificateNumber", "12345", "Enter the 12-digit certificate number")]
    [TestCase("CertificateNumber", "<script>alert(1)</script>", "Enter the 12-digit certificate number")]
    [TestCase("IssuedOnYear", "2099", "The date of issue must be today or in the past")]
    public async Task A_wrong_DBS_detail_is_explained_and_nothing_is_saved(string field, string value, string message)
    {
        using var coordinator = await CoordinatorWithVolunteer();
        var fields = WebSession.Fields(Check("basic", "1", "6", "2023")).Select(f => f.Key == field ? new KeyValuePair<string, string>(f.Key, value) : f);
        using var response = await coordinator.Post("/volunteers/1/dbs/new", fields, "/volunteers/1/dbs/new");
        Assert.That(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), Does.Contain(message));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM dbs_checks"), Is.Zero);
    }

    [Test]
    public async Task Only_coordinators_of_the_area_see_DBS_records()
    {
        using var coordinator = await CoordinatorWithVolunteer();
        using (await coordinator.Post("/volunteers/1/dbs/new", Check("basic", "1", "6", "2023"), "/volunteers/1/dbs/new"))
        {
        }

        using var connector = await TestUsers.SignedIn(Site, "con@example.org", "Connector");
        await connector.Get("/volunteers/1", HttpStatusCode.NotFound);
        await connector.Get("/volunteers/dbs", HttpStatusCode.NotFound);
        using var post = await connector.Post("/volunteers/1/dbs/new", Check("enhanced_barred", "1", "2", "2026"), "/");
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM dbs_checks"), Is.EqualTo(1));
    }
}

/// <summary>A volunteer's own page and their hours, over HTTP.</summary>
public sealed class VolunteerHoursTests : SiteTest
{
    [Test]
    public async Task A_volunteer_sees_their_own_circles_and_actions_logs_hours_and_a_coordinator_approves_them()
    {
        var vera = await TestUsers.Create(Site, "vera@example.org", "Volunteer");
        await TestUsers.Create(Site, "cora@example.org", "Coordinator");
        await Db.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z');
            INSERT INTO user_areas (user_id, area_id) SELECT id, 1 FROM users WHERE email IN ('cora@example.org', 'vera@example.org');
            INSERT INTO volunteers (id, full_name, email, motivation, area_id, status, user_id, dedupe_key, applied_at, updated_at)
              VALUES (1, 'Vera Helper', 'vera@example.org', 'To help', 1, 'approved', @Vera, 'k1', '2026-01-01', '2026-01-01');
            INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (1, 'Arthur Dent', 1, '2026-01-01', '2026-01-01'), (3, 'Zaphod Other', 1, '2026-01-01', '2026-01-01');
            INSERT INTO people (id, full_name, area_id, member_only, volunteer_id, created_at, updated_at) VALUES (2, 'Vera Helper', 1, 1, 1, '2026-01-01', '2026-01-01');
            INSERT INTO circles (id, focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES
              (1, 1, 'Get out more', 1, 'active', '2026-01-01', '2026-01-01'), (2, 3, 'Not hers', 1, 'active', '2026-01-01', '2026-01-01');
            INSERT INTO circle_members (id, circle_id, person_id, role, joined_on) VALUES (1, 1, 1, 'focus', '2026-01-01'), (2, 1, 2, 'volunteer', '2026-01-01'), (3, 2, 3, 'focus', '2026-01-01');
            INSERT INTO actions (circle_id, description, owner_member_id, due_on, status, created_at) VALUES
              (1, 'Find the bus times to the match', 2, '2099-01-10', 'open', '2026-01-01'), (2, 'Someone else''s task', 3, NULL, 'open', '2026-01-01');
            """,
            new { Vera = vera.Id });

        using var volunteer = NewSession();
        await volunteer.SignIn("vera@example.org");
        var home = await volunteer.Get("/");
        Assert.That(home, Does.Contain("Find the bus times to the match").And.Contain("Circle for Arthur Dent").And.Not.Contain("Someone else").And.Not.Contain("Zaphod"));
        Assert.That(home, Does.Contain("Your DBS check").And.Contain("None recorded"));
        // A member sees their own actions and meetings on their home page, not the circle's other members and notes.
        await volunteer.Get("/circles/2", System.Net.HttpStatusCode.NotFound);
        await volunteer.Get("/circles/1", System.Net.HttpStatusCode.NotFound);
        await volunteer.Get("/people/1", System.Net.HttpStatusCode.Forbidden);

        using var wrongCircle = await volunteer.Post("/account/volunteering/hours/new", new { CircleId = "2", OnDay = "1", OnMonth = "11", OnYear = "2026", Hours = "2" }, "/account/volunteering/hours/new");
        Assert.That(System.Net.WebUtility.HtmlDecode(await wrongCircle.Content.ReadAsStringAsync()), Does.Contain("Choose one of your circles"));
        using var badHours = await volunteer.Post("/account/volunteering/hours/new", new { CircleId = "1", OnDay = "1", OnMonth = "11", OnYear = "2026", Hours = "lots" }, "/account/volunteering/hours/new");
        Assert.That(await badHours.Content.ReadAsStringAsync(), Does.Contain("Enter the time in quarter hours"));
        var today = Circles.Core.Common.UkTime.Today(TimeProvider.System);
        var mine = await Db.Scalar<long>("SELECT id FROM actions WHERE circle_id = 1");
        var theirs = await Db.Scalar<long>("SELECT id FROM actions WHERE circle_id = 2");
        using var notMyTask = await volunteer.Post("/account/volunteering/hours/new",
            new { CircleId = "1", ActionId = theirs.ToString(System.Globalization.CultureInfo.InvariantCulture), OnDay = "1", OnMonth = "11", OnYear = "2026", Hours = "1" }, "/account/volunteering/hours/new");
        Assert.That(System.Net.WebUtility.HtmlDecode(await notMyTask.Content.ReadAsStringAsync()), Does.Contain("Choose one of your own tasks in that circle"));
        using var logged = await volunteer.Post("/account/volunteering/hours/new",
            new { CircleId = "1", ActionId = mine.ToString(System.Globalization.CultureInfo.InvariantCulture), OnDay = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), OnMonth = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture), OnYear = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), Hours = "1:30", Note = "Went to the match" },
            "/account/volunteering/hours/new");
        Assert.That(logged.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Redirect), WebSession.Excerpt(await logged.Content.ReadAsStringAsync()));
        Assert.That(await volunteer.Get("/account/volunteering"), Does.Contain("1h 30m with the circle for Arthur Dent").And.Contain("waiting for approval"));
        Assert.That(await Db.Scalar<long>("SELECT action_id FROM volunteer_hours"), Is.EqualTo(mine));
        await volunteer.Get("/volunteers/hours", System.Net.HttpStatusCode.Forbidden);

        using var coordinator = NewSession();
        await coordinator.SignIn("cora@example.org");
        Assert.That(await coordinator.Get("/volunteers/hours"), Does.Contain("Vera Helper: 1h 30m"));
        var id = await Db.Scalar<long>("SELECT id FROM volunteer_hours");
        using var noQuestion = await coordinator.Post($"/volunteers/hours/{id}", new { approve = "false", queryNote = "" }, "/volunteers/hours");
        Assert.That(await Db.Scalar<string>("SELECT status FROM volunteer_hours"), Is.EqualTo("logged"), "a query needs a question");
        using var approved = await coordinator.Post($"/volunteers/hours/{id}", new { approve = "true" }, "/volunteers/hours");
        var totals = await coordinator.Get("/volunteers/hours");
        Assert.That(totals, Does.Contain("No hours are waiting for approval").And.Contain("Circle for Arthur Dent").And.Contain(">1.5<"));
        Assert.That(await volunteer.Get("/account/volunteering"), Does.Contain("approved"));
    }
}
