using Circles.Tests.Support;

namespace Circles.Tests.Web;

/// <summary>Names, contact details and notes never reach a log line; ids do.</summary>
public sealed class LoggingTests : SiteTest
{
    [Test]
    public async Task Journeys_with_personal_details_leave_no_trace_of_them_in_the_log_file()
    {
        const string Email = "sentinel.person.7731@example.org";
        const string Name = "Zebediah Quillfeather";
        const string Area = "Sentinelshire Ward 7731";
        await CompleteSetup();
        using var admin = await SignedIn("boss@example.org", "Administrator");
        using (await admin.Post("/admin/areas", new { Name = Area }))
        {
        }

        using (await admin.Post("/admin/users/invite", new { DisplayName = Name, Email, Roles = new[] { "Volunteer" } }))
        {
        }

        await admin.Get("/admin/users");
        using var stranger = NewSession();
        using (await stranger.Post("/account/sign-in", new { Email, Password = "a wrong password guess" }))
        {
        }

        using (await stranger.Post("/account/forgot-password", new { Email }))
        {
        }

        // Check-in answers and what a connector wrote about following one up are special category data.
        const string Note = "Sentinel closing note 7731";
        await Db.Execute(
            """
            INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (1, 'Margaret Jones', 1, '2026-01-01', '2026-01-01');
            """);
        var today = Circles.Core.Common.UkTime.Today(TimeProvider.System);
        using (await admin.Post("/people/1/check-ins/new", new[]
        {
            new KeyValuePair<string, string>("Method", "phone"), new("OnDay", today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("OnMonth", today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("OnYear", today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Answers[ons_lonely]", "often_always"), new("Answers[ons4_anxiety]", "9"),
        }))
        {
        }

        var task = await Db.Scalar<long>("SELECT id FROM follow_up_tasks");
        using (await admin.Post($"/follow-ups/{task}", new { Note }))
        {
        }

        Assert.That(await Db.Scalar<string>("SELECT closing_note FROM follow_up_tasks"), Is.EqualTo(Note), "the journey really happened");
        var logs = await ReadLogsOnce($"\"RequestPath\":\"/follow-ups/{task}\"");
        Assert.Multiple(() =>
        {
            Assert.That(logs, Does.Contain("InviteUserCommand"), "the mediator logged the command by name");
            Assert.That(logs, Does.Not.Contain("ListUsersQuery"), "reads are logged only at Debug: a page runs many queries, and its request event already says how long it took");
            Assert.That(logs, Does.Contain("\"RequestPath\":\"/admin/users/invite\"").And.Contain("\"RequestPath\":\"/account/forgot-password\""), "one event per request");
            Assert.That(logs, Does.Not.Contain("sentinel.person"));
            Assert.That(logs, Does.Not.Contain("Quillfeather"));
            Assert.That(logs, Does.Not.Contain("Sentinelshire"));
            Assert.That(logs, Does.Contain("RecordCheckInCommand"));
            Assert.That(logs, Does.Not.Contain("often_always").And.Not.Contain("Often/always"));
            Assert.That(logs, Does.Not.Contain(Note));
        });
    }

    /// <summary>Reads the log files once they hold <paramref name="marker"/> (request events are written as responses finish).</summary>
    private async Task<string> ReadLogsOnce(string marker)
    {
        var logs = "";
        for (var attempt = 0; attempt < 50 && !logs.Contains(marker, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            logs = ReadLogs();
        }

        return logs;
    }

    private string ReadLogs()
    {
        // Serilog's file sink keeps the file open; read it shared.
        return string.Concat(Directory.GetFiles(Site.LogFolder, "*.json").Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }
}

