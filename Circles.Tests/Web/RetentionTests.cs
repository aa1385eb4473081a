using System.Globalization;
using Circles.Core.Privacy;
using Circles.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Web;

/// <summary>The nightly retention job, with a hand-set clock: exactly the people due are erased, and a hold keeps them.</summary>
public sealed class RetentionTests : SiteTest
{
    private static TestClock Clock => SharedSites.MessagingClock;

    protected override Task<CirclesFactory> ChooseSite() => SharedSites.Messaging;

    [Test]
    public async Task The_job_erases_exactly_the_people_whose_involvement_ended_more_than_six_years_ago_and_skips_those_on_hold()
    {
        Clock.Now = DateTimeOffset.Parse("2026-11-24T02:30:00Z", CultureInfo.InvariantCulture);
        await TestUsers.Create(Site, "admin@example.org", "Administrator");
        await Db.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2010-01-01');
            INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES
              (1, 'Due Dora', 1, '2015-01-01T00:00:00Z', '2015-01-01'),
              (2, 'Held Harry', 1, '2015-01-01T00:00:00Z', '2015-01-01'),
              (3, 'Recent Rita', 1, '2015-01-01T00:00:00Z', '2015-01-01'),
              (4, 'Open Olive', 1, '2015-01-01T00:00:00Z', '2015-01-01'),
              (5, 'Member Mo', 1, '2015-01-01T00:00:00Z', '2015-01-01'),
              (6, 'Soon Sam', 1, '2015-01-01T00:00:00Z', '2015-01-01');
            UPDATE people SET legal_hold_reason = 'Complaint under investigation', legal_hold_at = '2026-01-01' WHERE id = 2;
            INSERT INTO introductions (person_id, introduced_by, introduced_on, level, status, created_at) VALUES
              (1, 'self', '2015-01-01', 1, 'closed', '2015-01-01'), (2, 'self', '2015-01-01', 1, 'closed', '2015-01-01'),
              (3, 'self', '2015-01-01', 1, 'closed', '2015-01-01'), (4, 'self', '2015-01-01', 1, 'in_conversation', '2015-01-01'),
              (6, 'self', '2015-01-01', 1, 'closed', '2015-01-01');
            -- Dora's last contact was seven years ago; Rita's five; Sam's six years less a fortnight.
            INSERT INTO contacts (person_id, kind, contacted_at, created_at) VALUES
              (1, 'call', '2019-10-01T10:00:00Z', '2019-10-01'), (2, 'call', '2019-10-01T10:00:00Z', '2019-10-01'),
              (3, 'call', '2021-10-01T10:00:00Z', '2021-10-01'), (6, 'call', '2020-12-08T10:00:00Z', '2020-12-08');
            -- Mo is in a circle that is still running.
            INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (7, 'Focus Fay', 1, '2015-01-01T00:00:00Z', '2015-01-01');
            INSERT INTO circles (id, focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES (1, 7, 'Walks', 1, 'active', '2015-01-01', '2015-01-01');
            INSERT INTO circle_members (circle_id, person_id, role, joined_on) VALUES (1, 7, 'focus', '2015-01-01'), (1, 5, 'friend', '2015-01-01');
            """);

        using (var admin = NewSession())
        {
            await admin.SignIn("admin@example.org");
            var due = await admin.Get("/admin/retention");
            Assert.That(due, Does.Contain("Due Dora").And.Contain("Held Harry").And.Contain("Held: will be kept").And.Contain("Soon Sam"));
            Assert.That(due, Does.Not.Contain("Recent Rita").And.Not.Contain("Open Olive").And.Not.Contain("Member Mo").And.Not.Contain("Focus Fay"));
        }

        await using (var scope = Site.Services.CreateAsyncScope())
        {
            var erased = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunRetentionCommand());
            Assert.That(erased, Is.EqualTo(1));
        }

        var names = await Db.Query<(long Id, string Name, string? ErasedAt)>("SELECT id, full_name, erased_at FROM people ORDER BY id");
        Assert.That(names.Where(n => n.ErasedAt is not null).Select(n => n.Id), Is.EqualTo(new[] { 1L }), "exactly Dora");
        Assert.That(names.Single(n => n.Id == 1).Name, Is.EqualTo("(erased)"));
        Assert.That(names.Where(n => n.Id != 1).Select(n => n.Name), Does.Contain("Held Harry").And.Contain("Soon Sam").And.Contain("Recent Rita"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'person.erased' AND entity_id = '1' AND detail LIKE 'Retention%'"), Is.EqualTo(1));

        // A fortnight later Sam's six years are up too; Dora is not erased twice.
        Clock.Now = DateTimeOffset.Parse("2026-12-10T02:30:00Z", CultureInfo.InvariantCulture);
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            Assert.That(await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunRetentionCommand()), Is.EqualTo(1));
        }

        Assert.That(await Db.Scalar<string>("SELECT full_name FROM people WHERE id = 6"), Is.EqualTo("(erased)"));
        Assert.That(await Db.Scalar<string>("SELECT full_name FROM people WHERE id = 2"), Is.EqualTo("Held Harry"));
    }
}
