using System.Globalization;
using Circles.Core.Messaging;
using Circles.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Web;

/// <summary>The monthly email to coordinators about assets nobody has checked, through the outbox, with a hand-set clock.</summary>
public sealed class AssetDigestTests : SiteTest
{
    private static TestClock Clock => SharedSites.MessagingClock;

    protected override Task<CirclesFactory> ChooseSite() => SharedSites.Messaging;

    private async Task Plan()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PlanScheduledMessagesCommand());
    }

    [Test]
    public async Task Each_coordinator_is_emailed_once_on_the_first_of_the_month_about_their_own_areas_stale_assets()
    {
        await TestUsers.Create(Site, "cora@example.org", "Coordinator");
        await TestUsers.Create(Site, "nora@example.org", "Coordinator");
        await TestUsers.Create(Site, "con@example.org", "Connector");
        await Db.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z'), (2, 'Northside', '2026-01-01T00:00:00Z');
            INSERT INTO user_areas (user_id, area_id) SELECT id, 1 FROM users WHERE email IN ('cora@example.org', 'con@example.org');
            INSERT INTO user_areas (user_id, area_id) SELECT id, 2 FROM users WHERE email = 'nora@example.org';
            INSERT INTO community_assets (uid, name, kind, area_id, status, last_verified_on, created_at, updated_at) VALUES
              ('00000000-0000-4000-8000-000000000001', 'Old lunch club', 'association', 1, 'active', '2025-09-30', '2025-01-01', '2025-01-01'),
              ('00000000-0000-4000-8000-000000000002', 'Old choir', 'association', 1, 'temporarily_closed', '2025-01-05', '2025-01-01', '2025-01-01'),
              ('00000000-0000-4000-8000-000000000003', 'Folded café', 'local_economy', 1, 'inactive', '2020-01-01', '2025-01-01', '2025-01-01'),
              ('00000000-0000-4000-8000-000000000004', 'Checked lately', 'association', 1, 'active', '2025-10-01', '2025-01-01', '2025-01-01'),
              ('00000000-0000-4000-8000-000000000005', 'Northside hall', 'physical_space', 2, 'active', '2026-06-01', '2025-01-01', '2025-01-01');
            """);

        // 30 September, 8am London: the first of the month is still a day away, inside the planner's horizon.
        Clock.Now = DateTimeOffset.Parse("2026-09-30T07:00:00Z", CultureInfo.InvariantCulture);
        await Plan();
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM messages WHERE template = 'asset-digest'"), Is.Zero, "1 October 9am is more than a day ahead");

        Clock.Now = DateTimeOffset.Parse("2026-09-30T09:30:00Z", CultureInfo.InvariantCulture);
        await Plan();
        await Plan();
        var digests = (await Db.Query<(string Recipient, string Subject, string Body, string DueAt)>(
            "SELECT recipient, subject, body, due_at FROM messages WHERE template = 'asset-digest'")).ToList();
        Assert.That(digests, Has.Count.EqualTo(1), "one digest, once, and only to the coordinator with stale assets");
        var (recipient, subject, body, dueAt) = digests[0];
        Assert.That(recipient, Is.EqualTo("cora@example.org"));
        Assert.That(subject, Is.EqualTo("2 community assets to check"));
        Assert.That(body, Does.Contain("Old lunch club").And.Contain("Old choir").And.Not.Contain("Folded café").And.Not.Contain("Checked lately").And.Not.Contain("Northside"));
        Assert.That(body, Does.Contain("/assets/stale"));
        Assert.That(DateTimeOffset.Parse(dueAt, CultureInfo.InvariantCulture), Is.EqualTo(DateTimeOffset.Parse("2026-10-01T08:00:00Z", CultureInfo.InvariantCulture)), "9am London, in summer time");

        // A month later the same assets are still stale: a new month, a new digest.
        Clock.Now = DateTimeOffset.Parse("2026-10-31T12:00:00Z", CultureInfo.InvariantCulture);
        await Plan();
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM messages WHERE template = 'asset-digest'"), Is.EqualTo(2));
        Assert.That(await Db.Scalar<string>("SELECT max(due_at) FROM messages WHERE template = 'asset-digest'"), Does.StartWith("2026-11-01T09:00:00"), "9am London in winter");
    }
}
