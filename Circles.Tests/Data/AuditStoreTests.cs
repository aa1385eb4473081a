using Circles.Core.Auditing;
using Circles.Data.Auditing;
using Circles.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Circles.Tests.Data;

/// <summary>
/// Audit rows written at once by many requests are committed together, yet each request still waits for its own row
/// to be committed, and one bad row fails only its own request.
/// </summary>
public sealed class AuditStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 30, 0, TimeSpan.Zero);
    private TestDatabase _db = null!;

    [OneTimeSetUp]
    public async Task Migrate() => _db = await TestDatabase.CreateMigrated("audit-store");

    [OneTimeTearDown]
    public void Remove() => _db.Dispose();

    [SetUp]
    public async Task Empty()
    {
        await _db.Reset();
        await _db.Execute(
            """
            INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, display_name, security_stamp, concurrency_stamp, created_at)
            VALUES (7, 'a@example.org', 'A@EXAMPLE.ORG', 'a@example.org', 'A@EXAMPLE.ORG', 'A', 's', 'c', '2026-01-01')
            """);
    }

    [Test]
    public async Task Every_row_appended_at_once_is_committed_before_its_append_returns()
    {
        var store = new AuditStore(_db.Factory);
        var appends = Enumerable.Range(1, 200)
            .Select(i => Task.Run(() => store.Append(new AuditEntry(AuditActions.PersonViewed, "person", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), 7, "127.0.0.1", At.AddSeconds(i), CancellationToken.None)))
            .ToArray();
        await Task.WhenAll(appends);

        Assert.Multiple(async () =>
        {
            Assert.That(await _db.Scalar<long>("SELECT count(*) FROM audit_events"), Is.EqualTo(200));
            Assert.That(await _db.Scalar<long>("SELECT count(DISTINCT entity_id) FROM audit_events WHERE user_id = 7 AND action = 'person.viewed' AND ip_address = '127.0.0.1'"), Is.EqualTo(200));
            Assert.That(await _db.Scalar<string>("SELECT occurred_at FROM audit_events WHERE entity_id = '42'"), Is.EqualTo("2026-11-24T09:30:42.0000000Z"));
        });
    }

    [Test]
    public async Task A_row_that_cannot_be_written_fails_only_its_own_append()
    {
        var store = new AuditStore(_db.Factory);
        var good = Enumerable.Range(1, 50)
            .Select(i => Task.Run(() => store.Append(new AuditEntry(AuditActions.PersonViewed, "person", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), 7, null, At, CancellationToken.None)))
            .ToList();
        // No user 404: the foreign key refuses the row.
        var bad = Task.Run(() => store.Append(new AuditEntry(AuditActions.PersonViewed, "person", "bad"), 404, null, At, CancellationToken.None));
        good.AddRange(Enumerable.Range(51, 50)
            .Select(i => Task.Run(() => store.Append(new AuditEntry(AuditActions.PersonViewed, "person", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), 7, null, At, CancellationToken.None))));

        Assert.That(async () => await bad, Throws.InstanceOf<SqliteException>().With.Message.Contains("FOREIGN KEY"));
        await Task.WhenAll(good);
        Assert.Multiple(async () =>
        {
            Assert.That(await _db.Scalar<long>("SELECT count(*) FROM audit_events"), Is.EqualTo(100));
            Assert.That(await _db.Scalar<long>("SELECT count(*) FROM audit_events WHERE entity_id = 'bad'"), Is.EqualTo(0));
        });
    }
}
