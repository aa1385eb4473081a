using System.Net;
using System.Text;
using Circles.Tests.Support;

namespace Circles.Tests.Web;

/// <summary>Opportunities, the public offer-to-help form, and screening through to an invitation, over HTTP.</summary>
public sealed class VolunteeringTests : SiteTest
{
    private async Task Eastfield()
    {
        await CompleteSetup();
        await Db.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z'), (2, 'Northside', '2026-01-01T00:00:00Z');
            INSERT INTO volunteer_opportunities (id, title, summary, kind, area_id, status, created_at, updated_at) VALUES
              (1, 'Going to rugby matches', 'A man in his 70s in Eastfield who loves rugby and cars would like a few people to go to matches with.', 'join', 1, 'open', '2026-02-01', '2026-02-01'),
              (2, 'Gardening mornings', 'Help keep a shared garden going.', 'task', 2, 'open', '2026-02-02', '2026-02-02'),
              (3, 'An old one', 'No longer needed.', 'task', 1, 'closed', '2026-01-02', '2026-01-02');
            INSERT INTO interests (id, name, created_at) VALUES (1, 'rugby', '2026-01-01');
            INSERT INTO opportunity_interests (opportunity_id, interest_id) VALUES (1, 1);
            """);
    }

    private async Task<WebSession> InArea(string email, string role, long area)
    {
        await TestUsers.Create(Site, email, role);
        await Db.Execute("INSERT INTO user_areas (user_id, area_id) SELECT id, @Area FROM users WHERE email = @Email", new { Area = area, Email = email });
        var session = NewSession();
        await session.SignIn(email);
        return session;
    }

    private static Dictionary<string, string> Offer(params (string Key, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["OpportunityId"] = "1",
            ["FullName"] = "Vera Helper",
            ["Email"] = "vera@example.org",
            ["Phone"] = "07700 900 982",
            ["Postcode"] = "ef1 2ab",
            ["AreaId"] = "1",
            ["Interests"] = "rugby, driving",
            ["Motivation"] = "I have time on Saturdays and love the game.",
            ["Referee1Name"] = "Sam Boss",
            ["Referee1Contact"] = "sam@example.org",
            ["Referee1Relationship"] = "My manager",
            ["Referee2Name"] = "Rev Ruth",
            ["Referee2Contact"] = "01632 960 001",
            ["Referee2Relationship"] = "Our vicar",
            ["Consent"] = "true",
            ["Website"] = "",
        };
        foreach (var (key, value) in changes)
        {
            fields[key] = value;
        }

        return fields;
    }

    [Test]
    public async Task The_public_page_lists_open_opportunities_by_area_and_interest_without_signing_in()
    {
        await Eastfield();
        using var anyone = NewSession();
        var all = await anyone.Get("/volunteer");
        Assert.That(all, Does.Contain("Going to rugby matches").And.Contain("Gardening mornings").And.Not.Contain("An old one"));
        Assert.That(await anyone.Get("/volunteer?area=2"), Does.Contain("Gardening mornings").And.Not.Contain("rugby matches"));
        Assert.That(await anyone.Get("/volunteer?interest=RUGBY"), Does.Contain("Going to rugby matches").And.Not.Contain("Gardening"));
        Assert.That(await anyone.Get("/volunteer?area=abc&interest=%3Cscript%3E"), Does.Not.Contain("<script>"));
        Assert.That(await anyone.Get("/volunteer/1"), Does.Contain("loves rugby and cars").And.Contain("/volunteer/apply?opportunity=1"));
        await anyone.Get("/volunteer/3", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_offer_is_recorded_once_with_its_referees_and_thanked_through_the_outbox()
    {
        await Eastfield();
        using var anyone = NewSession();
        using var sent = await anyone.Post("/volunteer/apply", Offer(), "/volunteer/apply?opportunity=1");
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), WebSession.Excerpt(await sent.Content.ReadAsStringAsync()));
        Assert.That(sent.Headers.Location!.OriginalString, Is.EqualTo("/volunteer/thanks"));
        Assert.That(await anyone.Get("/volunteer/thanks"), Does.Contain("Thank you for offering to help"));

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM volunteers WHERE status = 'applied' AND opportunity_id = 1 AND postcode = 'EF1 2AB'"), Is.EqualTo(1));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM volunteer_referees"), Is.EqualTo(2));
        var (recipient, subject, body) = (await Db.Query<(string, string, string)>("SELECT recipient, subject, body FROM messages WHERE template = 'volunteer-application'")).Single();
        Assert.That(recipient, Is.EqualTo("vera@example.org"));
        Assert.That(subject, Does.StartWith("Thank you for offering to help").And.Not.Contain("Vera"), "nothing typed in the form is repeated to the address");
        Assert.That(body, Does.Contain("“Going to rugby matches”"));

        // The same form sent again (a double click, a replayed post) makes no second application or email.
        using var again = await anyone.Post("/volunteer/apply", Offer(), "/volunteer/apply?opportunity=1");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM volunteers"), Is.EqualTo(1));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM messages WHERE template = 'volunteer-application'"), Is.EqualTo(1));

        // A second offer that day, for anything at all: kept, but the address gets no second email.
        using var general = await anyone.Post("/volunteer/apply", Offer(("OpportunityId", ""), ("AreaId", "2")), "/volunteer/apply");
        Assert.That(general.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM volunteers"), Is.EqualTo(2));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM messages WHERE template = 'volunteer-application'"), Is.EqualTo(1));

        // An opportunity's area wins over a posted one.
        using var moved = await anyone.Post("/volunteer/apply", Offer(("Email", "other@example.org"), ("AreaId", "2")), "/volunteer/apply?opportunity=1");
        Assert.That(await Db.Scalar<long>("SELECT area_id FROM volunteers WHERE email = 'other@example.org'"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_robot_that_fills_in_the_hidden_field_is_thanked_and_nothing_is_kept()
    {
        await Eastfield();
        using var anyone = NewSession();
        using var robot = await anyone.Post("/volunteer/apply", Offer(("Website", "https://spam.example")), "/volunteer/apply");
        Assert.That(robot.Headers.Location!.OriginalString, Is.EqualTo("/volunteer/thanks"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM volunteers") + await Db.Scalar<long>("SELECT count(*) FROM messages"), Is.Zero);
    }

    [TestCase("FullName", "", "Enter your full name")]
    [TestCase("Email", "not an email", "Enter an email address in the correct format")]
    [TestCase("Email", "<script>alert(1)</script>@x.org", "Enter an email address in the correct format")]
    [TestCase("Postcode", "'; DROP TABLE volunteers; --", "Enter a real postcode")]
    [TestCase("AreaId", "99", "Choose the area you would like to help in")]
    [TestCase("AreaId", "abc", "Choose the area you would like to help in")]
    [TestCase("Motivation", "", "Tell us a little about why you would like to help")]
    [TestCase("Referee2Name", "Sam Boss", "Give two different referees")]
    [TestCase("Referee1Contact", "somewhere", "Enter an email address or phone number for your first referee")]
    [TestCase("Consent", "false", "Confirm we may keep these details")]
    [TestCase("OpportunityId", "3", "That opportunity has closed")]
    [TestCase("Availability", "sun-night", "Choose times from the list")]
    public async Task A_wrong_answer_is_explained_and_nothing_is_kept(string field, string value, string message)
    {
        await Eastfield();
        using var anyone = NewSession();
        // A general offer, unless the case is about the opportunity: an opportunity's own area would win over AreaId.
        using var response = await anyone.Post("/volunteer/apply", Offer(("OpportunityId", field == "OpportunityId" ? value : ""), (field, value)), "/volunteer/apply");
        var raw = await response.Content.ReadAsStringAsync();
        var body = WebUtility.HtmlDecode(raw);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), WebSession.Excerpt(body));
        Assert.That(body, Does.Contain("There is a problem").And.Contain(message));
        Assert.That(raw, Does.Not.Contain("<script>alert"), "what was typed comes back encoded");
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM volunteers") + await Db.Scalar<long>("SELECT count(*) FROM volunteer_referees"), Is.Zero);
    }

    [Test]
    public async Task Junk_posts_get_clear_errors_and_leave_nothing_behind()
    {
        await Eastfield();
        using var anyone = NewSession();
        var megabyte = new string('x', 1_000_000);
        using var huge = await anyone.Post("/volunteer/apply", Offer(("Motivation", megabyte), ("FullName", megabyte)), "/volunteer/apply");
        var hugeBody = WebUtility.HtmlDecode(await huge.Content.ReadAsStringAsync());
        Assert.That(hugeBody, Does.Contain("Full name must be 200 characters or fewer").And.Contain("Why you would like to help must be 2000 characters or fewer"));

        using var missing = await anyone.Post("/volunteer/apply", new Dictionary<string, string>(), "/volunteer/apply");
        Assert.That(WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()), Does.Contain("Enter your full name").And.Contain("Enter your first referee’s name"));

        var duplicated = Offer().Select(f => f).Append(new KeyValuePair<string, string>("Email", "second@example.org")).Append(new KeyValuePair<string, string>("AreaId", "2"));
        using var twice = await anyone.Post("/volunteer/apply", duplicated, "/volunteer/apply");
        Assert.That((int)twice.StatusCode, Is.LessThan(500));

        var token = await anyone.Token("/volunteer/apply");
        using var json = await anyone.Client.PostAsync("/volunteer/apply", new StringContent("{\"FullName\":\"Json\"}", Encoding.UTF8, "application/json"));
        Assert.That((int)json.StatusCode, Is.AnyOf(400, 415), "a JSON body is not a form");
        using var noToken = await anyone.Client.PostAsync("/volunteer/apply", new FormUrlEncodedContent(Offer(("Email", "sneaky@example.org"))));
        Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "no antiforgery token, no entry");
        Assert.That(token, Is.Not.Empty);
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM volunteers WHERE email IN ('sneaky@example.org')"), Is.Zero);
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM volunteers WHERE full_name LIKE 'xxx%'"), Is.Zero);
    }

    [Test]
    public async Task A_coordinator_screens_an_offer_and_approval_sends_a_Volunteer_invitation()
    {
        await Eastfield();
        using (var anyone = NewSession())
        {
            using var sent = await anyone.Post("/volunteer/apply", Offer(), "/volunteer/apply?opportunity=1");
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        using var connector = await InArea("con@example.org", "Connector", 1);
        await connector.Get("/volunteers", HttpStatusCode.NotFound);
        await connector.Get("/volunteers/1", HttpStatusCode.NotFound);
        using var elsewhere = await InArea("north@example.org", "Coordinator", 2);
        await elsewhere.Get("/volunteers/1", HttpStatusCode.NotFound);
        Assert.That(await elsewhere.Get("/volunteers"), Does.Not.Contain("Vera"));

        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        Assert.That(await coordinator.Get("/volunteers"), Does.Contain("Vera Helper").And.Contain("Going to rugby matches"));
        var page = await coordinator.Get("/volunteers/1");
        Assert.That(page, Does.Contain("Sam Boss").And.Contain("Rev Ruth").And.Contain("I have time on Saturdays"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'volunteer.viewed'"), Is.EqualTo(1));

        using var start = await coordinator.Post("/volunteers/1/status", new { status = "screening" }, "/volunteers/1");
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var tooSoon = await coordinator.Post("/volunteers/1/approve", new { }, "/volunteers/1");
        Assert.That(tooSoon.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(WebUtility.HtmlDecode(await coordinator.Get("/volunteers/1")), Does.Contain("Both references must be received before approval"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM volunteers WHERE status = 'approved'"), Is.Zero);

        using var note = await coordinator.Post("/volunteers/1/notes/new", new { Kind = "training", OnDay = "1", OnMonth = "3", OnYear = "2026", Note = "Safeguarding adults, level 1" }, "/volunteers/1/notes/new");
        Assert.That(note.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        foreach (var referee in await Db.Query<long>("SELECT id FROM volunteer_referees"))
        {
            using var received = await coordinator.Post($"/volunteers/1/referees/{referee}", new { received = "true" }, "/volunteers/1");
            Assert.That(received.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        using var approved = await coordinator.Post("/volunteers/1/approve", new { }, "/volunteers/1");
        Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var details = await coordinator.Get("/volunteers/1");
        Assert.That(details, Does.Contain("Approved").And.Contain("Training: ").And.Contain("Safeguarding adults, level 1").And.Contain("Reference received from Sam Boss"));

        var userId = await Db.Scalar<long>("SELECT user_id FROM volunteers WHERE id = 1");
        Assert.That(await Db.Scalar<string>("SELECT role FROM user_roles WHERE user_id = @Id", new { Id = userId }), Is.EqualTo("Volunteer"));
        Assert.That(await Db.Scalar<long>("SELECT area_id FROM user_areas WHERE user_id = @Id", new { Id = userId }), Is.EqualTo(1));
        Assert.That(await Db.Scalar<string>("SELECT postcode FROM volunteer_profiles WHERE user_id = @Id", new { Id = userId }), Is.EqualTo("EF1 2AB"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM volunteer_interests WHERE user_id = @Id", new { Id = userId }), Is.EqualTo(2));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM messages WHERE template = 'account-invitation' AND recipient = 'vera@example.org'"), Is.EqualTo(1));

        using var inactive = await coordinator.Post("/volunteers/1/status", new { status = "inactive", reason = "nonsense" }, "/volunteers/1");
        Assert.That(WebUtility.HtmlDecode(await coordinator.Get("/volunteers/1")), Does.Contain("Choose why they are no longer going ahead"));
    }

    [Test]
    public async Task Connectors_write_opportunities_in_their_own_areas()
    {
        await Eastfield();
        using var connector = await InArea("con@example.org", "Connector", 1);
        using var missing = await connector.Post("/opportunities/new", new { Title = "", Summary = "", Kind = "", AreaId = "", Interests = "" }, "/opportunities/new");
        Assert.That(WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()), Does.Contain("Enter a short title").And.Contain("Choose what kind of help it is"));
        using var other = await connector.Post("/opportunities/new", new { Title = "Walks", Summary = "Weekly walks", Kind = "join", AreaId = "2" }, "/opportunities/new");
        Assert.That(await other.Content.ReadAsStringAsync(), Does.Contain("Choose the area"));
        using var saved = await connector.Post("/opportunities/new", new { Title = "Walks", Summary = "Weekly walks in the park", Kind = "join", AreaId = "1", Interests = "walking" }, "/opportunities/new");
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var anyone = NewSession();
        Assert.That(await anyone.Get("/volunteer?interest=walking"), Does.Contain("Weekly walks in the park"));
        await connector.Get("/opportunities/2/edit", HttpStatusCode.NotFound);
        using var close = await connector.Post("/opportunities/1/edit", new { Title = "Going to rugby matches", Summary = "Filled, thank you", Kind = "join", AreaId = "1", Closed = "true" }, "/opportunities/1/edit");
        Assert.That(close.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await anyone.Get("/volunteer/1", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_opportunity_suggests_approved_volunteers_who_share_its_interests()
    {
        await Eastfield();
        var ready = await TestUsers.Create(Site, "ready@example.org", "Volunteer");
        var pending = await TestUsers.Create(Site, "pending@example.org", "Volunteer");
        await Db.Execute(
            """
            INSERT INTO user_areas (user_id, area_id) VALUES (@Ready, 1), (@Pending, 1);
            INSERT INTO volunteer_interests (user_id, interest_id) VALUES (@Ready, 1), (@Pending, 1);
            INSERT INTO volunteers (full_name, email, motivation, area_id, status, user_id, dedupe_key, applied_at, updated_at) VALUES
              ('Test ready', 'ready@example.org', 'Help', 1, 'approved', @Ready, 'r', '2026-01-01', '2026-01-01'),
              ('Test pending', 'pending@example.org', 'Help', 1, 'screening', @Pending, 'p', '2026-01-01', '2026-01-01');
            """,
            new { Ready = ready.Id, Pending = pending.Id });
        using var connector = await InArea("con@example.org", "Connector", 1);
        var page = await connector.Get("/opportunities/1/edit");
        Assert.That(page, Does.Contain("Volunteers who might suit it").And.Contain("Test ready").And.Contain("rugby"));
        Assert.That(page, Does.Not.Contain("Test pending"), "only approved volunteers are suggested");
    }
}

public sealed class PublicFormRateLimitTests
{
    [Test]
    public async Task Rapid_repeated_offers_get_429()
    {
        using var database = await TestDatabase.CreateMigrated("public-form-limit");
        await using var site = new CirclesFactory(database, new Dictionary<string, string?> { ["Security:PublicFormPermitsPerIpPerMinute"] = "3" });
        await TestUsers.Create(site, "admin@example.org", Circles.Core.Accounts.Roles.Administrator);
        await database.Execute("INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z')");
        using var session = new WebSession(site);
        var token = await session.Token("/volunteer/apply");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await session.Client.PostAsync("/volunteer/apply", new FormUrlEncodedContent(WebSession.Fields(new { FullName = "", __RequestVerificationToken = token })));
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses.Take(3), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(statuses.Skip(3), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
    }
}
