using System.Net;
using Circles.Tests.Support;
using Ical.Net;

namespace Circles.Tests.Web;

public sealed class CircleTests : SiteTest
{
    private long _eastfield;
    private long _northside;
    private WebSession _connie = null!;
    private long _personId;

    [SetUp]
    public async Task PersonInEastfield()
    {
        await CompleteSetup();
        await Db.Execute("INSERT INTO areas (name, created_at) VALUES ('Eastfield', '2026-01-01T00:00:00.0000000Z'), ('Northside', '2026-01-01T00:00:00.0000000Z')");
        _eastfield = await Db.Scalar<long>("SELECT id FROM areas WHERE name = 'Eastfield'");
        _northside = await Db.Scalar<long>("SELECT id FROM areas WHERE name = 'Northside'");
        _connie = await InArea("connie@example.org", "Connector", _eastfield);
        await Db.Execute(
            """
            INSERT INTO people (full_name, area_id, created_at, updated_at) VALUES ('Margaret Jones', @Area, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO introductions (person_id, introduced_by, introduced_on, level, status, holder_user_id, created_at)
            VALUES (last_insert_rowid(), 'self', '2026-11-01', 2, 'in_conversation', (SELECT id FROM users WHERE email = 'connie@example.org'), '2026-11-01T00:00:00.0000000Z');
            """,
            new { Area = _eastfield });
        _personId = await Db.Scalar<long>("SELECT id FROM people WHERE full_name = 'Margaret Jones'");
    }

    [TearDown]
    public void SignOut() => _connie.Dispose();

    private async Task<WebSession> InArea(string email, string role, long area)
    {
        var user = await TestUsers.Create(Site, email, role);
        await Db.Execute("INSERT INTO user_areas (user_id, area_id) VALUES (@User, @Area)", new { User = user.Id, Area = area });
        var session = NewSession();
        await session.SignIn(email);
        return session;
    }

