using System.Net;
using Circles.Tests.Support;

namespace Circles.Tests.Web;

public sealed class PeopleTests : SiteTest
{
    private long _eastfield;
    private long _northside;

    [SetUp]
    public async Task Areas()
    {
        await CompleteSetup();
        await Db.Execute("INSERT INTO areas (name, created_at) VALUES ('Eastfield', '2026-01-01T00:00:00.0000000Z'), ('Northside', '2026-01-01T00:00:00.0000000Z')");
        _eastfield = await Db.Scalar<long>("SELECT id FROM areas WHERE name = 'Eastfield'");
        _northside = await Db.Scalar<long>("SELECT id FROM areas WHERE name = 'Northside'");
    }

    private async Task<WebSession> Connector(string email, params long[] areas)
    {
        var user = await TestUsers.Create(Site, email, "Connector");
        foreach (var area in areas)
        {
            await Db.Execute("INSERT INTO user_areas (user_id, area_id) VALUES (@User, @Area)", new { User = user.Id, Area = area });
        }

        var session = NewSession();
        await session.SignIn(email);
        return session;
    }

    private object Introduction(long area, string name = "Margaret Jones", string? postcode = "se1 7pb") => new
    {
        FullName = name,
        PreferredName = "Peggy",
        DateOfBirthDay = "27",
        DateOfBirthMonth = "3",
        DateOfBirthYear = "1948",
        AreaId = area.ToString(),
        Phone = "07700 900982",
        Postcode = postcode ?? "",
        PreferredChannel = "text",
        IntroducedBy = "gp_practice",
        IntroducedByDetail = "Eastfield Surgery",
        IntroducedOnDay = "2",
        IntroducedOnMonth = "11",
        IntroducedOnYear = "2026",
        Level = "2",
        Interests = "Gardening, rugby , gardening",
        Notes = "Lost her husband last year.",
        ConsentGiven = "true",
        ConsentMethod = "In person",
    };

