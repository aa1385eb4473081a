using System.Globalization;
using System.Text.RegularExpressions;
using Circles.Core.Messaging;
using Circles.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Web;

/// <summary>
/// The outbox and dispatcher, against the real site with a hand-set clock. Times in these tests are written as
/// UTC; the comments say what they are on a London clock.
/// </summary>
public sealed partial class MessagingTests : SiteTest
{
    private RecordingSender _sender = null!;

    private static TestClock Clock => SharedSites.MessagingClock;

    protected override Task<CirclesFactory> ChooseSite() => SharedSites.Messaging;

    [SetUp]
    public void UseRecordingSender()
    {
        Clock.Now = At("2026-03-20T12:00:00Z");
        _sender = new RecordingSender(Clock);
        SharedSites.MessagingSenders.Current = _sender;
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    public sealed record Row
    {
        public long Id { get; init; }

        public string DedupeKey { get; init; } = "";

        public string Template { get; init; } = "";

        public string Channel { get; init; } = "";

        public string? Recipient { get; init; }

        public long? PersonId { get; init; }

        public long? UserId { get; init; }

        public DateTimeOffset DueAt { get; init; }

        public string Status { get; init; } = "";

        public string? StatusReason { get; init; }

        public int Attempts { get; init; }

        public string? ProviderReference { get; init; }

        public string Body { get; init; } = "";
    }

    private Task<IReadOnlyList<Row>> Messages(string template = MessageTemplates.MeetingReminder) =>
        Db.Query<Row>("SELECT * FROM messages WHERE template = @Template ORDER BY due_at, person_id, user_id", new { Template = template });

    /// <summary>Margaret's circle: Margaret prefers phone calls, Anna email, Ben texts.</summary>
    private async Task<WebSession> CircleWithMembers()
    {
        var session = await SignedIn("connie@example.org", "Administrator", "Connector");
        const string at = "2026-03-01T10:00:00.0000000Z";
        await Db.Execute(
            $"""
            INSERT INTO areas (name, created_at) VALUES ('Eastfield', '{at}');
            INSERT INTO people (id, full_name, phone, preferred_channel, area_id, created_at, updated_at) VALUES (1, 'Margaret Jones', '0161 496 0000', 'phone', 1, '{at}', '{at}');
            INSERT INTO people (id, full_name, email, preferred_channel, area_id, member_only, created_at, updated_at) VALUES (2, 'Anna Smith', 'anna@example.org', 'email', 1, 1, '{at}', '{at}');
            INSERT INTO people (id, full_name, phone, preferred_channel, area_id, member_only, created_at, updated_at) VALUES (3, 'Ben Okafor', '07700 900123', 'text', 1, 1, '{at}', '{at}');
            INSERT INTO circles (id, focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES (1, 1, 'Gardening', 1, 'active', '{at}', '{at}');
            INSERT INTO circle_members (circle_id, person_id, role, joined_on) VALUES (1, 1, 'focus', '2026-03-01'), (1, 2, 'friend', '2026-03-01'), (1, 3, 'neighbour', '2026-03-01');
            """);
        return session;
    }

    /// <summary>A second area, Westfield, where Walter lives.</summary>
    private Task WalterInWestfield() => Db.Execute(
        """
        INSERT INTO areas (name, created_at) VALUES ('Westfield', '2026-03-01');
        INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (9, 'Walter Elsewhere', 2, '2026-03-01', '2026-03-01');
        """);

    /// <summary>A connector who works in one area, signed in (the area is set before sign-in, which reads it).</summary>
    private async Task<WebSession> ConnectorIn(string email, long areaId)
    {
        await TestUsers.Create(Site, email, "Connector");
        await Db.Execute("INSERT INTO user_areas (user_id, area_id) SELECT id, @AreaId FROM users WHERE email = @Email", new { AreaId = areaId, Email = email });
        var session = NewSession();
        await session.SignIn(email);
        return session;
    }

    private static object Meeting(string day, string month, string start, string end = "11:30", string place = "The Library") =>
        new { DateDay = day, DateMonth = month, DateYear = "2026", StartTime = start, EndTime = end, Place = place, OnlineLink = "" };

    private async Task<long> Schedule(WebSession session, object meeting)
    {
        using var response = await session.Post("/circles/1/meetings/new", meeting);
        Assert.That((int)response.StatusCode, Is.EqualTo(302), await response.Content.ReadAsStringAsync());
        return await Db.Scalar<long>("SELECT max(id) FROM meetings");
    }

    private async Task<DispatchResult> Dispatch(CancellationToken cancellationToken = default)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DispatchDueMessagesCommand(), cancellationToken);
    }

    private async Task Plan()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PlanScheduledMessagesCommand());
    }

    /// <summary>Runs the scheduler as production does: the dispatcher every step, the planner every quarter hour.</summary>
    private async Task RunScheduler(DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        for (var t = from; t <= to; t += step)
        {
            Clock.Now = t;
            if (t.Minute % 15 == 0)
            {
                await Plan();
            }

            await Dispatch();
        }
    }

    [Test]
    public async Task Scheduling_a_meeting_writes_each_members_reminders_at_the_right_local_times()
    {
        using var session = await CircleWithMembers();
        var meetingId = await Schedule(session, Meeting("30", "3", "10:00"));

        var rows = await Messages();
        var pending = rows.Where(r => r.Status == MessageStatuses.Pending).Select(r => (r.PersonId, r.Channel, r.Recipient, r.DueAt)).ToList();
        Assert.That(pending, Is.EquivalentTo(new (long?, string, string?, DateTimeOffset)[]
        {
            // Monday 30 March, 10am BST. 48 hours before is 10am on Saturday, still GMT: the same wall-clock time, not 9am.
            (2, "Email", "anna@example.org", At("2026-03-28T10:00:00Z")),
            (3, "Text", "07700 900123", At("2026-03-28T10:00:00Z")),
            // 2 hours before is 8am BST.
            (2, "Email", "anna@example.org", At("2026-03-30T07:00:00Z")),
            (3, "Text", "07700 900123", At("2026-03-30T07:00:00Z")),
        }));
        var margaret = rows.Where(r => r.PersonId == 1).ToList();
        Assert.That(margaret, Has.Count.EqualTo(2), "Margaret has a visible reminder row for each time, not silence");
        Assert.That(margaret.Select(r => r.Status), Is.All.EqualTo(MessageStatuses.Suppressed));
        Assert.That(margaret[0].StatusReason, Does.Contain("phone call"));
        Assert.That(rows.Select(r => r.DedupeKey), Is.Unique);
        Assert.That(rows.Where(r => r.PersonId == 2).Select(r => r.Body), Is.All.Contain("Monday 30 March at 10:00am").And.All.Contain("/unsubscribe?token="));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM message_events e JOIN messages m ON m.id = e.message_id WHERE m.template = 'meeting-reminder'"),
            Is.EqualTo(rows.Count), "each row's history starts when it is written");
        Assert.That(meetingId, Is.GreaterThan(0));
    }

    [Test]
    public async Task Moving_a_meeting_moves_its_reminders_and_cancelling_it_cancels_them()
    {
        using var session = await CircleWithMembers();
        var meetingId = await Schedule(session, Meeting("30", "3", "10:00"));

        // Moved to Tuesday 31 March at 7:30am: the 2-hour text would fall at 5:30am, in quiet hours, so it waits until 8am.
        using (var moved = await session.Post($"/circles/1/meetings/{meetingId}/move", Meeting("31", "3", "7:30am", "9:00am")))
        {
            Assert.That((int)moved.StatusCode, Is.EqualTo(302), await moved.Content.ReadAsStringAsync());
        }

        var rows = await Messages();
        Assert.That(rows.Count(r => r.Status == MessageStatuses.Cancelled), Is.EqualTo(4), "the old times are cancelled, not sent");
        var pending = rows.Where(r => r.Status == MessageStatuses.Pending).Select(r => (r.Channel, r.DueAt)).ToList();
        Assert.That(pending, Is.EquivalentTo(new (string, DateTimeOffset)[]
        {
            ("Email", At("2026-03-29T06:30:00Z")), // Sunday 29 March, 7:30am BST: the first morning of summer time
            ("Text", At("2026-03-29T07:00:00Z")),  // 7:30am is quiet for texts: 8am BST
            ("Email", At("2026-03-31T04:30:00Z")), // 5:30am BST
            ("Text", At("2026-03-31T07:00:00Z")),  // 8am BST, after the quiet hours
        }));

        // Moved back: the first reminders are wanted again and come back, rather than being written twice.
        using (var back = await session.Post($"/circles/1/meetings/{meetingId}/move", Meeting("30", "3", "10:00")))
        {
            Assert.That((int)back.StatusCode, Is.EqualTo(302));
        }

        rows = await Messages();
        Assert.That(rows.Where(r => r.Status == MessageStatuses.Pending).Select(r => r.DueAt).Distinct(),
            Is.EquivalentTo(new[] { At("2026-03-28T10:00:00Z"), At("2026-03-30T07:00:00Z") }));
        Assert.That(rows.Select(r => r.DedupeKey), Is.Unique);

        using (var cancelled = await session.Post($"/circles/1/meetings/{meetingId}", new { Status = "cancelled", Notes = "" }))
        {
            Assert.That((int)cancelled.StatusCode, Is.EqualTo(302));
        }

        rows = await Messages();
        Assert.That(rows.Where(r => r.Status == MessageStatuses.Pending), Is.Empty);
        await RunScheduler(At("2026-03-27T00:00:00Z"), At("2026-03-31T12:00:00Z"), TimeSpan.FromHours(1));
        Assert.That(_sender.Sent, Is.Empty, "nothing is sent for a cancelled meeting");
    }

    [Test]
    public async Task Across_the_spring_clock_change_every_reminder_goes_once_at_its_local_time()
    {
        using var session = await CircleWithMembers();
        await Schedule(session, Meeting("30", "3", "10:00"));
        // Actions due on 30 and 31 March and 1 April: "due soon" reminders at 9am on 28 March (GMT), 29 March (the change day) and 30 March (BST).
        foreach (var (due, id) in new[] { ("2026-03-30", 1), ("2026-03-31", 2), ("2026-04-01", 3) })
        {
            await Db.Execute(
                "INSERT INTO actions (id, circle_id, description, owner_member_id, due_on, status, created_at) VALUES (@Id, 1, 'Ring the allotment society', 2, @Due, 'open', '2026-03-01T10:00:00Z')",
                new { Id = id, Due = due });
        }

        await RunScheduler(At("2026-03-27T00:00:00Z"), At("2026-04-02T12:00:00Z"), TimeSpan.FromMinutes(5));

        var sent = _sender.Sent.ToList();
        Assert.That(sent.Select(s => s.Message.Id), Is.Unique, "no message is sent twice");
        var rows = await Db.Query<Row>("SELECT * FROM messages WHERE status IN ('sent', 'pending', 'sending')");
        Assert.That(rows.Select(r => r.DedupeKey), Is.Unique);
        var meetingSends = sent.Where(s => s.Message.Template == MessageTemplates.MeetingReminder).Select(s => (s.Message.Channel, s.At)).ToList();
        Assert.That(meetingSends, Is.EquivalentTo(new (MessageChannel, DateTimeOffset)[]
        {
            (MessageChannel.Email, At("2026-03-28T10:00:00Z")), (MessageChannel.Text, At("2026-03-28T10:00:00Z")),
            (MessageChannel.Email, At("2026-03-30T07:00:00Z")), (MessageChannel.Text, At("2026-03-30T07:00:00Z")),
        }));
        var dueSoon = sent.Where(s => s.Message.Template == MessageTemplates.ActionDueSoon).Select(s => s.At).ToList();
        Assert.That(dueSoon, Is.EqualTo(new[] { At("2026-03-28T09:00:00Z"), At("2026-03-29T08:00:00Z"), At("2026-03-30T08:00:00Z") }),
            "one 9am reminder a day, on the change day too");
        var overdue = sent.Where(s => s.Message.Template == MessageTemplates.ActionOverdue).Select(s => s.At).ToList();
        Assert.That(overdue, Is.EqualTo(new[] { At("2026-03-31T08:00:00Z"), At("2026-04-01T08:00:00Z"), At("2026-04-02T08:00:00Z") }));
    }

    [Test]
    public async Task Across_the_autumn_clock_change_texts_wait_out_quiet_hours_and_go_once()
    {
        Clock.Now = At("2026-10-20T12:00:00Z");
        using var session = await CircleWithMembers();
        // Monday 26 October at 9:30am GMT. 48 hours before is 9:30am BST on Saturday; 2 hours before is 7:30am GMT, quiet for texts until 8am.
        await Schedule(session, Meeting("26", "10", "9:30am", "11:00am"));
        // Sunday 25 October, the change day: the 9am "due soon" for an action due on the 27th is 9am GMT.
        await Db.Execute("INSERT INTO actions (circle_id, description, owner_member_id, due_on, status, created_at) VALUES (1, 'Book the hall', 3, '2026-10-27', 'open', '2026-10-01T10:00:00Z')");

        await RunScheduler(At("2026-10-23T00:00:00Z"), At("2026-10-27T00:00:00Z"), TimeSpan.FromMinutes(5));

        var sent = _sender.Sent.ToList();
        Assert.That(sent.Select(s => s.Message.Id), Is.Unique);
        Assert.That(sent.Where(s => s.Message.Template == MessageTemplates.MeetingReminder).Select(s => (s.Message.Channel, s.At)), Is.EquivalentTo(new (MessageChannel, DateTimeOffset)[]
        {
            (MessageChannel.Email, At("2026-10-24T08:30:00Z")), (MessageChannel.Text, At("2026-10-24T08:30:00Z")),
            (MessageChannel.Email, At("2026-10-26T07:30:00Z")), (MessageChannel.Text, At("2026-10-26T08:00:00Z")),
        }));
        Assert.That(sent.Where(s => s.Message.Template == MessageTemplates.ActionDueSoon).Select(s => s.At), Is.EqualTo(new[] { At("2026-10-25T09:00:00Z") }));
        Assert.That(sent.Where(s => s.Message.Channel == MessageChannel.Text).Select(s => s.At), Has.None.Matches<DateTimeOffset>(t => QuietHours.Default.Contains(t)),
            "no text goes in quiet hours");
    }

    [Test]
    public async Task A_text_that_falls_due_in_quiet_hours_waits_and_is_not_dropped()
    {
        await CompleteSetup();
        await Db.Execute("INSERT INTO people (id, full_name, phone, preferred_channel, created_at, updated_at) VALUES (7, 'Ben', '07700 900123', 'text', '2026-01-01', '2026-01-01')");
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOutboxStore>().Enqueue(
                [new OutboxMessage { DedupeKey = "test:quiet", Template = "test", Channel = MessageChannel.Text, Recipient = "07700 900123", PersonId = 7, Subject = "S", Body = "B", DueAt = At("2026-06-01T20:30:00Z") }],
                At("2026-06-01T20:00:00Z"), CancellationToken.None);
        }

        Clock.Now = At("2026-06-01T20:30:00Z"); // 9:30pm BST
        await Dispatch();
        Assert.That(_sender.Sent, Is.Empty);
        var row = (await Messages("test")).Single();
        Assert.That(row.Status, Is.EqualTo(MessageStatuses.Pending));
        Assert.That(row.Attempts, Is.Zero, "waiting is not a failed try");
        Clock.Now = At("2026-06-02T07:00:00Z"); // 8am BST
        await Dispatch();
        Assert.That(_sender.Sent.Select(s => s.At), Is.EqualTo(new[] { At("2026-06-02T07:00:00Z") }));
        var history = await Db.Query<string>("SELECT detail FROM message_events WHERE message_id = @Id ORDER BY id", new { row.Id });
        Assert.That(history, Has.Some.Contains("quiet hours"));
    }

    [Test]
    public async Task A_dispatcher_that_crashes_after_sending_loses_nothing_and_the_repeat_is_visible()
    {
        await CompleteSetup();
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOutboxStore>().Enqueue(
                [new OutboxMessage { DedupeKey = "test:crash", Template = "test", Channel = MessageChannel.Email, Recipient = "anna@example.org", Subject = "S", Body = "B", DueAt = Clock.Now }],
                Clock.Now, CancellationToken.None);
        }

        using var crash = new CancellationTokenSource();
        SharedSites.MessagingSenders.Current = new CrashAfterSending(_sender, crash);
        Assert.That(async () => await Dispatch(crash.Token), Throws.InstanceOf<OperationCanceledException>());
        var row = (await Messages("test")).Single();
        Assert.That(row.Status, Is.EqualTo(MessageStatuses.Sending), "claimed, sent, never recorded");

        // After restart, within the claim's lease, nobody else takes it.
        SharedSites.MessagingSenders.Current = _sender;
        Clock.Now += TimeSpan.FromMinutes(2);
        await Dispatch();
        Assert.That(_sender.Sent, Has.Count.EqualTo(1));

        // Once the lease has run out it goes back in the queue and is sent again: a duplicate only because the first send was never recorded.
        Clock.Now += TimeSpan.FromMinutes(5);
        var result = await Dispatch();
        Assert.That(result.Released, Is.EqualTo(1));
        row = (await Messages("test")).Single();
        Assert.That(row.Status, Is.EqualTo(MessageStatuses.Sent));
        Assert.That(row.Attempts, Is.EqualTo(2));
        Assert.That(_sender.Sent.Select(s => s.Message.Reference), Is.EqualTo(new[] { $"circles-message-{row.Id}", $"circles-message-{row.Id}" }),
            "both sends carried the same reference, so the provider's records show the repeat");
        var history = await Db.Query<string>("SELECT detail FROM message_events WHERE message_id = @Id ORDER BY id", new { row.Id });
        Assert.That(history, Has.Some.Contains("may or may not have gone"));
    }

    [Test]
    public async Task A_message_that_keeps_failing_is_retried_with_backoff_then_shown_as_failed_and_can_be_resent()
    {
        using var session = await CircleWithMembers();
        await Db.Execute("UPDATE people SET preferred_channel = 'email' WHERE id = 3");
        _sender.Outcome = _ => SendOutcome.TryAgain("Connection refused");
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOutboxStore>().Enqueue(
                [new OutboxMessage { DedupeKey = "test:fail", Template = "test", Channel = MessageChannel.Email, Recipient = "anna@example.org", PersonId = 2, Subject = "Hello Anna", Body = "B", DueAt = Clock.Now }],
                Clock.Now, CancellationToken.None);
        }

        await Dispatch();
        var row = (await Messages("test")).Single();
        Assert.That((row.Status, row.Attempts), Is.EqualTo((MessageStatuses.Pending, 1)));
        await Dispatch();
        Assert.That((await Messages("test")).Single().Attempts, Is.EqualTo(1), "it waits a minute before the second try");
        Clock.Now += TimeSpan.FromMinutes(1);
        await Dispatch();
        Clock.Now += TimeSpan.FromMinutes(5);
        await Dispatch();
        row = (await Messages("test")).Single();
        Assert.That((row.Status, row.Attempts), Is.EqualTo((MessageStatuses.Failed, 3)), "three tries are configured");

        var failedPage = await session.Get("/messages?Status=failed");
        Assert.That(failedPage, Does.Contain("Hello Anna").And.Contain("Gave up after 3 tries"));
        var details = await session.Get($"/messages/{row.Id}");
        Assert.That(details, Does.Contain("Connection refused").And.Contain("Send it again"));

        _sender.Outcome = null;
        using (var resent = await session.Post($"/messages/{row.Id}/resend", new { }, $"/messages/{row.Id}"))
        {
            Assert.That((int)resent.StatusCode, Is.EqualTo(302));
        }

        await Dispatch();
        Assert.That((await Messages("test")).Single().Status, Is.EqualTo(MessageStatuses.Sent));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'message.resent'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Opting_out_stops_waiting_messages_at_once_and_the_unsubscribe_link_works_without_an_account()
    {
        using var session = await CircleWithMembers();
        await Schedule(session, Meeting("30", "3", "10:00"));
        using (var stop = await session.Post("/people/3/messages/Text", new { stop = "true" }, "/people/3"))
        {
            Assert.That((int)stop.StatusCode, Is.EqualTo(302));
        }

        var rows = await Messages();
        Assert.That(rows.Where(r => r.PersonId == 3).Select(r => (r.Status, r.StatusReason)),
            Is.All.EqualTo((MessageStatuses.Suppressed, "Asked not to get text messages")));
        Assert.That(await session.Get("/people/3"), Does.Contain("Stopped on 20 March 2026"));

        var body = rows.First(r => r.PersonId == 2).Body;
        var link = UnsubscribeLink().Match(body).Value;
        Assert.That(link, Does.StartWith("https://circles.example.org.uk/unsubscribe?token="));
        using var stranger = NewSession();
        var path = new Uri(link).PathAndQuery;
        var page = await stranger.Get(path);
        Assert.That(page, Does.Contain("Stop getting emails"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM message_opt_outs"), Is.EqualTo(1), "opening the link changes nothing by itself");
        var token = Uri.UnescapeDataString(path.Split("token=")[1]);
        using (var confirm = await stranger.Post("/unsubscribe", new { token }, path))
        {
            Assert.That(await confirm.Content.ReadAsStringAsync(), Does.Contain("You will not get any more emails"));
        }

        Assert.That((await Messages()).Where(r => r.PersonId == 2).Select(r => r.Status), Is.All.EqualTo(MessageStatuses.Suppressed));
        await RunScheduler(At("2026-03-27T00:00:00Z"), At("2026-03-31T00:00:00Z"), TimeSpan.FromHours(1));
        Assert.That(_sender.Sent.Where(s => s.Message.Template == MessageTemplates.MeetingReminder), Is.Empty);

        using var forged = NewSession();
        await forged.Get("/unsubscribe?token=" + token[..^4] + "AAAA", System.Net.HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_new_member_is_sent_a_circle_invitation_and_staff_see_who_cannot_be_reached()
    {
        using var session = await CircleWithMembers();
        await Schedule(session, Meeting("30", "3", "10:00"));
        using (var added = await session.Post("/circles/1/members/new", new { Name = "Chloe Brown", Role = "friend", Email = "chloe@example.org", Phone = "" }))
        {
            Assert.That((int)added.StatusCode, Is.EqualTo(302));
        }

        var invitation = (await Messages(MessageTemplates.CircleInvitation)).Single();
        Assert.That(invitation.Recipient, Is.EqualTo("chloe@example.org"));
        Assert.That(invitation.Body, Does.Contain("Margaret Jones’s circle").And.Contain("Monday 30 March at 10:00am"));
        Assert.That((await Messages()).Count(r => r.Recipient == "chloe@example.org" && r.Status == MessageStatuses.Pending), Is.EqualTo(2),
            "she is reminded of meetings already planned");

        var circle = await session.Get("/circles/1");
        Assert.That(circle, Does.Contain("No way to reach").And.Contain("Prefers a phone call"));
        var messages = await session.Get("/messages?CircleId=1");
        Assert.That(messages, Does.Contain("Circle invitation"));
    }

    [Test]
    public async Task Staff_see_only_messages_about_people_in_their_areas()
    {
        using var admin = await CircleWithMembers();
        await Schedule(admin, Meeting("30", "3", "10:00"));
        using var elsewhere = await SignedIn("other@example.org", "Connector");
        var page = await elsewhere.Get("/messages");
        Assert.That(page, Does.Contain("No messages match"));
        var anyId = await Db.Scalar<long>("SELECT min(id) FROM messages");
        await elsewhere.Get($"/messages/{anyId}", System.Net.HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_connectors_messages_page_counts_and_pages_the_messages_in_reach_newest_first()
    {
        using var admin = await CircleWithMembers();
        await WalterInWestfield();
        // 30 in reach (Anna's, by person; and circle 1's, by circle), 5 out of it.
        for (var i = 1; i <= 35; i++)
        {
            var (person, circle) = i <= 20 ? ("2", "NULL") : i <= 30 ? ("NULL", "1") : ("9", "NULL");
            await Db.Execute(
                $"""
                INSERT INTO messages (dedupe_key, template, person_id, circle_id, channel, recipient, subject, body, due_at, next_attempt_at, status, created_at, updated_at)
                VALUES ('k{i}', 'meeting-reminder', {person}, {circle}, 'Email', 'x@example.org', 'Subject {i:00}', 'Body', '2026-03-02', '2026-03-02', 'sent',
                        '2026-03-02T10:{i:00}:00.0000000Z', '2026-03-02')
                """);
        }

        using var connector = await ConnectorIn("cora@example.org", 1);
        var first = await connector.Get("/messages");
        var second = await connector.Get("/messages?page=2");
        var beyond = await connector.Get("/messages?page=99");
        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Contain("30 messages").And.Contain("Subject 30").And.Contain("Subject 06").And.Not.Contain("Subject 05").And.Not.Contain("Subject 31"));
            Assert.That(second, Does.Contain("30 messages").And.Contain("Subject 05").And.Contain("Subject 01").And.Not.Contain("Subject 06"));
            Assert.That(beyond, Does.Contain("30 messages").And.Contain("Subject 01").And.Not.Contain("Subject 06"), "past the end shows the last page");
        });
    }

    [Test]
    public async Task A_message_follows_its_person_and_circle_between_areas_and_is_counted_once_by_someone_who_sees_both()
    {
        using var admin = await CircleWithMembers();
        await WalterInWestfield();
        await Db.Execute(
            """
            INSERT INTO messages (dedupe_key, template, person_id, circle_id, channel, recipient, subject, body, due_at, next_attempt_at, status, created_at, updated_at)
            VALUES ('anna', 'meeting-reminder', 2, 1, 'Email', 'x@example.org', 'To Anna', 'Body', '2026-03-02', '2026-03-02', 'sent', '2026-03-02T10:01:00.0000000Z', '2026-03-02'),
                   ('walter', 'meeting-reminder', 9, 1, 'Email', 'x@example.org', 'To Walter', 'Body', '2026-03-02', '2026-03-02', 'sent', '2026-03-02T10:02:00.0000000Z', '2026-03-02');
            """);
        using var west = await ConnectorIn("wes@example.org", 2);

        // Walter lives in Westfield, so his message (for Eastfield's circle) is in reach; Anna's is not.
        var before = await west.Get("/messages");
        // The circle moves to Westfield: Anna's message, sent for it, follows.
        await Db.Execute("UPDATE circles SET area_id = 2 WHERE id = 1");
        var circleMoved = await west.Get("/messages");
        // Walter moves to Eastfield and the circle moves back: neither message is about Westfield now.
        await Db.Execute("UPDATE people SET area_id = 1 WHERE id = 9; UPDATE circles SET area_id = 1 WHERE id = 1");
        var bothMovedAway = await west.Get("/messages");
        // Walter comes back and works in both areas: his message, in both, is counted once.
        await Db.Execute("UPDATE people SET area_id = 2 WHERE id = 9; INSERT INTO user_areas (user_id, area_id) SELECT id, 1 FROM users WHERE email = 'wes@example.org'");
        using var both = NewSession();
        await both.SignIn("wes@example.org");
        var inBoth = await both.Get("/messages");
        // Walter's record is deleted: the message is still in reach by its circle.
        await Db.Execute("DELETE FROM user_areas WHERE area_id = 2; DELETE FROM people WHERE id = 9");
        using var east = NewSession();
        await east.SignIn("wes@example.org");
        var personGone = await east.Get("/messages");
        Assert.Multiple(() =>
        {
            Assert.That(before, Does.Contain("1 message").And.Contain("To Walter").And.Not.Contain("To Anna"));
            Assert.That(circleMoved, Does.Contain("2 messages").And.Contain("To Walter").And.Contain("To Anna"));
            Assert.That(bothMovedAway, Does.Contain("No messages match"));
            Assert.That(inBoth, Does.Contain("2 messages").And.Contain("To Walter").And.Contain("To Anna"));
            Assert.That(personGone, Does.Contain("2 messages").And.Contain("To Walter"));
        });
    }

    private static Circles.Web.Messaging.NotifyMessageSender Notify(FakeNotify fake, string? apiKey = null) =>
        new(new HttpClient(), Microsoft.Extensions.Options.Options.Create(new Circles.Web.Messaging.MessagingOptions
        {
            EmailSender = "notify",
            TextSender = "notify",
            GovukNotify = new Circles.Web.Messaging.NotifyOptions
            {
                BaseUrl = fake.BaseUrl,
                ApiKey = apiKey ?? FakeNotify.ApiKey,
                EmailTemplateId = "f33517ff-2a88-4f6e-b855-c550268ce08a",
                TextTemplateId = "0d3e6b1a-6a3c-4d3e-9a47-6b0a3c1e2f45",
            },
        }), Clock);

    [Test]
    public async Task Notify_gets_a_signed_request_with_our_reference_and_delivery_is_recorded()
    {
        using var session = await CircleWithMembers();
        await Schedule(session, Meeting("30", "3", "10:00"));
        await using var fake = await FakeNotify.Start(Clock);
        var notify = Notify(fake);
        SharedSites.MessagingSenders.Current = notify;
        Clock.Now = At("2026-03-28T10:00:00Z");
        await Dispatch();

        Assert.That(fake.Refusals, Is.Empty);
        var rows = (await Messages()).Where(r => r.Status == MessageStatuses.Sent).ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        var email = fake.Requests.Single(r => r.Path == "email");
        var anna = rows.Single(r => r.PersonId == 2);
        Assert.That(email.Body.GetProperty("email_address").GetString(), Is.EqualTo("anna@example.org"));
        Assert.That(email.Body.GetProperty("template_id").GetString(), Is.EqualTo("f33517ff-2a88-4f6e-b855-c550268ce08a"));
        Assert.That(email.Body.GetProperty("reference").GetString(), Is.EqualTo($"circles-message-{anna.Id}"));
        Assert.That(email.Body.GetProperty("personalisation").GetProperty("subject").GetString(), Does.Contain("Margaret"));
        Assert.That(email.Body.GetProperty("personalisation").GetProperty("body").GetString(), Is.EqualTo(anna.Body));
        Assert.That(anna.ProviderReference, Is.EqualTo(email.NotificationId));
        var text = fake.Requests.Single(r => r.Path == "sms");
        Assert.That(text.Body.GetProperty("phone_number").GetString(), Is.EqualTo("07700 900123"));
        Assert.That(text.Body.TryGetProperty("email_address", out _), Is.False);

        fake.Statuses[email.NotificationId] = "delivered";
        fake.Statuses[text.NotificationId] = "permanent-failure";
        Clock.Now += TimeSpan.FromMinutes(5);
        var tracker = new Circles.Web.Messaging.TrackDeliveriesHandler(
            Site.Services.GetRequiredService<IOutboxStore>(), notify,
            Microsoft.Extensions.Options.Options.Create(new Circles.Web.Messaging.MessagingOptions { EmailSender = "notify" }), Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Circles.Web.Messaging.TrackDeliveriesHandler>.Instance);
        Assert.That(await tracker.Handle(new Circles.Web.Messaging.TrackDeliveriesCommand(), CancellationToken.None), Is.EqualTo(2));
        rows = (await Messages()).Where(r => r.ProviderReference is not null).ToList();
        Assert.That(rows.Single(r => r.PersonId == 2).Status, Is.EqualTo(MessageStatuses.Delivered));
        Assert.That(rows.Single(r => r.PersonId == 3).Status, Is.EqualTo(MessageStatuses.Failed));
        Assert.That(rows.Single(r => r.PersonId == 3).StatusReason, Does.Contain("permanent-failure"));
    }

    [Test]
    public async Task Notify_refuses_a_token_signed_with_the_wrong_secret_and_the_message_fails_visibly()
    {
        using var session = await CircleWithMembers();
        await Schedule(session, Meeting("30", "3", "10:00"));
        await using var fake = await FakeNotify.Start(Clock);
        SharedSites.MessagingSenders.Current = Notify(fake, $"circles_test-{FakeNotify.ServiceId}-00000000-0000-0000-0000-000000000000");
        Clock.Now = At("2026-03-28T10:00:00Z");
        await Dispatch();

        Assert.That(fake.Refusals, Has.Count.EqualTo(2));
        Assert.That(fake.Requests, Is.Empty);
        var failed = (await Messages()).Where(r => r.Status == MessageStatuses.Failed).ToList();
        Assert.That(failed, Has.Count.EqualTo(2), "a refused key is not worth retrying");
        Assert.That(failed.Select(r => r.StatusReason), Is.All.EqualTo("The provider refused it"));
    }

    [Test]
    public async Task After_a_crash_Notify_sees_the_repeat_under_one_reference()
    {
        await CompleteSetup();
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOutboxStore>().Enqueue(
                [new OutboxMessage { DedupeKey = "test:notify-crash", Template = "test", Channel = MessageChannel.Email, Recipient = "anna@example.org", Subject = "S", Body = "B", DueAt = Clock.Now }],
                Clock.Now, CancellationToken.None);
        }

        await using var fake = await FakeNotify.Start(Clock);
        var notify = Notify(fake);
        using var crash = new CancellationTokenSource();
        SharedSites.MessagingSenders.Current = new CrashAfterSending(notify, crash);
        Assert.That(async () => await Dispatch(crash.Token), Throws.InstanceOf<OperationCanceledException>());
        SharedSites.MessagingSenders.Current = notify;
        Clock.Now += TimeSpan.FromMinutes(6);
        await Dispatch();

        var row = (await Messages("test")).Single();
        Assert.That(row.Status, Is.EqualTo(MessageStatuses.Sent));
        Assert.That(fake.Requests.Select(r => r.Body.GetProperty("reference").GetString()), Is.EqualTo(new[] { $"circles-message-{row.Id}", $"circles-message-{row.Id}" }));
    }

    [Test]
    public async Task Smtp_delivers_to_a_real_server_with_the_right_headers_and_an_unsubscribe_link()
    {
        using var session = await CircleWithMembers();
        await Schedule(session, Meeting("30", "3", "10:00"));
        await using var server = await LocalSmtpServer.Start();
        SharedSites.MessagingSenders.Current = new Circles.Web.Messaging.SmtpMessageSender(Microsoft.Extensions.Options.Options.Create(new Circles.Web.Messaging.MessagingOptions
        {
            SmtpServer = new Circles.Web.Messaging.SmtpOptions
            {
                Host = "127.0.0.1", Port = server.Port, Security = "None", FromAddress = "circles@example.org.uk", FromName = "Eastfield Circles",
            },
        }));
        Clock.Now = At("2026-03-28T10:00:00Z");
        await Dispatch();

        var anna = (await Messages()).Single(r => r.PersonId == 2 && r.DueAt == At("2026-03-28T10:00:00Z"));
        Assert.That(anna.Status, Is.EqualTo(MessageStatuses.Sent));
        var received = await server.WaitForMessages(1);
        var email = received.Single(m => m.To.ToString().Contains("anna@example.org", StringComparison.Ordinal));
        Assert.That(email.From.Mailboxes.Single().Address, Is.EqualTo("circles@example.org.uk"));
        Assert.That(email.From.Mailboxes.Single().Name, Is.EqualTo("Eastfield Circles"));
        Assert.That(email.Subject, Is.EqualTo("Reminder: Margaret Jones’s circle meets on Monday 30 March at 10:00am"));
        Assert.That(email.Headers["X-Circles-Reference"], Is.EqualTo($"circles-message-{anna.Id}"));
        var unsubscribe = UnsubscribeLink().Match(anna.Body).Value;
        Assert.That(email.Headers[MimeKit.HeaderId.ListUnsubscribe], Is.EqualTo($"<{unsubscribe}>"));
        Assert.That(email.TextBody, Does.Contain(unsubscribe));
        Assert.That(email.MessageId, Is.Not.Empty);
    }

    private async Task EnqueueEmails(int count)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        var messages = Enumerable.Range(1, count).Select(i => new OutboxMessage
        {
            DedupeKey = $"test:many:{i}", Template = "test", Channel = MessageChannel.Email, Recipient = $"person{i}@example.org", Subject = "S", Body = "B", DueAt = Clock.Now,
        }).ToList();
        await scope.ServiceProvider.GetRequiredService<IOutboxStore>().Enqueue(messages, Clock.Now, CancellationToken.None);
    }

    [Test]
    public async Task Two_dispatchers_at_once_never_send_the_same_message()
    {
        await CompleteSetup();
        await EnqueueEmails(600);
        var options = Site.Services.GetRequiredService<DispatchOptions>();
        var batch = options.BatchSize;
        options.BatchSize = 50;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Dispatch())));
        }
        finally
        {
            options.BatchSize = batch;
        }

        Assert.That(_sender.Sent.Select(s => s.Message.Id), Is.Unique);
        Assert.That(_sender.Sent, Has.Count.EqualTo(600));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM messages WHERE status = 'sent' AND attempts = 1"), Is.EqualTo(600));
    }

    [Test]
    public async Task Each_channel_is_throttled_to_its_rate_and_the_rest_wait_for_the_next_run()
    {
        await CompleteSetup();
        await EnqueueEmails(5);
        var options = Site.Services.GetRequiredService<DispatchOptions>();
        var rate = options.EmailsPerMinute;
        options.EmailsPerMinute = 2;
        try
        {
            var first = await Dispatch();
            Assert.That((first.Sent, first.ReachedLimit), Is.EqualTo((2, true)));
            Clock.Now += TimeSpan.FromMinutes(1);
            await Dispatch();
            Clock.Now += TimeSpan.FromMinutes(1);
            await Dispatch();
        }
        finally
        {
            options.EmailsPerMinute = rate;
        }

        Assert.That(_sender.Sent.GroupBy(s => s.At).Select(g => g.Count()), Is.EqualTo(new[] { 2, 2, 1 }));
    }

    [Test]
    public async Task Administrators_change_when_members_are_reminded_and_the_quiet_hours()
    {
        using var session = await CircleWithMembers();
        using (var bad = await session.Post("/admin/settings", new { OrganisationName = "Eastfield Circles", MeetingReminderHours = "two days", QuietHoursStart = "10pm", QuietHoursEnd = "" }))
        {
            var page = await bad.Content.ReadAsStringAsync();
            Assert.That(page, Does.Contain("Enter up to 5 whole numbers of hours").And.Contain("Enter both times for quiet hours"));
        }

        using (var good = await session.Post("/admin/settings", new { OrganisationName = "Eastfield Circles", MeetingReminderHours = "24", QuietHoursStart = "10am", QuietHoursEnd = "11am" }))
        {
            Assert.That((int)good.StatusCode, Is.EqualTo(302));
        }

        await Schedule(session, Meeting("30", "3", "10:00"));
        var pending = (await Messages()).Where(r => r.Status == MessageStatuses.Pending).Select(r => (r.Channel, r.DueAt)).ToList();
        Assert.That(pending, Is.EquivalentTo(new (string, DateTimeOffset)[]
        {
            ("Email", At("2026-03-29T09:00:00Z")), // 10am BST the day before
            ("Text", At("2026-03-29T10:00:00Z")),  // quiet from 10am to 11am BST
        }));
        Assert.That((await Messages()).Where(r => r.PersonId == 2).Select(r => r.Body), Is.All.Contain("Eastfield Circles"));
    }

    [Test]
    public async Task The_dispatcher_checks_opt_outs_again_when_it_sends()
    {
        await CompleteSetup();
        await Db.Execute(
            """
            INSERT INTO people (id, full_name, email, preferred_channel, created_at, updated_at) VALUES (8, 'Anna', 'anna@example.org', 'email', '2026-01-01', '2026-01-01');
            INSERT INTO message_opt_outs (person_id, channel, opted_out_at, how) VALUES (8, 'Email', '2026-03-01T00:00:00Z', 'Recorded by staff');
            """);
        await using (var scope = Site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOutboxStore>().Enqueue(
                [new OutboxMessage { DedupeKey = "test:late-opt-out", Template = "test", Channel = MessageChannel.Email, Recipient = "anna@example.org", PersonId = 8, Subject = "S", Body = "B", DueAt = Clock.Now }],
                Clock.Now, CancellationToken.None);
        }

        await Dispatch();
        Assert.That(_sender.Sent, Is.Empty);
        var row = (await Messages("test")).Single();
        Assert.That((row.Status, row.StatusReason), Is.EqualTo((MessageStatuses.Suppressed, "Asked not to get emails")));
    }

    [Test]
    public async Task A_persons_opt_outs_are_read_only_by_someone_who_can_reach_them()
    {
        // The person page reads the person (which checks reach) before their opt-outs, but the query must check
        // for itself: outside a request nobody works with people, so there is nobody to show them to.
        await CompleteSetup();
        await Db.Execute(
            """
            INSERT INTO people (id, full_name, email, preferred_channel, created_at, updated_at) VALUES (9, 'Bea', 'bea@example.org', 'email', '2026-01-01', '2026-01-01');
            INSERT INTO message_opt_outs (person_id, channel, opted_out_at, how) VALUES (9, 'Text', '2026-03-01T00:00:00Z', 'Recorded by staff');
            """);
        await using var scope = Site.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        Assert.That(async () => await mediator.Send(new GetOptOutsQuery(9)), Throws.InstanceOf<Circles.Core.Common.NotFoundException>());
    }

    [GeneratedRegex(@"https://\S+/unsubscribe\?token=\S+")]
    private static partial Regex UnsubscribeLink();
}
