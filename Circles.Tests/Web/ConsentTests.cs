using System.Globalization;
using System.Net;
using Circles.Tests.Support;

namespace Circles.Tests.Web;

/// <summary>Consent to hold a person's details, and to send them emails and texts: recorded, shown and withdrawn.</summary>
public sealed class ConsentTests : SiteTest
{
    private async Task<WebSession> ConnectorWithPeople()
    {
        await TestUsers.Create(Site, "con@example.org", "Connector");
        await Db.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2020-01-01'), (2, 'Northfield', '2020-01-01');
            INSERT INTO user_areas (user_id, area_id) SELECT id, 1 FROM users WHERE email = 'con@example.org';
            INSERT INTO people (id, full_name, email, phone, area_id, preferred_channel, consent_given_on, consent_method, created_at, updated_at) VALUES
              (1, 'Arthur Ash', 'arthur@example.org', '07700900001', 1, 'email', '2025-01-10', 'In person', '2025-01-10T10:00:00Z', '2025-01-10'),
              (2, 'Beryl Birch', 'beryl@example.org', NULL, 1, 'email', '2025-01-10', 'By phone', '2025-01-10T10:00:00Z', '2025-01-10'),
              (3, 'Nora North', NULL, NULL, 2, 'none', '2025-01-10', 'By phone', '2025-01-10T10:00:00Z', '2025-01-10'),
              (4, 'Member Mo', NULL, NULL, 1, 'none', NULL, NULL, '2025-01-10T10:00:00Z', '2025-01-10');
            INSERT INTO check_in_cadences (person_id, ideal_days, maximum_days, started_on, updated_at) VALUES (1, 14, 28, '2025-01-10', '2025-01-10');
            INSERT INTO messages (dedupe_key, template, person_id, channel, recipient, subject, body, due_at, next_attempt_at, status, created_at, updated_at) VALUES
              ('a-email', 'meeting-reminder', 1, 'Email', 'arthur@example.org', 'Circle meeting', 'See you Tuesday', '2099-01-01T09:00:00Z', '2099-01-01T09:00:00Z', 'pending', '2025-01-10', '2025-01-10'),
              ('a-text', 'check-in-question', 1, 'Text', '07700900001', 'Check-in', 'How often do you feel lonely?', '2099-01-01T09:00:00Z', '2099-01-01T09:00:00Z', 'pending', '2025-01-10', '2025-01-10'),
              ('a-sent', 'meeting-reminder', 1, 'Email', 'arthur@example.org', 'Circle meeting', 'Last time', '2025-01-01T09:00:00Z', '2025-01-01T09:00:00Z', 'sent', '2025-01-01', '2025-01-01'),
              ('b-email', 'meeting-reminder', 2, 'Email', 'beryl@example.org', 'Circle meeting', 'See you Tuesday', '2099-01-01T09:00:00Z', '2099-01-01T09:00:00Z', 'pending', '2025-01-10', '2025-01-10');
            """);
        var session = NewSession();
        await session.SignIn("con@example.org");
        return session;
    }

    [Test]
    public async Task Withdrawing_consent_stops_waiting_messages_at_once_and_recording_it_again_lets_staff_restart_them()
    {
        using var connector = await ConnectorWithPeople();
        var page = await connector.Get("/people/1");
        Assert.That(page, Does.Contain("Given in person on 10 January 2025").And.Contain("/people/1/consent/withdraw"));

        using (var withdrawn = await connector.Post("/people/1/consent/withdraw", new { How = "By phone", Confirmed = "true" }, "/people/1/consent/withdraw"))
        {
            Assert.That(withdrawn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        var statuses = await Db.Query<(string Key, string Status)>("SELECT dedupe_key, status FROM messages ORDER BY dedupe_key");
        Assert.That(statuses, Is.EqualTo(new[] { ("a-email", "suppressed"), ("a-sent", "sent"), ("a-text", "suppressed"), ("b-email", "pending") }),
            "Arthur's waiting email and text stop; what was sent stays as it was; Beryl's is untouched");
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM message_opt_outs WHERE person_id = 1 AND how = 'Consent withdrawn'"), Is.EqualTo(2), "no new messages are planned on either channel");
        Assert.That(await Db.Scalar<string>("SELECT paused_reason FROM check_in_cadences WHERE person_id = 1"), Is.EqualTo("Consent to hold their details withdrawn"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM message_events WHERE detail = 'Consent to hold their details withdrawn'"), Is.EqualTo(2));
        Assert.That(await Db.Scalar<string>("SELECT detail FROM audit_events WHERE action = 'person.consent-withdrawn' AND entity_id = '1'"), Is.EqualTo("By phone; 2 waiting messages stopped"));

        page = await connector.Get("/people/1");
        Assert.That(page, Does.Contain("They withdrew consent to us holding their details on").And.Contain("Withdrawn on").And.Contain("by phone, recorded by Test con"));
        Assert.That(page, Does.Contain("Record consent first").And.Contain("/people/1/consent\""));

        // Texts cannot be started again while consent is withdrawn.
        using (var restart = await connector.Post("/people/1/messages/Text", new { stop = "false" }, "/people/1"))
        {
            Assert.That(restart.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Assert.That(await connector.Get("/people/1"), Does.Contain("record their consent again before starting messages"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM message_opt_outs WHERE person_id = 1"), Is.EqualTo(2));

        // Nor can check-ins start again.
        using (var unpause = await connector.Post("/people/1/check-ins/cadence", new { IdealDays = "14", MaximumDays = "28", Paused = "false" }, "/people/1/check-ins/cadence"))
        {
            Assert.That(await unpause.Content.ReadAsStringAsync(), Does.Contain("record their consent again before checking in with them"));
        }

        Assert.That(await Db.Scalar<string>("SELECT paused_reason FROM check_in_cadences WHERE person_id = 1"), Is.EqualTo("Consent to hold their details withdrawn"));

        // Consent given again cannot be dated before it was withdrawn.
        using (var early = await connector.Post("/people/1/consent", new { Method = "In writing", GivenOnDay = "3", GivenOnMonth = "2", GivenOnYear = "2026" }, "/people/1/consent"))
        {
            Assert.That(await early.Content.ReadAsStringAsync(), Does.Contain("enter when they gave it again, on or after that day"));
        }

        // They change their mind: consent is recorded again, and then staff may start texts again.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        using (var recorded = await connector.Post("/people/1/consent",
            new { Method = "In writing", GivenOnDay = today.Day.ToString(CultureInfo.InvariantCulture), GivenOnMonth = today.Month.ToString(CultureInfo.InvariantCulture), GivenOnYear = today.Year.ToString(CultureInfo.InvariantCulture) },
            "/people/1/consent"))
        {
            Assert.That(recorded.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        page = await connector.Get("/people/1");
        Assert.That(page, Does.Contain($"Given in writing on {today.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}, recorded by Test con").And.Not.Contain("They withdrew consent"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM message_opt_outs WHERE person_id = 1"), Is.EqualTo(2), "messages stay stopped until someone starts them");
        using (await connector.Post("/people/1/messages/Text", new { stop = "false" }, "/people/1")) { }
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM message_opt_outs WHERE person_id = 1"), Is.EqualTo(1));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'person.consent-recorded' AND entity_id = '1'"), Is.EqualTo(1));

        // Someone added to a circle without consent can have it recorded.
        Assert.That(await connector.Get("/people/4"), Does.Contain("Not recorded").And.Contain("/people/4/consent\""));
    }

    [Test]
    public async Task Bad_consent_forms_are_explained_and_other_areas_people_are_out_of_reach()
    {
        using var connector = await ConnectorWithPeople();
        foreach (var (fields, message) in new (object, string)[]
        {
            (new { How = "", Confirmed = "" }, "Choose how the person told us"),
            (new { How = "By phone" }, "Confirm that the person has withdrawn their consent"),
            (new { How = "<script>alert(1)</script>", Confirmed = "true" }, "Choose how the person told us"),
            (new { How = "By phone'; DROP TABLE people; --", Confirmed = "yes please" }, "Choose how the person told us"),
        })
        {
            using var response = await connector.Post("/people/1/consent/withdraw", fields, "/people/1/consent/withdraw");
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), message);
            Assert.That(body, Does.Contain("govuk-error-summary").And.Contain(message).And.Not.Contain("<script>alert"));
        }

        foreach (var (fields, message) in new (object, string)[]
        {
            (new { Method = "", GivenOnDay = "1", GivenOnMonth = "1", GivenOnYear = "2026" }, "Choose how the person gave their consent"),
            (new { Method = "In person", GivenOnDay = "1", GivenOnMonth = "1", GivenOnYear = "2999" }, "The date they gave consent must be today or in the past"),
            (new { Method = "In person", GivenOnDay = "31", GivenOnMonth = "2", GivenOnYear = "2026" }, "The date they gave consent must be a real date"),
            (new { Method = "In person", GivenOnDay = "", GivenOnMonth = "", GivenOnYear = "" }, "Enter the date they gave consent"),
            (new { Method = new string('x', 100_000), GivenOnDay = "1", GivenOnMonth = "1", GivenOnYear = "2026" }, "Choose how the person gave their consent"),
        })
        {
            using var response = await connector.Post("/people/4/consent", fields, "/people/4/consent");
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), message);
            Assert.That(body, Does.Contain("govuk-error-summary").And.Contain(message));
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM people WHERE consent_withdrawn_on IS NOT NULL OR id = 4 AND consent_given_on IS NOT NULL"), Is.EqualTo(0), "nothing saved");
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM messages WHERE status = 'pending'"), Is.EqualTo(3));

        // Nora lives in another area: her consent pages and forms are not there for this connector.
        await connector.Get("/people/3/consent", HttpStatusCode.NotFound);
        await connector.Get("/people/3/consent/withdraw", HttpStatusCode.NotFound);
        using (var other = await connector.Post("/people/3/consent/withdraw", new { How = "By phone", Confirmed = "true" }, "/people/1/consent/withdraw"))
        {
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        using (var other = await connector.Post("/people/3/consent", new { Method = "In person", GivenOnDay = "1", GivenOnMonth = "1", GivenOnYear = "2026" }, "/people/1/consent"))
        {
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        Assert.That(await Db.Scalar<string>("SELECT consent_method FROM people WHERE id = 3"), Is.EqualTo("By phone"));
    }
}
