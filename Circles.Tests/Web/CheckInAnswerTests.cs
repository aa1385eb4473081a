using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Circles.Core.CheckIns;
using Circles.Core.Messaging;
using Circles.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Web;

/// <summary>
/// Check-in answers, prompts, replies, follow-ups and trends, against the real site with a hand-set clock. Times are
/// written in UTC; comments say what they are on a London clock.
/// </summary>
public sealed partial class CheckInAnswerTests : SiteTest
{
    private static TestClock Clock => SharedSites.MessagingClock;

    // Monday 1 June 2026, 10am in London (BST).
    private static readonly DateTimeOffset DayZero = At("2026-06-01T09:00:00Z");

    private RecordingSender _sender = null!;

    protected override Task<CirclesFactory> ChooseSite() => SharedSites.Messaging;

    [SetUp]
    public void StartOnDayZero()
    {
        Clock.Now = DayZero;
        _sender = new RecordingSender(Clock);
        SharedSites.MessagingSenders.Current = _sender;
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    public sealed record Row
    {
        public string Template { get; init; } = "";

        public string Channel { get; init; } = "";

        public string? Recipient { get; init; }

        public long? PersonId { get; init; }

        public long? UserId { get; init; }

        public DateTimeOffset DueAt { get; init; }

        public string Status { get; init; } = "";

        public string Subject { get; init; } = "";

        public string Body { get; init; } = "";
    }

    private Task<IReadOnlyList<Row>> Messages(params string[] templates) =>
        Db.Query<Row>("SELECT * FROM messages WHERE template IN @Templates ORDER BY due_at, template, user_id", new { Templates = templates });

    private long _connie;
    private long _cora;

    /// <summary>
    /// Eastfield: Margaret Jones (texts, 07700 900123), whose checker is Connie (connector); Cora coordinates
    /// Eastfield; Olu is another connector in Eastfield with no part in Margaret's check-ins.
    /// </summary>
    private async Task<WebSession> Eastfield(bool cadence = true)
    {
        await TestUsers.Create(Site, "connie@example.org", "Connector");
        await TestUsers.Create(Site, "cora@example.org", "Coordinator");
        await TestUsers.Create(Site, "olu@example.org", "Connector");
        await Db.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z'), (2, 'Northside', '2026-01-01T00:00:00Z');
            INSERT INTO user_areas (user_id, area_id) SELECT id, 1 FROM users WHERE email IN ('connie@example.org', 'cora@example.org', 'olu@example.org');
            INSERT INTO people (id, full_name, phone, preferred_channel, area_id, created_at, updated_at)
                VALUES (1, 'Margaret Jones', '07700 900123', 'text', 1, '2026-01-01', '2026-01-01');
            """);
        _connie = await Db.Scalar<long>("SELECT id FROM users WHERE email = 'connie@example.org'");
        _cora = await Db.Scalar<long>("SELECT id FROM users WHERE email = 'cora@example.org'");
        if (cadence)
        {
            await Db.Execute(
                "INSERT INTO check_in_cadences (person_id, ideal_days, maximum_days, started_on, checker_user_id, updated_at) VALUES (1, 14, 28, '2026-06-01', @Connie, '2026-06-01')",
                new { Connie = _connie });
        }

        return await As("connie@example.org");
    }

    private async Task<WebSession> As(string email)
    {
        var session = NewSession();
        await session.SignIn(email);
        return session;
    }

    private async Task Plan()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PlanScheduledMessagesCommand());
    }

    private async Task Dispatch()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new DispatchDueMessagesCommand());
    }

    private async Task<int> SweepForNoReplies()
    {
        await using var scope = Site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateNoReplyFollowUpsCommand());
    }

    private static IEnumerable<KeyValuePair<string, string>> CheckIn(DateTimeOffset on, params (string Question, string Answer)[] answers)
    {
        var day = Circles.Core.Common.UkTime.DateOfInstant(on);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Method", "phone"),
            new("OnDay", day.Day.ToString(CultureInfo.InvariantCulture)),
            new("OnMonth", day.Month.ToString(CultureInfo.InvariantCulture)),
            new("OnYear", day.Year.ToString(CultureInfo.InvariantCulture)),
            new("Time", ""),
        };
        fields.AddRange(answers.Select(a => new KeyValuePair<string, string>($"Answers[{a.Question}]", a.Answer)));
        return fields;
    }

    private static async Task<HttpResponseMessage> Record(WebSession session, params (string Question, string Answer)[] answers) =>
        await session.Post("/people/1/check-ins/new", CheckIn(Clock.GetUtcNow(), answers), "/people/1/check-ins/new");

    private static readonly (string, string)[] UclaAtSix = [("ucla_companionship", "some_of_the_time"), ("ucla_left_out", "some_of_the_time"), ("ucla_isolated", "some_of_the_time")];

    private static readonly (string, string)[] UclaAtFive = [("ucla_companionship", "hardly_ever_or_never"), ("ucla_left_out", "some_of_the_time"), ("ucla_isolated", "some_of_the_time")];

    // ---- Prompts ----

    [Test]
    public async Task Prompts_reach_the_checker_when_due_and_the_coordinator_too_when_overdue_at_9am_London_time()
    {
        using (var connie = await Eastfield(cadence: false))
        {
            using var saved = await connie.Post("/people/1/check-ins/cadence",
                new { IdealDays = "14", MaximumDays = "28", CheckerUserId = _connie.ToString(CultureInfo.InvariantCulture), Paused = "false", PausedReason = "", AskByMessage = "true" },
                "/people/1/check-ins/cadence");
            Assert.That((int)saved.StatusCode, Is.EqualTo(302), await saved.Content.ReadAsStringAsync());
        }

        // Phoned on day 10: due on day 24 (25 June), overdue on day 38 (9 July).
        Clock.Now = DayZero.AddDays(10);
        await Db.Execute("INSERT INTO contacts (person_id, kind, contacted_at, created_at) VALUES (1, 'call', @At, @At)", new { At = Clock.GetUtcNow() });

        Clock.Now = At("2026-06-24T12:00:00Z");
        await Plan();
        var due = await Messages(MessageTemplates.CheckInDue, MessageTemplates.CheckInQuestion, MessageTemplates.CheckInOverdue);
        Assert.That(due.Select(m => (m.Template, m.Channel, m.Recipient, m.DueAt)), Is.EquivalentTo(new[]
        {
            // 9am BST on Thursday 25 June.
            (MessageTemplates.CheckInDue, "Email", (string?)"connie@example.org", At("2026-06-25T08:00:00Z")),
            (MessageTemplates.CheckInQuestion, "Text", (string?)"07700 900123", At("2026-06-25T08:00:00Z")),
        }));
        var prompt = due.Single(m => m.Template == MessageTemplates.CheckInDue);
        Assert.That(prompt.Subject, Is.EqualTo("Time to check in with Margaret Jones"));
        Assert.That(prompt.Body, Does.Contain("The last contact was on 11 June 2026").And.Not.Contain("lonely"));
        var question = due.Single(m => m.Template == MessageTemplates.CheckInQuestion);
        Assert.That(question.Body, Does.Contain("How often do you feel lonely? Reply with a number:\n1 Often/always\n2 Some of the time\n3 Occasionally\n4 Hardly ever\n5 Never")
            .And.Contain("/check-in?token="));

        // Planning again changes nothing: one prompt per occurrence.
        await Plan();
        Assert.That(await Messages(MessageTemplates.CheckInDue, MessageTemplates.CheckInQuestion), Has.Count.EqualTo(2));

        Clock.Now = At("2026-07-08T12:00:00Z");
        await Plan();
        var overdue = await Messages(MessageTemplates.CheckInOverdue);
        Assert.That(overdue.Select(m => (m.Recipient, m.DueAt)), Is.EquivalentTo(new[]
        {
            ((string?)"connie@example.org", At("2026-07-09T08:00:00Z")),
            ((string?)"cora@example.org", At("2026-07-09T08:00:00Z")),
        }));
        var checkerName = await Db.Scalar<string>("SELECT display_name FROM users WHERE id = @Id", new { Id = _connie });
        Assert.That(overdue.Single(m => m.Recipient == "cora@example.org").Body, Does.Contain($"{checkerName} checks in with them").And.Not.Contain("lonely"));
    }

    [Test]
    public async Task Prompts_keep_to_9am_across_the_October_clock_change_and_a_contact_cancels_the_waiting_one()
    {
        using (await Eastfield(cadence: false))
        {
        }

        // Started on 1 October: due 15 October (BST), overdue 29 October (GMT, after the clocks go back on the 25th).
        await Db.Execute(
            "INSERT INTO check_in_cadences (person_id, ideal_days, maximum_days, started_on, checker_user_id, updated_at) VALUES (1, 14, 28, '2026-10-01', @Connie, '2026-10-01')",
            new { Connie = _connie });
        Clock.Now = At("2026-10-14T12:00:00Z");
        await Plan();
        Assert.That((await Messages(MessageTemplates.CheckInDue)).Single().DueAt, Is.EqualTo(At("2026-10-15T08:00:00Z")));
        Clock.Now = At("2026-10-15T08:00:00Z");
        await Dispatch();
        Assert.That(_sender.Sent.Select(s => (s.Message.Template, s.At)), Is.EqualTo(new[] { (MessageTemplates.CheckInDue, At("2026-10-15T08:00:00Z")) }));

        Clock.Now = At("2026-10-28T12:00:00Z");
        await Plan();
        var overdue = await Messages(MessageTemplates.CheckInOverdue);
        Assert.That(overdue.Select(m => m.DueAt).Distinct(), Is.EqualTo(new[] { At("2026-10-29T09:00:00Z") }));

        // A visit the evening before: the overdue prompts are no longer needed, and are cancelled, not sent.
        Clock.Now = At("2026-10-28T18:00:00Z");
        await Db.Execute("INSERT INTO contacts (person_id, kind, contacted_at, created_at) VALUES (1, 'visit', @At, @At)", new { At = Clock.GetUtcNow() });
        await Plan();
        Clock.Now = At("2026-10-29T09:05:00Z");
        await Dispatch();
        Assert.That((await Messages(MessageTemplates.CheckInOverdue)).Select(m => m.Status).Distinct(), Is.EqualTo(new[] { MessageStatuses.Cancelled }));
        Assert.That(_sender.Sent, Has.Count.EqualTo(1), "only the prompt sent on the 15th");
    }

    // ---- Replies ----

    private async Task<string> QuestionSent()
    {
        using (await Eastfield())
        {
        }

        await Db.Execute("UPDATE check_in_cadences SET ask_by_message_since = '2026-06-01' WHERE person_id = 1");
        Clock.Now = At("2026-06-14T12:00:00Z");
        await Plan();
        Clock.Now = At("2026-06-15T08:01:00Z");
        await Dispatch();
        Assert.That(_sender.Sent.Select(s => s.Message.Template), Does.Contain(MessageTemplates.CheckInQuestion));
        return await Db.Scalar<string>("SELECT token FROM check_in_requests WHERE person_id = 1");
    }

    private async Task<HttpResponseMessage> TextArrives(string from, string message, string token = SharedSites.InboundToken)
    {
        using var client = Site.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/messages/inbound/notify")
        {
            Content = new StringContent(
                System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["id"] = Guid.NewGuid().ToString(), ["source_number"] = from, ["destination_number"] = "07700900000", ["message"] = message, ["date_received"] = "2026-06-15T09:00:00.000000Z",
                }),
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    [Test]
    public async Task A_reply_by_text_with_a_number_is_recorded_resets_the_clock_and_a_worrying_one_makes_a_task()
    {
        await QuestionSent();
        Clock.Now = At("2026-06-15T10:00:00Z");
        using (var wrong = await TextArrives("447700900123", "1", token: "not-the-token"))
        {
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using (var reply = await TextArrives("447700900123", " 1 "))
        {
            Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        Assert.That(await Db.Scalar<string>("SELECT ci.method || ':' || a.answer FROM check_ins ci JOIN check_in_answers a ON a.check_in_id = ci.id"), Is.EqualTo("text_reply:often_always"));
        Assert.That(await Db.Scalar<string>("SELECT reason || ':' || assigned_user_id || ':' || due_on FROM follow_up_tasks"), Is.EqualTo($"worrying_answer:{_connie}:2026-06-16"));

        // A second text: the question has been answered, so it is not an answer, but it is not dropped either.
        using (await TextArrives("07700 900123", "actually I'm struggling"))
        {
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM check_ins"), Is.EqualTo(1));
        Assert.That(await Db.Scalar<string>("SELECT reply_text FROM follow_up_tasks WHERE reason = 'unreadable_reply'"), Is.EqualTo("actually I'm struggling"));

        // STOP stops their texts.
        using (await TextArrives("07700900123", "stop"))
        {
        }

        Assert.That(await Db.Scalar<string>("SELECT channel FROM message_opt_outs WHERE person_id = 1"), Is.EqualTo("Text"));
        using var connie = await As("connie@example.org");
        Assert.That(await connie.Get("/people/1"), Does.Contain(">On time<").And.Contain("15 June 2026"), "a reply is contact");
    }

    [Test]
    public async Task A_reply_by_text_in_words_is_kept_for_the_connector_to_read()
    {
        await QuestionSent();
        Clock.Now = At("2026-06-15T10:00:00Z");
        using (await TextArrives("+44 7700 900123", "not too bad thanks <b>love</b>"))
        {
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM check_ins"), Is.Zero, "nothing is guessed from words");
        var taskId = await Db.Scalar<long>("SELECT id FROM follow_up_tasks WHERE reason = 'unreadable_reply'");
        using var connie = await As("connie@example.org");
        var page = await connie.Get($"/follow-ups/{taskId}");
        Assert.That(page, Does.Contain("not too bad thanks &lt;b&gt;love&lt;/b&gt;"));
    }

    [Test]
    public async Task The_reply_page_works_without_signing_in_once_and_then_says_the_link_is_used()
    {
        var token = await QuestionSent();
        using var person = NewSession();
        using var otherTab = NewSession();
        var link = $"/check-in?token={token}";
        var form = await otherTab.Token(link);
        var page = await person.Get(link);
        Assert.That(page, Does.Contain("How often do you feel lonely?").And.Not.Contain("Margaret"), "the page says nothing about who it is for");

        using (var empty = await person.Post("/check-in", new { Token = token, Answer = "" }, link))
        {
            Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("Choose how often you feel lonely"));
        }

        using (var answered = await person.Post("/check-in", new { Token = token, Answer = "never" }, link))
        {
            Assert.That(await answered.Content.ReadAsStringAsync(), Does.Contain("Thank you"));
        }

        Assert.That(await Db.Scalar<string>("SELECT ci.method || ':' || a.answer FROM check_ins ci JOIN check_in_answers a ON a.check_in_id = ci.id"), Is.EqualTo("link_reply:never"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM follow_up_tasks"), Is.Zero, "never lonely is not worrying");
        Assert.That(await person.Get(link, HttpStatusCode.Gone), Does.Contain("This link has already been used"));

        // Posting from a form loaded before the answer went: refused, and nothing more is written.
        using var second = await otherTab.Client.PostAsync("/check-in",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", form), new("Token", token), new("Answer", "often_always")]));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM check_ins"), Is.EqualTo(1));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'check-in.answered'"), Is.EqualTo(1));

        // Staff can read the question that was sent, but never use its link: it would answer for her.
        using var connie = await As("connie@example.org");
        var messageId = await Db.Scalar<long>("SELECT id FROM messages WHERE template = 'check-in-question'");
        var shown = await connie.Get($"/messages/{messageId}");
        Assert.That(shown, Does.Contain("/check-in?token=(hidden)").And.Not.Contain(token));
    }

    [Test]
    public async Task An_expired_or_forged_reply_link_is_refused_with_a_clear_message()
    {
        var token = await QuestionSent();
        Clock.Now = At("2026-06-22T08:01:00Z");
        using var person = NewSession();
        Assert.That(await person.Get($"/check-in?token={token}", HttpStatusCode.Gone), Does.Contain("This link has expired"));
        Assert.That(await person.Get($"/check-in?token={token[..^4]}abcd", HttpStatusCode.NotFound), Does.Contain("This link is not recognised"));
        Assert.That(await person.Get("/check-in?token=' OR 1=1 --", HttpStatusCode.NotFound), Does.Contain("This link is not recognised"));
        Assert.That(await person.Get("/check-in", HttpStatusCode.NotFound), Does.Contain("This link is not recognised"));

        // Answering on a page opened before it expired: refused as expired, and nothing is written.
        using var late = NewSession();
        var lateForm = await late.Token("/account/sign-in");
        using var posted = await late.Client.PostAsync("/check-in",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", lateForm), new("Token", token), new("Answer", "never")]));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That(await posted.Content.ReadAsStringAsync(), Does.Contain("This link has expired"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM check_ins"), Is.Zero);
    }

    [Test]
    public async Task A_question_nobody_answers_becomes_one_task_after_the_set_number_of_days()
    {
        await QuestionSent();
        Clock.Now = At("2026-06-18T08:00:00Z");
        Assert.That(await SweepForNoReplies(), Is.Zero, "three days have not quite passed");
        Clock.Now = At("2026-06-18T08:02:00Z");
        Assert.That(await SweepForNoReplies(), Is.EqualTo(1));
        Assert.That(await SweepForNoReplies(), Is.Zero);
        Assert.That(await Db.Scalar<string>("SELECT reason || ':' || assigned_user_id || ':' || due_on FROM follow_up_tasks"), Is.EqualTo($"no_reply:{_connie}:2026-06-19"));
    }

    [Test]
    public async Task No_reply_is_not_chased_when_someone_has_been_in_touch_since_the_question_went()
    {
        await QuestionSent();
        await Db.Execute("INSERT INTO contacts (person_id, kind, contacted_at, created_at) VALUES (1, 'visit', '2026-06-16T14:00:00.0000000Z', '2026-06-16')");
        Clock.Now = At("2026-06-19T09:00:00Z");
        Assert.That(await SweepForNoReplies(), Is.Zero);
    }

    // ---- Follow-ups ----

    [Test]
    public async Task An_often_answer_and_a_UCLA_score_at_the_threshold_each_make_exactly_one_task()
    {
        using var connie = await Eastfield();
        foreach (var answers in new[]
        {
            new[] { ("ons_lonely", "often_always") },
            new[] { ("ons_lonely", "often_always") },
            UclaAtSix,
            UclaAtSix,
            UclaAtFive,
        })
        {
            using var recorded = await Record(connie, answers);
            Assert.That((int)recorded.StatusCode, Is.EqualTo(302), await recorded.Content.ReadAsStringAsync());
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM check_ins"), Is.EqualTo(5));
        Assert.That(await Db.Query<string>("SELECT reason || ':' || assigned_user_id || ':' || due_on FROM follow_up_tasks ORDER BY id"),
            Is.EqualTo(new[] { $"worrying_answer:{_connie}:2026-06-02", $"worrying_answer:{_connie}:2026-06-02" }));

        // The next day the same answer is a new task.
        Clock.Now = DayZero.AddDays(1);
        using (var nextDay = await As("connie@example.org"))
        using (await Record(nextDay, ("ons_lonely", "often_always")))
        {
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM follow_up_tasks"), Is.EqualTo(3));
    }

    [Test]
    public async Task A_follow_up_is_on_the_connectors_home_page_and_is_closed_with_a_note()
    {
        using (var connie = await Eastfield())
        using (await Record(connie, ("ons_lonely", "often_always"), ("ons4_anxiety", "8")))
        {
        }

        var taskId = await Db.Scalar<long>("SELECT id FROM follow_up_tasks");
        using var session = await As("connie@example.org");
        var home = await session.Get("/");
        Assert.That(home, Does.Contain("A check-in answer to follow up: Margaret Jones").And.Contain("due 2 June 2026"));
        Assert.That(home, Does.Not.Contain("Often/always").And.Not.Contain("Anxiety"), "the home page names the task, not the answer");
        using var cora = await As("cora@example.org");
        Assert.That(await cora.Get("/"), Does.Contain("A check-in answer to follow up: Margaret Jones"), "a coordinator sees their areas' follow-ups");

        // A new checker takes the open follow-up with the person; the old one no longer sees it.
        var olu = await Db.Scalar<long>("SELECT id FROM users WHERE email = 'olu@example.org'");
        await Db.Execute("UPDATE check_in_cadences SET checker_user_id = @Olu WHERE person_id = 1", new { Olu = olu });
        using (var oluSession = await As("olu@example.org"))
        {
            Assert.That(await oluSession.Get("/"), Does.Contain("A check-in answer to follow up: Margaret Jones"));
        }

        Assert.That(await session.Get("/"), Does.Not.Contain("A check-in answer to follow up"));
        await Db.Execute("UPDATE check_in_cadences SET checker_user_id = @Connie WHERE person_id = 1", new { Connie = _connie });

        using (var blank = await session.Post($"/follow-ups/{taskId}", new { Note = "  " }, $"/follow-ups/{taskId}"))
        {
            Assert.That(await blank.Content.ReadAsStringAsync(), Does.Contain("Enter what you did"));
        }

        using (var closed = await session.Post($"/follow-ups/{taskId}", new { Note = "Phoned her; she is going to the lunch club on Friday" }, $"/follow-ups/{taskId}"))
        {
            Assert.That((int)closed.StatusCode, Is.EqualTo(302));
        }

        Assert.That(await session.Get("/"), Does.Not.Contain("A check-in answer to follow up"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM follow_up_tasks WHERE closed_at IS NULL"), Is.Zero);
        Assert.That(await session.Get($"/follow-ups/{taskId}"), Does.Contain("Phoned her; she is going to the lunch club on Friday"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'follow-up.closed'"), Is.EqualTo(1));
    }

    // ---- Privacy ----

    [Test]
    public async Task Answers_are_seen_only_by_the_checker_coordinators_for_the_area_and_administrators_and_every_look_is_audited()
    {
        using (var connie = await Eastfield())
        using (await Record(connie, ("ons_lonely", "often_always")))
        {
        }

        var taskId = await Db.Scalar<long>("SELECT id FROM follow_up_tasks");
        using var olu = await As("olu@example.org");
        var personPage = await olu.Get("/people/1");
        Assert.That(personPage, Does.Contain("Margaret Jones").And.Not.Contain("/people/1/check-ins/new"), "another connector sees the record, not the answers");
        await olu.Get("/people/1/check-ins", HttpStatusCode.NotFound);
        await olu.Get("/people/1/check-ins/new", HttpStatusCode.NotFound);
        await olu.Get($"/follow-ups/{taskId}", HttpStatusCode.NotFound);
        using (var posted = await olu.Post("/people/1/check-ins/new", CheckIn(Clock.GetUtcNow(), ("ons_lonely", "never")), "/people"))
        {
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        using var volunteer = await SignedIn("val@example.org", "Volunteer");
        using (var refused = await volunteer.Client.GetAsync("/people/1/check-ins"))
        {
            Assert.That((int)refused.StatusCode, Is.AnyOf(403, 404));
        }

        var before = await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'check-in.viewed'");
        using var cora = await As("cora@example.org");
        Assert.That(await cora.Get("/people/1/check-ins"), Does.Contain("Often/always"));
        using var admin = await SignedIn("ada@example.org", "Administrator");
        Assert.That(await admin.Get("/people/1/check-ins"), Does.Contain("Often/always"));
        using var connieAgain = await As("connie@example.org");
        Assert.That(await connieAgain.Get("/people/1/check-ins"), Does.Contain("Often/always"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'check-in.viewed'"), Is.EqualTo(before + 3));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE detail LIKE '%often%'"), Is.Zero, "the audit says what was done, not what was said");
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM check_ins ci JOIN check_in_answers a ON a.check_in_id = ci.id WHERE a.answer = 'never'"), Is.Zero);
    }

    // ---- Recording ----

    [Test]
    public async Task A_check_in_that_is_incomplete_or_tampered_with_is_refused_clearly_and_nothing_is_saved()
    {
        using var connie = await Eastfield();
        var now = Clock.GetUtcNow();
        foreach (var (fields, message) in new (IEnumerable<KeyValuePair<string, string>>, string)[]
        {
            (CheckIn(now), "Answer at least one question"),
            (CheckIn(now, ("ons_lonely", "very")), "Choose one of the answers to “How often do you feel lonely?”"),
            (CheckIn(now, ("ons_lonely", "<script>alert(1)</script>")), "Choose one of the answers"),
            (CheckIn(now, ("ucla_companionship", "often")), "Answer all three UCLA questions, or none of them"),
            (CheckIn(now, ("ons4_anxiety", "11")), "Choose one of the answers to “On a scale"),
            (CheckIn(now, ("ons4_anxiety", "-1")), "Choose one of the answers"),
            (CheckIn(now, ("ons_lonely", "never'); DROP TABLE check_ins; --")), "Choose one of the answers"),
            (CheckIn(now, ("favourite_colour", "blue")), "The form asked a question Circles does not know"),
            (CheckIn(now, ("swemwbs_useful", "3")), "Answer all seven SWEMWBS statements"),
            (CheckIn(now.AddDays(3), ("ons_lonely", "never")), "must be today or in the past"),
            (CheckIn(now, ("ons_lonely", new string('x', 100_000))), "Choose one of the answers"),
            (CheckIn(now, ("ons_lonely", "never")).Select(f => f.Key == "Method" ? new KeyValuePair<string, string>("Method", "telepathy") : f), "Choose how you checked in"),
        })
        {
            using var response = await connie.Post("/people/1/check-ins/new", fields, "/people/1/check-ins/new");
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(body, Does.Contain("There is a problem").And.Contain(message).And.Not.Contain("<script>alert(1)</script>"), message);
        }

        // SWEMWBS, complete, is still refused until an administrator records a licence.
        using (var unlicensed = await Record(connie, Swemwbs.Questions.Select(q => (q.Key, "3")).ToArray()))
        {
            Assert.That(await unlicensed.Content.ReadAsStringAsync(), Does.Contain("once an administrator records your licence reference"));
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM check_ins"), Is.Zero);
    }

    [Test]
    public async Task Settings_set_the_threshold_and_turn_on_SWEMWBS_whose_copyright_line_goes_with_it()
    {
        using (await Eastfield())
        {
        }

        using var admin = await SignedIn("ada@example.org", "Administrator");
        var settings = new Dictionary<string, string>
        {
            ["OrganisationName"] = "Eastfield Circles", ["MeetingReminderHours"] = "48, 2", ["QuietHoursStart"] = "9pm", ["QuietHoursEnd"] = "8am",
            ["DefaultIdealDays"] = "7", ["DefaultMaximumDays"] = "21", ["UclaThreshold"] = "10", ["NoReplyDays"] = "3", ["SwemwbsLicence"] = "SW-12345",
        };
        using (var refused = await admin.Post("/admin/settings", settings, "/admin/settings"))
        {
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("Enter a UCLA score from 3 to 9"));
        }

        settings["UclaThreshold"] = "7";
        using (var saved = await admin.Post("/admin/settings", settings, "/admin/settings"))
        {
            Assert.That((int)saved.StatusCode, Is.EqualTo(302));
        }

        using var connie = await As("connie@example.org");
        Assert.That(await connie.Get("/people/1/check-ins/new"), Does.Contain(Swemwbs.Copyright).And.Contain("SW-12345"));
        using (var recorded = await Record(connie, [.. UclaAtSix, .. Swemwbs.Questions.Select(q => (q.Key, "4"))]))
        {
            Assert.That((int)recorded.StatusCode, Is.EqualTo(302), await recorded.Content.ReadAsStringAsync());
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM follow_up_tasks"), Is.Zero, "6 is under a threshold of 7");
        var page = await connie.Get("/people/1/check-ins");
        Assert.That(page, Does.Contain(Swemwbs.Copyright).And.Contain(">28<"));

        // A new person's cadence starts from the organisation's default.
        await Db.Execute("INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (2, 'Ben Okafor', 1, '2026-01-01', '2026-01-01')");
        var cadence = await connie.Get("/people/2/check-ins/cadence");
        Assert.That(cadence, Does.Contain("value=\"7\"").And.Contain("value=\"21\""));
    }

    // ---- Trends ----

    [Test]
    public async Task The_trend_chart_and_table_show_exactly_the_stored_answers()
    {
        using (await Eastfield())
        {
        }

        var stored = new (string At, string Ons, string[] Ucla)[]
        {
            ("2026-02-03T10:00:00.0000000Z", "often_always", ["often", "often", "some_of_the_time"]),
            ("2026-03-10T10:00:00.0000000Z", "some_of_the_time", ["some_of_the_time", "often", "some_of_the_time"]),
            ("2026-04-14T09:00:00.0000000Z", "occasionally", []),
            ("2026-05-19T09:00:00.0000000Z", "hardly_ever", ["hardly_ever_or_never", "hardly_ever_or_never", "some_of_the_time"]),
        };
        foreach (var (at, ons, ucla) in stored)
        {
            var id = await Db.Scalar<long>("INSERT INTO check_ins (person_id, taken_at, method, created_at) VALUES (1, @At, 'phone', @At) RETURNING id", new { At = at });
            var answers = new List<(string, string)> { ("ons_lonely", ons) };
            answers.AddRange(ucla.Select((a, i) => (Ucla3.Questions[i].Key, a)));
            foreach (var (question, answer) in answers)
            {
                await Db.Execute("INSERT INTO check_in_answers (check_in_id, question, answer) VALUES (@Id, @Question, @Answer)", new { Id = id, Question = question, Answer = answer });
            }
        }

        using var connie = await As("connie@example.org");
        var page = await connie.Get("/people/1/check-ins");

        // Worked out here, independently of the site: the wording and the sum of scores (1, 2 or 3 each).
        var wording = new Dictionary<string, string> { ["often_always"] = "Often/always", ["some_of_the_time"] = "Some of the time", ["occasionally"] = "Occasionally", ["hardly_ever"] = "Hardly ever" };
        var uclaScore = new Dictionary<string, int> { ["hardly_ever_or_never"] = 1, ["some_of_the_time"] = 2, ["often"] = 3 };
        string Day(string at) => DateTime.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var onsPoints = PointTitles(Chart(page, "ons-chart"));
        Assert.That(onsPoints, Is.EqualTo(stored.Select(s => $"{Day(s.At)}: {wording[s.Ons]}")));
        var uclaPoints = PointTitles(Chart(page, "ucla-chart"));
        Assert.That(uclaPoints, Is.EqualTo(stored.Where(s => s.Ucla.Length > 0).Select(s => $"{Day(s.At)}: {s.Ucla.Sum(a => uclaScore[a])}")));

        var rows = TableRows(page, "check-in-table");
        Assert.That(rows.Select(r => (r[0], r[2], r[3].Split(' ')[0])), Is.EqualTo(stored.Reverse().Select(s =>
            (Day(s.At), wording[s.Ons], s.Ucla.Length == 0 ? "Not" : s.Ucla.Sum(a => uclaScore[a]).ToString(CultureInfo.InvariantCulture)))));
        // The chart is described for screen readers.
        Assert.That(page, Does.Contain("role=\"img\" aria-labelledby=\"ons-chart-title ons-chart-desc\"").And.Contain("First: Often/always. Latest: Hardly ever."));
    }

    [Test]
    public async Task The_area_band_table_matches_an_independent_count_of_first_and_latest_answers()
    {
        using (await Eastfield())
        {
        }

        var answers = OnsDirectQuestion.Question.Options.Select(o => o.Value).ToArray();
        var random = new Random(20261123);
        var history = new List<(long Person, long Area, DateTimeOffset At, string Answer)>();
        for (var person = 10; person < 40; person++)
        {
            var area = person % 4 == 0 ? 2 : 1;
            await Db.Execute("INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (@Id, @Name, @Area, '2026-01-01', '2026-01-01')",
                new { Id = person, Name = $"Person {person}", Area = area });
            var count = random.Next(0, 5);
            for (var i = 0; i < count; i++)
            {
                var at = At("2026-01-05T10:00:00Z").AddDays(random.Next(0, 300)).AddMinutes(i);
                var answer = answers[random.Next(answers.Length)];
                history.Add((person, area, at, answer));
                var id = await Db.Scalar<long>("INSERT INTO check_ins (person_id, taken_at, method, created_at) VALUES (@Person, @At, 'in_person', @At) RETURNING id",
                    new { Person = person, At = at });
                await Db.Execute("INSERT INTO check_in_answers (check_in_id, question, answer) VALUES (@Id, 'ons_lonely', @Answer)", new { Id = id, Answer = answer });
            }
        }

        // A check-in with only UCLA answers does not count.
        var uclaOnly = await Db.Scalar<long>("INSERT INTO check_ins (person_id, taken_at, method, created_at) VALUES (11, '2026-12-01T10:00:00.0000000Z', 'phone', '2026-12-01') RETURNING id");
        await Db.Execute("INSERT INTO check_in_answers (check_in_id, question, answer) VALUES (@Id, 'ucla_isolated', 'often')", new { Id = uclaOnly });

        var eastfield = history.Where(h => h.Area == 1).GroupBy(h => h.Person).ToList();
        var first = eastfield.Select(g => g.OrderBy(h => h.At).First().Answer).ToList();
        var latest = eastfield.Select(g => g.OrderBy(h => h.At).Last().Answer).ToList();

        using var cora = await As("cora@example.org");
        var page = await cora.Get("/check-ins/areas?area=1");
        var rows = TableRows(page, "area-bands");
        Assert.That(rows.Select(r => r[0]), Is.EqualTo(OnsDirectQuestion.Question.Options.Select(o => o.Wording)));
        for (var i = 0; i < answers.Length; i++)
        {
            Assert.That(int.Parse(rows[i][1], CultureInfo.InvariantCulture), Is.EqualTo(first.Count(a => a == answers[i])), $"first, {answers[i]}");
            Assert.That(int.Parse(rows[i][3], CultureInfo.InvariantCulture), Is.EqualTo(latest.Count(a => a == answers[i])), $"latest, {answers[i]}");
        }

        Assert.That(page, Does.Contain($"Eastfield: {eastfield.Count} people"));

        // Another area's coordinator, or a connector, cannot look.
        using var olu = await As("olu@example.org");
        await olu.Get("/check-ins/areas?area=1", HttpStatusCode.NotFound);
        await cora.Get("/check-ins/areas?area=2", HttpStatusCode.NotFound);
    }

    private static string Chart(string page, string id)
    {
        var start = page.IndexOf($"aria-labelledby=\"{id}-title", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), $"chart {id}");
        return page[start..page.IndexOf("</svg>", start, StringComparison.Ordinal)];
    }

    private static List<string> PointTitles(string svg) =>
        PointTitle().Matches(svg).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    private static List<string[]> TableRows(string page, string id)
    {
        var start = page.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThan(0), $"table {id}");
        var body = page[page.IndexOf("<tbody", start, StringComparison.Ordinal)..page.IndexOf("</tbody>", start, StringComparison.Ordinal)];
        return TableRow().Matches(body)
            .Select(row => TableCell().Matches(row.Value).Select(c => System.Net.WebUtility.HtmlDecode(Tags().Replace(c.Groups[1].Value, "")).Trim()).ToArray())
            .ToList();
    }

    [GeneratedRegex("<circle [^>]*class=\"circles-chart-point\"><title>([^<]*)</title>")]
    private static partial Regex PointTitle();

    [GeneratedRegex("<tr class=\"govuk-table__row\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex TableCell();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
