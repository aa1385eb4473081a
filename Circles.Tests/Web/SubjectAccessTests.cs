using System.IO.Compression;
using System.Net;
using Circles.Tests.Support;

namespace Circles.Tests.Web;

/// <summary>Subject access: everything held about a person, and nobody else's, in one audited download.</summary>
public sealed class SubjectAccessTests : SiteTest
{
    private static readonly string[] Kinds =
        ["NAME", "NOTES", "COMMS", "PROFILE", "REL", "CONTACT", "GIFT", "GOAL", "REPLY", "MESSAGE", "PURPOSE", "MEETING", "ACTION", "CONNECTION", "AUDIT", "INTRO", "INTEREST"];

    /// <summary>Plants SENTINEL-{who}-{kind} in every kind of record about person {id}, each in their own circle.</summary>
    private Task Plant(long id, string who) => Db.Execute(
        """
        INSERT INTO people (id, full_name, notes, communication_needs, area_id, created_at, updated_at)
          VALUES (@Id, 'SENTINEL-' || @Who || '-NAME', 'SENTINEL-' || @Who || '-NOTES', 'SENTINEL-' || @Who || '-COMMS', 1, '2026-01-01', '2026-01-01');
        INSERT INTO person_profiles (person_id, do_more_of, updated_at) VALUES (@Id, 'SENTINEL-' || @Who || '-PROFILE', '2026-01-01');
        INSERT INTO relationships (person_id, name, relationship, ring, would_like_closer, created_at) VALUES (@Id, 'SENTINEL-' || @Who || '-REL', 'friend', 2, 0, '2026-01-01');
        INSERT INTO contacts (person_id, kind, contacted_at, notes, created_at) VALUES (@Id, 'call', '2026-01-02T10:00:00Z', 'SENTINEL-' || @Who || '-CONTACT', '2026-01-02');
        INSERT INTO contributions (person_id, what, given_on, created_at) VALUES (@Id, 'SENTINEL-' || @Who || '-GIFT', '2026-01-03', '2026-01-03');
        INSERT INTO goals (person_id, goal, status, created_at) VALUES (@Id, 'SENTINEL-' || @Who || '-GOAL', 'working_on', '2026-01-03');
        INSERT INTO follow_up_tasks (person_id, reason, reply_text, dedupe_key, due_on, created_at) VALUES (@Id, 'unreadable_reply', 'SENTINEL-' || @Who || '-REPLY', 'k' || @Id, '2026-01-05', '2026-01-04');
        INSERT INTO messages (dedupe_key, template, person_id, channel, recipient, subject, body, due_at, next_attempt_at, status, created_at, updated_at)
          VALUES ('m' || @Id, 'meeting-reminder', @Id, 'Email', 'p@example.org', 'Reminder', 'SENTINEL-' || @Who || '-MESSAGE', '2026-01-05', '2026-01-05', 'sent', '2026-01-05', '2026-01-05');
        INSERT INTO circles (id, focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES (@Id, @Id, 'SENTINEL-' || @Who || '-PURPOSE', 1, 'active', '2026-01-01', '2026-01-01');
        INSERT INTO messages (dedupe_key, template, circle_id, channel, recipient, subject, body, due_at, next_attempt_at, status, created_at, updated_at)
          VALUES ('c' || @Id, 'meeting-reminder', @Id, 'Email', 'member@example.org', 'Circle for SENTINEL-' || @Who || '-NAME', 'Meeting about SENTINEL-' || @Who || '-MESSAGE', '2099-01-05', '2099-01-05', 'pending', '2026-01-05', '2026-01-05');
        INSERT INTO circle_members (id, circle_id, person_id, role, joined_on) VALUES (@Id, @Id, @Id, 'focus', '2026-01-01');
        INSERT INTO meetings (circle_id, starts_at, ends_at, status, notes, created_at) VALUES (@Id, '2026-01-10T10:00:00Z', '2026-01-10T11:00:00Z', 'held', 'SENTINEL-' || @Who || '-MEETING', '2026-01-01');
        INSERT INTO actions (circle_id, description, owner_member_id, status, created_at) VALUES (@Id, 'SENTINEL-' || @Who || '-ACTION', @Id, 'open', '2026-01-10');
        INSERT INTO community_assets (id, uid, name, kind, area_id, last_verified_on, created_at, updated_at)
          VALUES (@Id, 'uid-' || @Id, 'Group ' || @Who, 'association', 1, '2026-01-01', '2026-01-01', '2026-01-01');
        INSERT INTO asset_connections (id, asset_id, person_id, status, status_on, created_at, updated_at) VALUES (@Id, @Id, @Id, 'suggested', '2026-01-02', '2026-01-02', '2026-01-02');
        INSERT INTO asset_connection_events (connection_id, status, happened_on, note, recorded_at) VALUES (@Id, 'suggested', '2026-01-02', 'SENTINEL-' || @Who || '-CONNECTION', '2026-01-02');
        INSERT INTO audit_events (occurred_at, action, entity_type, entity_id, detail) VALUES ('2026-01-02', 'person.viewed', 'person', CAST(@Id AS TEXT), 'SENTINEL-' || @Who || '-AUDIT');
        INSERT INTO introductions (person_id, introduced_by, introduced_by_detail, introduced_on, level, status, created_at) VALUES (@Id, 'gp_practice', 'SENTINEL-' || @Who || '-INTRO', '2026-01-01', 1, 'new', '2026-01-01');
        INSERT INTO interests (name, created_at) VALUES ('sentinel-' || lower(@Who) || '-interest', '2026-01-01');
        INSERT INTO person_interests (person_id, interest_id) SELECT @Id, id FROM interests WHERE name = 'sentinel-' || lower(@Who) || '-interest';
        """,
        new { Id = id, Who = who });