    private static long IdFrom(HttpResponseMessage response, string after)
    {
        var path = response.Headers.Location!.OriginalString;
        var rest = path[(path.IndexOf(after, StringComparison.Ordinal) + after.Length)..];
        return long.Parse(new string(rest.TakeWhile(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<long> OpenCircle()
    {
        using var response = await _connie.Post($"/people/{_personId}/open-circle", new { Purpose = "Get back into gardening and see people every week" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        return IdFrom(response, "/circles/");
    }

    private async Task<long> AddMember(long circleId, string name, string role, string? phone = null, string? email = null)
    {
        using var response = await _connie.Post($"/circles/{circleId}/members/new", new { Name = name, Role = role, Phone = phone ?? "", Email = email ?? "" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        return await Db.Scalar<long>("SELECT m.id FROM circle_members m JOIN people p ON p.id = m.person_id WHERE p.full_name = @Name", new { Name = name });
    }

    private async Task<long> Schedule(long circleId, string day = "12", string month = "1", string year = "2027")
    {
        using var response = await _connie.Post($"/circles/{circleId}/meetings/new",
            new { DateDay = day, DateMonth = month, DateYear = year, StartTime = "2:30pm", EndTime = "4pm", Place = "The Old Bakery café, High St; upstairs" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        return IdFrom(response, "/meetings/");
    }

    [Test]
    public async Task Opening_a_circle_records_its_status_history_and_the_focus_person_as_a_member()
    {
        var circleId = await OpenCircle();
        var page = await _connie.Get($"/circles/{circleId}");
        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("Circle for Margaret Jones").And.Contain("Get back into gardening").And.Contain("Forming"));
            Assert.That(page, Does.Contain("Focus person"));
            Assert.That(await Db.Scalar<string>("SELECT status FROM introductions WHERE person_id = @Id", new { Id = _personId }), Is.EqualTo("circle_forming"));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM circle_status_changes WHERE circle_id = @Id", new { Id = circleId }), Is.EqualTo(1));
        });

        using (var closeWithoutReason = await _connie.Post($"/circles/{circleId}/status", new { Status = "closed" }, $"/circles/{circleId}"))
        {
            Assert.That(closeWithoutReason.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Assert.That(await _connie.Get($"/circles/{circleId}"), Does.Contain("Enter why the circle is closing"));
        using (await _connie.Post($"/circles/{circleId}/status", new { Status = "active" }, $"/circles/{circleId}")) { }
        using (await _connie.Post($"/circles/{circleId}/status", new { Status = "closed", Reason = "Moved to be near family" }, $"/circles/{circleId}")) { }
        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Query<string>("SELECT to_status FROM circle_status_changes WHERE circle_id = @Id ORDER BY id", new { Id = circleId }),
                Is.EqualTo(new[] { "forming", "active", "closed" }));
            Assert.That(await _connie.Get($"/circles/{circleId}"), Does.Contain("Closed: Moved to be near family"));
        });
    }

    [Test]
    public async Task Members_need_only_a_name_and_one_way_to_reach_them()
    {
        var circleId = await OpenCircle();
        await AddMember(circleId, "Susan Jones", "family", phone: "07700 900123");
        using (var noContact = await _connie.Post($"/circles/{circleId}/members/new", new { Name = "Bill", Role = "neighbour" }))
        {
            Assert.That(await noContact.Content.ReadAsStringAsync(), Does.Contain("Enter a phone number or an email address"));
        }

        using (var badRole = await _connie.Post($"/circles/{circleId}/members/new", new { Name = "Bill", Role = "focus", Phone = "07700 900124" }))
        {
            Assert.That(await badRole.Content.ReadAsStringAsync(), Does.Contain("Choose how they know the person"));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Scalar<long>("SELECT member_only FROM people WHERE full_name = 'Susan Jones'"), Is.EqualTo(1));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM circle_members WHERE circle_id = @Id", new { Id = circleId }), Is.EqualTo(2));
            Assert.That(await _connie.Get($"/circles/{circleId}"), Does.Contain("Susan Jones").And.Contain("07700 900123"));
        });
    }

    [Test]
    public async Task A_meeting_has_an_ics_invitation_that_an_independent_parser_reads_back()
    {
        var circleId = await OpenCircle();
        var meetingId = await Schedule(circleId, "1", "7", "2027");
        using var response = await _connie.Client.GetAsync($"/circles/{circleId}/meetings/{meetingId}/invitation.ics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/calendar"));
        var calendar = Calendar.Load(text)!;
        var meeting = calendar.Events.Single();
        Assert.Multiple(() =>
        {
            // 2:30pm on 1 July in London is 1:30pm UTC (British Summer Time).
            Assert.That(meeting.DtStart!.AsUtc, Is.EqualTo(new DateTime(2027, 7, 1, 13, 30, 0, DateTimeKind.Utc)));
            Assert.That(meeting.DtEnd!.AsUtc, Is.EqualTo(new DateTime(2027, 7, 1, 15, 0, 0, DateTimeKind.Utc)));
            Assert.That(meeting.Location, Is.EqualTo("The Old Bakery café, High St; upstairs"));
            Assert.That(meeting.Uid, Is.EqualTo($"circle-meeting-{meetingId}@circles"));
            Assert.That(text.Split("\r\n").All(line => System.Text.Encoding.UTF8.GetByteCount(line) <= 75), Is.True, "lines are folded at 75 octets");
            Assert.That(text, Does.Not.Contain("Margaret"), "the invitation names nobody");
        });
    }

    [TestCase("31", "2", "2027", "2:30pm", "4pm", "Date must be a real date")]
    [TestCase("12", "1", "2027", "4pm", "2:30pm", "The end time must be after the start time")]
    [TestCase("28", "3", "2027", "1:30am", "2:30am", "the clocks go forward")]
    [TestCase("12", "1", "2027", "teatime", "4pm", "Enter the start time like 2:30pm or 14:30")]
    public async Task Meeting_times_are_checked(string day, string month, string year, string start, string end, string message)
    {
        var circleId = await OpenCircle();
        using var response = await _connie.Post($"/circles/{circleId}/meetings/new",
            new { DateDay = day, DateMonth = month, DateYear = year, StartTime = start, EndTime = end, Place = "Church hall" });
        Assert.Multiple(async () =>
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(message));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM meetings"), Is.Zero);
        });
    }

    [Test]
    public async Task Attendance_and_three_actions_appear_on_the_next_agenda_and_the_home_page()
    {
        var circleId = await OpenCircle();
        var susan = await AddMember(circleId, "Susan Jones", "family", phone: "07700 900123");
        var margaret = await Db.Scalar<long>("SELECT id FROM circle_members WHERE role = 'focus'");
        var first = await Schedule(circleId, "12", "1", "2027");
        using (var recorded = await _connie.Post($"/circles/{circleId}/meetings/{first}", new { Status = "held", Attended = new[] { susan, margaret }, Notes = "A good start" }))
        {
            Assert.That(recorded.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await recorded.Content.ReadAsStringAsync());
        }

        foreach (var (what, who, due) in new[] { ("Find out when the allotment society meets", susan, "20"), ("Bring seed catalogues", margaret, "10"), ("Ask the church about a lift", susan, "") })
        {
            using var added = await _connie.Post($"/circles/{circleId}/actions/new",
                new { MeetingId = first.ToString(), Description = what, OwnerMemberId = who.ToString(), DueOnDay = due, DueOnMonth = due == "" ? "" : "11", DueOnYear = due == "" ? "" : "2026" },
                $"/circles/{circleId}/actions/new?meetingId={first}");
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await added.Content.ReadAsStringAsync());
        }

        var next = await Schedule(circleId, "9", "2", "2027");
        var agenda = await _connie.Get($"/circles/{circleId}/meetings/{next}");
        var home = await _connie.Get("/");
        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM meeting_attendance WHERE meeting_id = @Id", new { Id = first }), Is.EqualTo(2));
            Assert.That(agenda, Does.Contain("Find out when the allotment society meets").And.Contain("Bring seed catalogues").And.Contain("Ask the church about a lift"));
            Assert.That(home, Does.Contain("Circle for Margaret Jones").Or.Contain("Margaret Jones"));
            Assert.That(home, Does.Contain("Overdue").And.Contain("Bring seed catalogues"));
            Assert.That(home, Does.Contain("9 February 2027 at 2:30pm"));
        });
    }

    [Test]
    public async Task Attendance_and_actions_only_take_this_circles_members()
    {
        var circleId = await OpenCircle();
        var meeting = await Schedule(circleId);
        await Db.Execute(
            """
            INSERT INTO people (full_name, area_id, created_at, updated_at) VALUES ('Other', @Area, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO circles (focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES (last_insert_rowid(), 'x', @Area, 'active', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO circle_members (circle_id, person_id, role, joined_on) VALUES (last_insert_rowid(), (SELECT id FROM people WHERE full_name = 'Other'), 'focus', '2026-01-01');
            """,
            new { Area = _eastfield });
        var stranger = await Db.Scalar<long>("SELECT max(id) FROM circle_members");
        using (var attendance = await _connie.Post($"/circles/{circleId}/meetings/{meeting}", new { Status = "held", Attended = new[] { stranger } }))
        {
            Assert.That(await attendance.Content.ReadAsStringAsync(), Does.Contain("Choose who came from the circle’s members"));
        }

        using (var action = await _connie.Post($"/circles/{circleId}/actions/new", new { Description = "Sneaky", OwnerMemberId = stranger.ToString() }))
        {
            Assert.That(await action.Content.ReadAsStringAsync(), Does.Contain("Choose who will do it from the circle’s members"));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM meeting_attendance"), Is.Zero);
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM actions"), Is.Zero);
        });
    }

    [Test]
    public async Task Another_areas_connector_gets_404_everywhere_in_the_circle()
    {
        var circleId = await OpenCircle();
        var meeting = await Schedule(circleId);
        using var nigel = await InArea("nigel@example.org", "Connector", _northside);
        await nigel.Get($"/circles/{circleId}", HttpStatusCode.NotFound);
        await nigel.Get($"/circles/{circleId}/meetings/{meeting}", HttpStatusCode.NotFound);
        await nigel.Get($"/circles/{circleId}/meetings/{meeting}/invitation.ics", HttpStatusCode.NotFound);
        await nigel.Get($"/circles/{circleId}/members/new", HttpStatusCode.NotFound);
        await nigel.Get($"/people/{_personId}/open-circle", HttpStatusCode.NotFound);
        using (var post = await nigel.Post($"/circles/{circleId}/members/new", new { Name = "Intruder", Role = "friend", Phone = "07700 900999" }, "/circles"))
        {
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        Assert.That(await nigel.Get("/circles"), Does.Contain("There are no circles to show"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM people WHERE full_name = 'Intruder'"), Is.Zero);
    }

    [Test]
    public async Task A_volunteer_facilitator_sees_their_circle_but_not_the_persons_record()
    {
        var circleId = await OpenCircle();
        using var val = await InArea("val@example.org", "Volunteer", _eastfield);
        var valId = await Db.Scalar<long>("SELECT id FROM users WHERE email = 'val@example.org'");
        await val.Get($"/circles/{circleId}", HttpStatusCode.NotFound);
        using (var assigned = await _connie.Post($"/circles/{circleId}/facilitator", new { FacilitatorUserId = valId.ToString() }, $"/circles/{circleId}"))
        {
            Assert.That(assigned.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        var page = await val.Get($"/circles/{circleId}");
        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("Circle for Margaret Jones").And.Not.Contain("Margaret Jones’s record").And.Not.Contain("Change status"));
            Assert.That(await val.Get("/"), Does.Contain("Margaret Jones"));
            using var record = await val.Client.GetAsync($"/people/{_personId}");
            Assert.That(record.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });

        using var notAVolunteer = await _connie.Post($"/circles/{circleId}/facilitator", new { FacilitatorUserId = "1" }, $"/circles/{circleId}");
        Assert.That(await _connie.Get($"/circles/{circleId}"), Does.Contain("Choose a volunteer from the list"));
    }

    [Test]
    public async Task Facilitators_are_suggested_with_reasons_and_one_can_be_assigned()
    {
        await Db.Execute(
            """
            INSERT INTO postcodes (postcode, latitude, longitude) VALUES ('EF1 2AB', 51.5014, -0.1419), ('EF1 3CD', 51.5064, -0.1419), ('ZZ9 9ZZ', 53.0, -1.0);
            UPDATE people SET postcode = 'EF1 2AB' WHERE full_name = 'Margaret Jones';
            INSERT INTO interests (name, created_at) VALUES ('gardening', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO person_interests (person_id, interest_id) SELECT id, (SELECT id FROM interests) FROM people WHERE full_name = 'Margaret Jones';
            """);
        using var near = await InArea("near@example.org", "Volunteer", _eastfield);
        using (await near.Post("/account/volunteering", new { Postcode = "ef1 3cd", Interests = "Gardening, birds", Availability = new[] { "tue-pm", "wed-am" } })) { }
        using var far = await InArea("far@example.org", "Volunteer", _eastfield);
        using (await far.Post("/account/volunteering", new { Postcode = "ZZ9 9ZZ", Interests = "chess" })) { }
        using (var bad = await far.Post("/account/volunteering", new { Postcode = "nope", Availability = new[] { "someday" } }))
        {
            var page = await bad.Content.ReadAsStringAsync();
            Assert.That(page, Does.Contain("Enter a real postcode").And.Contain("Choose times from the list"));
        }

        var circleId = await OpenCircle();
        await Schedule(circleId, "12", "1", "2027");
        var circle = await _connie.Get($"/circles/{circleId}");
        var nearAt = circle.IndexOf("Test near", StringComparison.Ordinal);
        var farAt = circle.IndexOf("Test far", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(nearAt, Is.GreaterThan(0));
            Assert.That(nearAt, Is.LessThan(farAt), "the nearby gardener comes first");
            Assert.That(circle, Does.Contain("Shares an interest: gardening").And.Contain("walking distance").And.Contain("Free when the circle meets: Tuesday afternoon"));
        });

        var nearId = await Db.Scalar<long>("SELECT id FROM users WHERE email = 'near@example.org'");
        using (await _connie.Post($"/circles/{circleId}/facilitator", new { FacilitatorUserId = nearId.ToString() }, $"/circles/{circleId}")) { }
        Assert.That(await Db.Scalar<long>("SELECT facilitator_user_id FROM circles WHERE id = @Id", new { Id = circleId }), Is.EqualTo(nearId));

        // With a facilitator there is nothing to suggest, but the list still offers every volunteer in the area.
        var matched = await _connie.Get($"/circles/{circleId}");
        var farId = await Db.Scalar<long>("SELECT id FROM users WHERE email = 'far@example.org'");
        Assert.Multiple(() =>
        {
            Assert.That(matched, Does.Not.Contain("Suggested facilitators"));
            Assert.That(matched, Does.Contain($"<option value=\"{nearId}\" selected=\"selected\">Test near</option>"));
            Assert.That(matched, Does.Contain($"<option value=\"{farId}\">Test far</option>"));
        });
    }
}
