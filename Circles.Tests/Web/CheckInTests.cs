using System.Globalization;
using Circles.Tests.Support;

namespace Circles.Tests.Web;

/// <summary>Check-in cadence over HTTP, with a hand-set clock.</summary>
public sealed class CheckInTests : SiteTest
{
    private static TestClock Clock => SharedSites.MessagingClock;

    private static readonly DateTimeOffset DayZero = DateTimeOffset.Parse("2026-06-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    protected override Task<CirclesFactory> ChooseSite() => SharedSites.Messaging;

    [SetUp]
    public void StartOnDayZero() => Clock.Now = DayZero;

    private async Task<WebSession> ConnectorWithPerson()
    {
        await TestUsers.Create(Site, "connie@example.org", "Connector");
        await Db.Execute(
            """
            INSERT INTO areas (name, created_at) VALUES ('Eastfield', '2026-01-01T00:00:00Z');
            INSERT INTO user_areas (user_id, area_id) SELECT id, 1 FROM users WHERE email = 'connie@example.org';
            INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (1, 'Margaret Jones', 1, '2026-01-01', '2026-01-01');
            """);
        var session = NewSession();
        await session.SignIn("connie@example.org");
        return session;
    }

    private async Task<string> PersonPageOnDay(int day)
    {
        Clock.Now = DayZero.AddDays(day);
        using var session = NewSession();
        await session.SignIn("connie@example.org");
        return await session.Get("/people/1");
    }

    private static object Cadence(string ideal, string maximum, bool paused = false, string reason = "") =>
        new { IdealDays = ideal, MaximumDays = maximum, CheckerUserId = "", Paused = paused ? "true" : "false", PausedReason = reason };

    [Test]
    public async Task A_person_phoned_on_day_10_of_a_14_28_cadence_is_on_time_on_day_14_and_due_on_day_24()
    {
        using (var session = await ConnectorWithPerson())
        {
            using var saved = await session.Post("/people/1/check-ins/cadence", Cadence("14", "28"), "/people/1/check-ins/cadence");
            Assert.That((int)saved.StatusCode, Is.EqualTo(302), await saved.Content.ReadAsStringAsync());
        }

        Clock.Now = DayZero.AddDays(10);
        using (var session = NewSession())
        {
            await session.SignIn("connie@example.org");
            var day10 = DayZero.AddDays(10);
            using var logged = await session.Post("/people/1/contacts/new",
                new { Kind = "call", OnDay = day10.Day.ToString(CultureInfo.InvariantCulture), OnMonth = day10.Month.ToString(CultureInfo.InvariantCulture), OnYear = "2026", Time = "", Notes = "" },
                "/people/1/contacts/new");
            Assert.That((int)logged.StatusCode, Is.EqualTo(302));
        }

        Assert.That(await PersonPageOnDay(14), Does.Contain(">On time<").And.Contain("due 25 June 2026"));
        Assert.That(await PersonPageOnDay(24), Does.Contain(">Due<"));
        Assert.That(await PersonPageOnDay(38), Does.Contain(">Overdue<"));

        // A circle meeting they came to resets the clock as well.
        await Db.Execute(
            """
            INSERT INTO circles (id, focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES (1, 1, 'Gardening', 1, 'active', '2026-01-01', '2026-01-01');
            INSERT INTO circle_members (id, circle_id, person_id, role, joined_on) VALUES (1, 1, 1, 'focus', '2026-01-01');
            INSERT INTO meetings (id, circle_id, starts_at, ends_at, place, status, created_at) VALUES (1, 1, '2026-07-08T13:00:00.0000000Z', '2026-07-08T14:00:00.0000000Z', 'Hall', 'held', '2026-07-01');
            INSERT INTO meeting_attendance (meeting_id, member_id) VALUES (1, 1);
            """);
        var afterMeeting = await PersonPageOnDay(38);
        Assert.That(afterMeeting, Does.Contain(">On time<").And.Contain("8 July 2026"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'person.changed' AND detail LIKE 'Check-ins every 14 days%'"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_cadence_that_makes_no_sense_or_a_pause_without_a_reason_is_refused_clearly()
    {
        using var session = await ConnectorWithPerson();
        foreach (var (form, message) in new (object, string)[]
        {
            (Cadence("0", "28"), "Enter how often, ideally"),
            (Cadence("28", "14"), "The longest gap must be at least as long"),
            (Cadence("fortnightly", "28"), "Enter how often, ideally"),
            (Cadence("14", "28", paused: true), "Enter why check-ins are paused"),
        })
        {
            using var response = await session.Post("/people/1/check-ins/cadence", form, "/people/1/check-ins/cadence");
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(message));
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM check_in_cadences"), Is.Zero);
        using var paused = await session.Post("/people/1/check-ins/cadence", Cadence("14", "28", paused: true, reason: "In hospital until March"), "/people/1/check-ins/cadence");
        Assert.That(await PersonPageOnDay(90), Does.Contain(">Paused<").And.Contain("In hospital until March"));
    }

    [Test]
    public async Task Nobody_outside_the_persons_area_sees_or_sets_their_cadence()
    {
        using (await ConnectorWithPerson())
        {
        }

        using var stranger = await SignedIn("stranger@example.org", "Connector");
        await stranger.Get("/people/1/check-ins/cadence", System.Net.HttpStatusCode.NotFound);
        using var response = await stranger.Post("/people/1/check-ins/cadence", Cadence("14", "28"), "/people");
        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM check_in_cadences"), Is.Zero);
    }

    [Test]
    public async Task The_drifting_list_puts_whoever_has_gone_longest_without_contact_first()
    {
        using (await ConnectorWithPerson())
        {
        }

        var connie = await Db.Scalar<long>("SELECT id FROM users WHERE email = 'connie@example.org'");
        await Db.Execute(
            """
            INSERT INTO areas (name, created_at) VALUES ('Northside', '2026-01-01T00:00:00Z');
            INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES
                (2, 'Ben Okafor', 1, '2026-01-01', '2026-01-01'), (3, 'Chloe Brown', 1, '2026-01-01', '2026-01-01'),
                (4, 'Dev Patel', 1, '2026-01-01', '2026-01-01'), (5, 'Elsewhere Person', 2, '2026-01-01', '2026-01-01');
            INSERT INTO check_in_cadences (person_id, ideal_days, maximum_days, started_on, checker_user_id, paused_reason, updated_at) VALUES
                (1, 14, 28, '2026-06-01', @Connie, NULL, '2026-06-01'),
                (2, 14, 28, '2026-06-01', NULL, NULL, '2026-06-01'),
                (3, 14, 28, '2026-06-01', @Connie, NULL, '2026-06-01'),
                (4, 14, 28, '2026-06-01', @Connie, 'In hospital', '2026-06-01'),
                (5, 14, 28, '2026-06-01', NULL, NULL, '2026-06-01');
            INSERT INTO contacts (person_id, kind, contacted_at, created_at) VALUES
                (1, 'call', '2026-06-25T10:00:00.0000000Z', '2026-06-25'), (3, 'visit', '2026-06-06T10:00:00.0000000Z', '2026-06-06');
            """,
            new { Connie = connie });
        Clock.Now = DayZero.AddDays(30);
        using var session = NewSession();
        await session.SignIn("connie@example.org");

        var page = await session.Get("/people/drifting");
        var order = new[] { "Ben Okafor", "Chloe Brown", "Margaret Jones" }.Select(name => page.IndexOf(name, StringComparison.Ordinal)).ToList();
        Assert.That(order, Is.Ordered.And.All.GreaterThan(0), "Ben (30 days), Chloe (25), Margaret (6)");
        Assert.That(page, Does.Not.Contain("Dev Patel").And.Not.Contain("Elsewhere Person"), "paused, and out of reach");
        Assert.That(await session.Get($"/people/drifting?checker={connie}"), Does.Not.Contain("Ben Okafor").And.Contain("Chloe Brown"));

        var home = await session.Get("/");
        Assert.That(home, Does.Contain("Drifting out of touch").And.Contain("Chloe Brown").And.Contain("25 days without contact"));
        Assert.That(home, Does.Not.Contain("Ben Okafor"), "a connector's home page shows the people they check in with");
    }
}