    private static async Task<string> Everything(HttpResponseMessage response)
    {
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        var text = new System.Text.StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(entry.FullName).Append('\n').Append(await reader.ReadToEndAsync()).Append('\n');
        }

        return text.ToString();
    }

    [Test]
    public async Task The_export_of_a_person_holds_every_sentinel_planted_in_their_records_and_no_one_elses()
    {
        await CompleteSetup();
        await Db.Execute("INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z')");
        await Plant(1, "A");
        await Plant(2, "B");
        await TestUsers.Create(Site, "cora@example.org", "Coordinator");
        await Db.Execute("INSERT INTO user_areas (user_id, area_id) SELECT id, 1 FROM users WHERE email = 'cora@example.org'");
        using var session = NewSession();
        await session.SignIn("cora@example.org");

        Assert.That(await session.Get("/people/1/data"), Does.Contain("Download everything held"));
        using var response = await session.Post("/people/1/data/export", [], "/people/1/data");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/zip"));
        var all = await Everything(response);

        Assert.Multiple(() =>
        {
            foreach (var kind in Kinds)
            {
                Assert.That(all, Does.Contain($"SENTINEL-A-{kind}").IgnoreCase, kind);
            }

            Assert.That(all, Does.Not.Contain("SENTINEL-B").IgnoreCase, "nobody else's records");
            Assert.That(all, Does.Contain("summary.html").And.Contain("person.json").And.Contain("contacts.json"));
        });
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'person.data-exported' AND entity_id = '1'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Only_administrators_and_coordinators_in_reach_may_export()
    {
        await CompleteSetup();
        await Db.Execute("INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z'), (2, 'Northside', '2026-01-01T00:00:00Z')");
        await Plant(1, "A");
        await TestUsers.Create(Site, "con@example.org", "Connector");
        await TestUsers.Create(Site, "north@example.org", "Coordinator");
        await Db.Execute(
            """
            INSERT INTO user_areas (user_id, area_id) SELECT id, 1 FROM users WHERE email = 'con@example.org';
            INSERT INTO user_areas (user_id, area_id) SELECT id, 2 FROM users WHERE email = 'north@example.org';
            """);
        using var connector = NewSession();
        await connector.SignIn("con@example.org");
        await connector.Get("/people/1/data", HttpStatusCode.NotFound);
        using var refused = await connector.Post("/people/1/data/export", [], "/people/1");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        using var elsewhere = NewSession();
        await elsewhere.SignIn("north@example.org");
        using var outOfReach = await elsewhere.Post("/people/1/data/export", [], "/");
        Assert.That(outOfReach.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'person.data-exported'"), Is.Zero);
    }

    /// <summary>Every byte of the database's files (the database and its write-ahead log), as text.</summary>
    private string FileBytes() =>
        string.Concat(new[] { "circles.db", "circles.db-wal" }.Select(name => Path.Combine(Db.Folder, name)).Where(File.Exists).Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return System.Text.Encoding.Latin1.GetString(copy.ToArray());
        }));

    [Test]
    public async Task After_erasure_the_database_files_hold_none_of_their_details_and_a_person_on_legal_hold_cannot_be_erased()
    {
        await CompleteSetup();
        await Db.Execute("INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z')");
        await Plant(1, "A");
        await Plant(2, "B");
        await Db.Execute("INSERT OR REPLACE INTO check_in_cadences (person_id, ideal_days, maximum_days, started_on, updated_at) VALUES (1, 14, 28, '2020-01-01', '2020-01-01')");
        await TestUsers.Create(Site, "cora@example.org", "Coordinator");
        await Db.Execute("INSERT INTO user_areas (user_id, area_id) SELECT id, 1 FROM users WHERE email = 'cora@example.org'");
        using var session = NewSession();
        await session.SignIn("cora@example.org");
        Assert.That(await session.Get("/people/1"), Does.Contain("SENTINEL-A-NAME"));
        Assert.That(FileBytes(), Does.Contain("SENTINEL-A-NOTES"), "the scan can find what is there");

        using var unconfirmed = await session.Post("/people/1/erase", [], "/people/1/data");
        Assert.That(await Db.Scalar<string>("SELECT full_name FROM people WHERE id = 1"), Is.EqualTo("SENTINEL-A-NAME"), "nothing goes without confirmation");

        using var held = await session.Post("/people/2/legal-hold", new { hold = "true", reason = "Safeguarding enquiry 42" }, "/people/2/data");
        Assert.That(held.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var refused = await session.Post("/people/2/erase", new { confirmed = "true" }, "/people/2/data");
        Assert.That(System.Net.WebUtility.HtmlDecode(await session.Get("/people/2/data")), Does.Contain("on legal hold, set by Test cora").And.Contain("Safeguarding enquiry 42"));
        Assert.That(await Db.Scalar<string>("SELECT full_name FROM people WHERE id = 2"), Is.EqualTo("SENTINEL-B-NAME"), "a person on legal hold cannot be erased");

        using var erased = await session.Post("/people/1/erase", new { confirmed = "true" }, "/people/1/data");
        Assert.That(erased.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), WebSession.Excerpt(await erased.Content.ReadAsStringAsync()));

        var bytes = FileBytes();
        Assert.Multiple(() =>
        {
            foreach (var kind in Kinds)
            {
                Assert.That(bytes.Contains($"SENTINEL-A-{kind}", StringComparison.OrdinalIgnoreCase), Is.False, $"{kind} is gone from the database files");
            }

            Assert.That(bytes, Does.Contain("SENTINEL-B-NOTES"), "someone else's records are untouched");
        });
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM contacts WHERE person_id = 1"), Is.EqualTo(1), "anonymous counts remain");
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM messages WHERE status = 'pending' AND (person_id = 1 OR circle_id = 1)"), Is.Zero, "nothing waiting is sent");
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'person.erased' AND entity_id = '1'"), Is.EqualTo(1));
        Assert.That(await session.Get("/people?search=SENTINEL"), Does.Not.Contain("SENTINEL-A"), "nor in the search index");
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM check_in_cadences WHERE person_id = 1 AND paused_reason IS NULL"), Is.Zero,
            "nobody is asked to check in with an erased person");
        Assert.That(await session.Get("/people/drifting"), Does.Not.Contain("/people/1\""));
    }

    [TestCase("")]
    [TestCase("   ")]
    public async Task A_legal_hold_needs_a_reason_of_sensible_length_and_hostile_text_is_kept_safe(string blank)
    {
        await CompleteSetup();
        await Db.Execute("INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z')");
        await Plant(1, "A");
        await TestUsers.Create(Site, "cora@example.org", "Coordinator");
        await Db.Execute("INSERT INTO user_areas (user_id, area_id) SELECT id, 1 FROM users WHERE email = 'cora@example.org'");
        using var session = NewSession();
        await session.SignIn("cora@example.org");
        foreach (var reason in new[] { blank, new string('x', 100_000) })
        {
            using var refused = await session.Post("/people/1/legal-hold", new { hold = "true", reason }, "/people/1/data");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM people WHERE legal_hold_reason IS NOT NULL"), Is.Zero);
        }

        using var odd = await session.Post("/people/1/legal-hold", new { hold = "maybe", reason = "<script>alert(1)</script>" }, "/people/1/data");
        var page = await session.Get("/people/1/data");
        Assert.That(page, Does.Not.Contain("<script>alert(1)</script>"));
        using var erase = await session.Post("/people/1/erase", new { confirmed = "abc" }, "/people/1/data");
        Assert.That(await Db.Scalar<string>("SELECT full_name FROM people WHERE id = 1"), Is.EqualTo("SENTINEL-A-NAME"), "nothing is erased without a real confirmation");
    }
}