    private async Task<long> Record(WebSession session, object form)
    {
        using var response = await session.Post("/people/new", form);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), WebSession.Excerpt(await response.Content.ReadAsStringAsync()));
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task A_connector_records_an_introduction_and_sees_the_person()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        var id = await Record(connie, Introduction(_eastfield));
        var page = await connie.Get($"/people/{id}");
        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("Margaret Jones").And.Contain("(Peggy)").And.Contain("SE1 7PB").And.Contain("Born 27 March 1948"));
            Assert.That(page, Does.Contain("A GP practice: Eastfield Surgery").And.Contain("Gardening, rugby"));
            Assert.That(page, Does.Contain("Given in person on"));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM person_interests WHERE person_id = @Id", new { Id = id }), Is.EqualTo(2));
            Assert.That(await Db.Query<string>("SELECT action FROM audit_events WHERE entity_type IN ('person', 'introduction') ORDER BY id"),
                Is.EqualTo(new[] { "person.created", "introduction.recorded", "person.viewed" }));
        });
    }

    [Test]
    public async Task People_are_found_by_surname_preferred_name_or_postcode_and_paged()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        await Record(connie, Introduction(_eastfield));
        for (var i = 0; i < 27; i++)
        {
            await Db.Execute(
                "INSERT INTO people (full_name, postcode, area_id, created_at, updated_at) VALUES (@Name, 'EF1 2AB', @Area, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z')",
                new { Name = $"Person {i:D2} Smith", Area = _eastfield });
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await connie.Get("/people?search=jon"), Does.Contain("1 person").And.Contain("Margaret Jones"));
            Assert.That(await connie.Get("/people?search=peggy"), Does.Contain("Margaret Jones"));
            Assert.That(await connie.Get("/people?search=SE1+7PB"), Does.Contain("Margaret Jones"));
            Assert.That(await connie.Get("/people?search=smith"), Does.Contain("27 people").And.Contain("Page 2"));
            Assert.That(await connie.Get("/people?search=smith&page=2"), Does.Contain("Person 26 Smith").And.Contain("27 people"));
            Assert.That(await connie.Get("/people?search=smith&page=99"), Does.Contain("Person 26 Smith").And.Contain("27 people"), "past the end shows the last page");
            Assert.That(await connie.Get("/people?search=%22*%20OR%20x%3A"), Does.Contain("Nobody matches"), "search syntax is never passed through");
            Assert.That(await connie.Get("/people?search=' OR 1=1 --"), Does.Contain("Nobody matches"));
        });
    }

    [Test]
    public async Task Search_results_are_in_name_order_like_the_list_without_words()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        // Added in the reverse of name order, and "Zoe Smith Smith" would be the best match by relevance.
        await Db.Execute(
            """
            INSERT INTO people (id, full_name, postcode, area_id, created_at, updated_at) VALUES
              (601, 'Zoe Smith Smith', 'EF9 8XY', @East, '2026-01-01', '2026-01-01'),
              (602, 'mary Smith', 'EF9 8XY', @East, '2026-01-01', '2026-01-01'),
              (603, 'Adam Smith', 'EF9 8XY', @East, '2026-01-01', '2026-01-01');
            """,
            new { East = _eastfield });

        var page = await connie.Get("/people?search=smith");

        var adam = page.IndexOf("Adam Smith", StringComparison.Ordinal);
        var mary = page.IndexOf("mary Smith", StringComparison.Ordinal);
        var zoe = page.IndexOf("Zoe Smith Smith", StringComparison.Ordinal);
        Assert.That(adam >= 0 && adam < mary && mary < zoe, Is.True, "Adam, then mary (case does not count), then Zoe");
    }

    [Test]
    public async Task Search_finds_people_only_in_the_areas_they_are_in_now_and_never_by_the_area_number()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        await Db.Execute(
            """
            INSERT INTO people (id, full_name, postcode, area_id, created_at, updated_at) VALUES
              (501, 'Sam Smith', 'EF9 8XY', @East, '2026-01-01', '2026-01-01'),
              (502, 'Sara Smith', 'NS9 8XY', @North, '2026-01-01', '2026-01-01');
            """,
            new { East = _eastfield, North = _northside });
        var before = await connie.Get("/people?search=smith");
        // Sara moves to Eastfield, Sam to Northside: search follows them.
        await Db.Execute("UPDATE people SET area_id = @East WHERE id = 502; UPDATE people SET area_id = @North WHERE id = 501", new { East = _eastfield, North = _northside });
        var after = await connie.Get("/people?search=smith");
        using var admin = await SignedIn("boss@example.org", "Administrator");
        Assert.Multiple(async () =>
        {
            Assert.That(before, Does.Contain("1 person").And.Contain("Sam Smith").And.Not.Contain("Sara Smith"));
            Assert.That(after, Does.Contain("1 person").And.Contain("Sara Smith").And.Not.Contain("Sam Smith"));
            Assert.That(await admin.Get("/people?search=smith"), Does.Contain("2 people"));
            // The area is in the index for reach only: its number is not a word anyone's record holds.
            Assert.That(await connie.Get($"/people?search={_eastfield}"), Does.Contain("Nobody matches"));
            Assert.That(await admin.Get($"/people?search={_northside}"), Does.Contain("Nobody matches"));
        });
    }

    [Test]
    public async Task People_outside_a_connectors_areas_are_invisible_and_404()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        using var nigel = await Connector("nigel@example.org", _northside);
        var id = await Record(nigel, Introduction(_northside, "Norman North"));
        Assert.Multiple(async () =>
        {
            Assert.That(await connie.Get("/people?search=norman"), Does.Contain("Nobody matches"));
            Assert.That(await connie.Get("/people"), Does.Not.Contain("Norman North"));
            await connie.Get($"/people/{id}", HttpStatusCode.NotFound);
            await connie.Get("/people/99999999", HttpStatusCode.NotFound);
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'person.viewed'"), Is.Zero, "refusals are not views");
        });

        using var admin = await SignedIn("boss@example.org", "Administrator");
        Assert.That(await admin.Get($"/people/{id}"), Does.Contain("Norman North"));
    }

    [Test]
    public async Task Volunteers_cannot_reach_people_at_all()
    {
        using var val = await SignedIn("val@example.org", "Volunteer");
        using var response = await val.Client.GetAsync("/people");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Another_areas_id_is_refused_and_nothing_is_saved()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        using var response = await connie.Post("/people/new", Introduction(_northside), "/people/new");
        Assert.Multiple(async () =>
        {
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("href=\"#AreaId\">Choose the area the person lives in"));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM people"), Is.Zero);
        });
    }

    [Test]
    public async Task An_empty_introduction_explains_every_missing_answer_and_saves_nothing()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        using var response = await connie.Post("/people/new", new { IntroducedOnDay = "", IntroducedOnMonth = "", IntroducedOnYear = "" });
        var page = await response.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("href=\"#FullName\">Enter the person’s full name"));
            Assert.That(page, Does.Contain("href=\"#AreaId\">Choose the area the person lives in"));
            Assert.That(page, Does.Contain("href=\"#IntroducedBy\">Choose who introduced the person"));
            Assert.That(page, Does.Contain("href=\"#IntroducedOnDay\">Enter the date of the introduction"));
            Assert.That(page, Does.Contain("href=\"#Level\">Choose the level of introduction"));
            Assert.That(page, Does.Contain("href=\"#ConsentGiven\">Confirm the person has agreed"));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM people"), Is.Zero);
        });
    }

    [TestCase("DateOfBirthDay", "31", "Date of birth must be a real date")]
    [TestCase("DateOfBirthYear", "", "Date of birth must include a year")]
    [TestCase("Phone", "call me maybe", "Enter a phone number")]
    [TestCase("Postcode", "NOT A CODE", "Enter a real postcode")]
    [TestCase("Email", "margaret@", "Enter an email address in the correct format")]
    [TestCase("Level", "3", "Choose the level of introduction")]
    [TestCase("Level", "two", "Choose the level of introduction")]
    [TestCase("PreferredChannel", "pigeon", "Choose how the person would like to be contacted")]
    [TestCase("AreaId", "abc", "Choose the area the person lives in")]
    public async Task Wrong_answers_are_explained_and_what_was_typed_is_kept(string field, string value, string message)
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        var form = WebSession.Fields(Introduction(_eastfield)).Where(f => f.Key != field).Append(new(field, value));
        if (field == "DateOfBirthDay")
        {
            form = form.Where(f => f.Key != "DateOfBirthMonth").Append(new("DateOfBirthMonth", "2"));
        }

        using var response = await connie.Post("/people/new", form);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page, Does.Contain(message));
            Assert.That(page, Does.Contain("value=\"Margaret Jones\""), "nothing typed is lost");
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM people"), Is.Zero);
        });
    }

    [Test]
    public async Task Huge_markup_and_quotes_are_refused_or_stored_exactly_and_shown_as_text()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        var huge = WebSession.Fields(Introduction(_eastfield)).Where(f => f.Key != "Notes").Append(new("Notes", new string('x', 100_000)));
        using (var tooBig = await connie.Post("/people/new", huge))
        {
            Assert.That(await tooBig.Content.ReadAsStringAsync(), Does.Contain("Notes must be 4000 characters or fewer"));
        }

        const string Nasty = "<script>alert('x')</script> O'Brien \"; DROP TABLE people; --";
        var id = await Record(connie, Introduction(_eastfield, Nasty));
        var page = await connie.Get($"/people/{id}");
        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Scalar<string>("SELECT full_name FROM people WHERE id = @Id", new { Id = id }), Is.EqualTo(Nasty));
            Assert.That(page, Does.Not.Contain("<script>alert"));
            Assert.That(page, Does.Contain("&lt;script&gt;"));
        });
    }

    [Test]
    public async Task The_first_conversation_saves_what_matters_and_moves_the_introduction_on()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        var id = await Record(connie, Introduction(_eastfield));
        Assert.That(await connie.Get($"/people/{id}/what-matters"), Does.Contain("What do you want to do more of?").And.Contain("What’s important to me"));
        using (var saved = await connie.Post($"/people/{id}/what-matters", new { DoMoreOf = "Gardening with <b>people</b>", Vision = "See people every week" }))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Scalar<string>("SELECT do_more_of FROM person_profiles WHERE person_id = @Id", new { Id = id }), Is.EqualTo("Gardening with <b>people</b>"));
            Assert.That(await Db.Scalar<string>("SELECT status FROM introductions WHERE person_id = @Id", new { Id = id }), Is.EqualTo("in_conversation"));
            Assert.That(await connie.Get($"/people/{id}/what-matters"), Does.Contain("Gardening with &lt;b&gt;people&lt;/b&gt;"));
        });

        using var tooLong = await connie.Post($"/people/{id}/what-matters", new { Wellbeing = new string('w', 100_000) });
        Assert.That(await tooLong.Content.ReadAsStringAsync(), Does.Contain("href=\"#Wellbeing\">The answer must be 4000 characters or fewer"));
    }

    [Test]
    public async Task The_relationship_circle_is_drawn_and_tabled_and_edited_without_javascript()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        var id = await Record(connie, Introduction(_eastfield));
        using (await connie.Post($"/people/{id}/relationships", new { Name = "Susan", Kind = "Daughter", Ring = "1" })) { }
        using (await connie.Post($"/people/{id}/relationships", new { Name = "<b>Jo</b>", Kind = "Neighbour", Ring = "3", WouldLikeCloser = "true" })) { }
        using (var bad = await connie.Post($"/people/{id}/relationships", new { Name = "", Kind = "", Ring = "9" }))
        {
            var page = await bad.Content.ReadAsStringAsync();
            Assert.That(page, Does.Contain("href=\"#Ring\">Choose which ring they belong on").And.Contain("href=\"#Name\">Enter the name"));
        }

        var circle = await connie.Get($"/people/{id}/relationships");
        Assert.Multiple(() =>
        {
            Assert.That(circle, Does.Contain("<svg").And.Contain("role=\"img\"").And.Contain(">Susan</text>"));
            Assert.That(circle, Does.Contain("&lt;b&gt;Jo&lt;/b&gt; ↑</text>"), "names in the picture are text, not markup");
            Assert.That(circle, Does.Not.Contain("<b>Jo</b>"));
            Assert.That(circle, Does.Contain("<td class=\"govuk-table__cell\">Daughter</td>"));
        });

        var susan = await Db.Scalar<long>("SELECT id FROM relationships WHERE name = 'Susan'");
        using (await connie.Post($"/people/{id}/relationships/{susan}/remove", Array.Empty<KeyValuePair<string, string>>(), $"/people/{id}/relationships")) { }
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM relationships"), Is.EqualTo(1));

        using var nigel = await Connector("nigel@example.org", _northside);
        using (var sneaky = await nigel.Post($"/people/{id}/relationships", new { Name = "Intruder", Kind = "x", Ring = "1" }, "/people"))
        {
            Assert.That(sneaky.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        await nigel.Get($"/people/{id}/relationships", HttpStatusCode.NotFound);
        await nigel.Get($"/people/{id}/what-matters", HttpStatusCode.NotFound);
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM relationships"), Is.EqualTo(1));
    }

    [Test]
    public async Task Contacts_contributions_and_goals_are_logged_on_the_person_and_checked()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        var id = await Record(connie, Introduction(_eastfield));
        using (var contact = await connie.Post($"/people/{id}/contacts/new", new { Kind = "call", OnDay = "20", OnMonth = "11", OnYear = "2026", Time = "2:30pm", Notes = "Chatted about the allotment" }))
        {
            Assert.That(contact.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await contact.Content.ReadAsStringAsync());
        }

        using (var future = await connie.Post($"/people/{id}/contacts/new", new { Kind = "visit", OnDay = "1", OnMonth = "1", OnYear = "2099" }))
        {
            Assert.That(await future.Content.ReadAsStringAsync(), Does.Contain("Date of the contact must be today or in the past"));
        }

        using (var wrongKind = await connie.Post($"/people/{id}/contacts/new", new { Kind = "telepathy", OnDay = "1", OnMonth = "11", OnYear = "2026" }))
        {
            Assert.That(await wrongKind.Content.ReadAsStringAsync(), Does.Contain("Choose the kind of contact"));
        }

        using (await connie.Post($"/people/{id}/contributions/new", new { What = "Taught two neighbours to knit", ToWhom = "Knit & Natter", GivenOnDay = "15", GivenOnMonth = "11", GivenOnYear = "2026" })) { }
        using (await connie.Post($"/people/{id}/goals/new", new { Goal = "Go to a rugby match this season" })) { }
        var goal = await Db.Scalar<long>("SELECT id FROM goals");
        using (await connie.Post($"/people/{id}/goals/{goal}/status", new { status = "achieved" }, $"/people/{id}")) { }

        var page = await connie.Get($"/people/{id}");
        Assert.Multiple(async () =>
        {
            Assert.That(page, Does.Contain("Phone call").And.Contain("20 November 2026 at 2:30pm").And.Contain("Chatted about the allotment"));
            Assert.That(page, Does.Contain("Taught two neighbours to knit, for Knit &amp; Natter"));
            Assert.That(page, Does.Contain("Go to a rugby match this season").And.Contain("Achieved"));
            Assert.That(await Db.Scalar<string>("SELECT contacted_at FROM contacts"), Is.EqualTo("2026-11-20T14:30:00.0000000Z"));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM contacts"), Is.EqualTo(1));
        });

        using var nigel = await Connector("nigel@example.org", _northside);
        using (var sneaky = await nigel.Post($"/people/{id}/contacts/new", new { Kind = "call", OnDay = "1", OnMonth = "11", OnYear = "2026" }, "/people"))
        {
            Assert.That(sneaky.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM contacts"), Is.EqualTo(1));
    }

    [Test]
    public async Task Details_can_be_changed_but_not_moved_out_of_reach()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        var id = await Record(connie, Introduction(_eastfield));
        var form = await connie.Get($"/people/{id}/edit");
        Assert.That(form, Does.Contain("value=\"Margaret Jones\"").And.Contain("value=\"27\"").And.Contain("value=\"Gardening, rugby\""));
        var changed = WebSession.Fields(Introduction(_eastfield)).Where(f => f.Key is not ("Phone" or "Interests")).Concat([new("Phone", "01632 960001"), new("Interests", "chess")]);
        using (var saved = await connie.Post($"/people/{id}/edit", changed))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        }

        var moved = WebSession.Fields(Introduction(_northside));
        using (var away = await connie.Post($"/people/{id}/edit", moved))
        {
            Assert.That(await away.Content.ReadAsStringAsync(), Does.Contain("Choose the area the person lives in"));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Scalar<string>("SELECT phone FROM people WHERE id = @Id", new { Id = id }), Is.EqualTo("01632 960001"));
            Assert.That(await Db.Scalar<long>("SELECT area_id FROM people WHERE id = @Id", new { Id = id }), Is.EqualTo(_eastfield));
            Assert.That(await connie.Get($"/people/{id}"), Does.Contain("chess").And.Not.Contain("rugby"));
            Assert.That(await Db.Scalar<string>("SELECT consent_method FROM people WHERE id = @Id", new { Id = id }), Is.EqualTo("In person"), "consent is kept");
        });
    }

    [Test]
    public async Task An_introduction_is_handed_over_and_closed_with_a_reason()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        var id = await Record(connie, Introduction(_eastfield));
        var introduction = await Db.Scalar<long>("SELECT id FROM introductions");
        var cora = await TestUsers.Create(Site, "cora@example.org", "Coordinator");
        await Db.Execute("INSERT INTO user_areas (user_id, area_id) VALUES (@User, @Area)", new { User = cora.Id, Area = _eastfield });
        var nina = await TestUsers.Create(Site, "nina@example.org", "Coordinator");
        await Db.Execute("INSERT INTO user_areas (user_id, area_id) VALUES (@User, @Area)", new { User = nina.Id, Area = _northside });
        using (await connie.Post($"/people/{id}/introductions/{introduction}", new { Status = "in_conversation", HolderUserId = nina.Id.ToString() }, $"/people/{id}")) { }
        Assert.That(await connie.Get($"/people/{id}"), Does.Contain("Choose a connector or coordinator who works in their area"), "someone who cannot see the person cannot hold them");
        using (await connie.Post($"/people/{id}/introductions/{introduction}", new { Status = "in_conversation", HolderUserId = cora.Id.ToString() }, $"/people/{id}")) { }
        Assert.That(await Db.Scalar<long>("SELECT holder_user_id FROM introductions"), Is.EqualTo(cora.Id));

        using (await connie.Post($"/people/{id}/introductions/{introduction}", new { Status = "closed" }, $"/people/{id}")) { }
        Assert.That(await connie.Get($"/people/{id}"), Does.Contain("Enter why the introduction is closing"));
        using (await connie.Post($"/people/{id}/introductions/{introduction}", new { Status = "closed", ClosedReason = "Found a lunch club on her own" }, $"/people/{id}")) { }
        using (await connie.Post($"/people/{id}/introductions/{introduction}", new { Status = "new", HolderUserId = "1" }, $"/people/{id}")) { }
        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Scalar<string>("SELECT status FROM introductions"), Is.EqualTo("closed"), "an administrator cannot be made the holder");
            Assert.That(await connie.Get($"/people/{id}"), Does.Contain("Found a lunch club on her own").And.Contain("Choose a connector or coordinator who works in their area"));
        });
    }

    [Test]
    public async Task A_connector_with_no_areas_sees_nobody()
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        var id = await Record(connie, Introduction(_eastfield));
        using var unassigned = await SignedIn("new.connector@example.org", "Connector");
        Assert.That(await unassigned.Get("/people"), Does.Contain("Nobody has been recorded yet in your areas").And.Not.Contain("Margaret Jones"));
        await unassigned.Get($"/people/{id}", HttpStatusCode.NotFound);
    }

    [TestCase("o'brien")]
    [TestCase("OBrien")]
    [TestCase("se17pb")]
    [TestCase("SE1 7PB")]
    public async Task Names_with_punctuation_and_postcodes_without_spaces_are_found(string search)
    {
        using var connie = await Connector("connie@example.org", _eastfield);
        await Record(connie, Introduction(_eastfield, "Patrick O'Brien"));
        var page = await connie.Get("/people?search=" + Uri.EscapeDataString(search));
        if (search == "OBrien")
        {
            Assert.That(page, Does.Contain("Nobody matches"), "O'Brien is two words to the index: searching OBrien as one word is not expected to find him");
        }
        else
        {
            Assert.That(page, Does.Contain("Patrick O&#x27;Brien").Or.Contain("Patrick O'Brien"));
        }
    }

    [Test]
    public async Task When_a_person_moves_area_their_circle_moves_with_them()
    {
        using var connie = await Connector("connie@example.org", _eastfield, _northside);
        var id = await Record(connie, Introduction(_eastfield));
        using (var opened = await connie.Post($"/people/{id}/open-circle", new { Purpose = "Gardening" })) { }
        using (await connie.Post($"/circles/1/members/new", new { Name = "Susan Jones", Role = "family", Phone = "07700 900123" }, "/circles/1/members/new")) { }
        using (var moved = await connie.Post($"/people/{id}/edit", WebSession.Fields(Introduction(_northside))))
        {
            Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Scalar<long>("SELECT area_id FROM circles"), Is.EqualTo(_northside));
            Assert.That(await Db.Scalar<long>("SELECT area_id FROM people WHERE full_name = 'Susan Jones'"), Is.EqualTo(_northside));
        });
        using var eastOnly = await Connector("east@example.org", _eastfield);
        await eastOnly.Get("/circles/1", HttpStatusCode.NotFound);
    }
}
