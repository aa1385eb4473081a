using System.Net;
using System.Text;
using Circles.Tests.Support;

namespace Circles.Tests.Web;

/// <summary>Community assets over HTTP: adding, searching near a postcode, reach, connections, checking and CSV files.</summary>
public sealed class AssetTests : SiteTest
{
    /// <summary>Eastfield (area 1) with two postcodes 550 m apart; Northside (area 2) far away.</summary>
    private async Task Areas()
    {
        await Db.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00Z'), (2, 'Northside', '2026-01-01T00:00:00Z');
            INSERT INTO postcodes (postcode, latitude, longitude) VALUES ('EF1 2AB', 51.5014, -0.1419), ('EF1 3CD', 51.5064, -0.1419), ('NS9 9ZZ', 53.0, -1.0);
            """);
    }

    private async Task<WebSession> InArea(string email, string role, long area)
    {
        await TestUsers.Create(Site, email, role);
        await Db.Execute("INSERT INTO user_areas (user_id, area_id) SELECT id, @Area FROM users WHERE email = @Email", new { Area = area, Email = email });
        var session = NewSession();
        await session.SignIn(email);
        return session;
    }

    private static List<KeyValuePair<string, string>> KnitAndNatter(params (string Key, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Name"] = "Knit & Natter",
            ["Kind"] = "association",
            ["Description"] = "Knitting, crochet and a cup of tea at Eastfield Library. All welcome, bring a project or learn.",
            ["Tags"] = "knitting, crafts",
            ["AreaId"] = "1",
            ["Address"] = "Eastfield Library\nHigh Street",
            ["Postcode"] = "ef1 2ab",
            ["ScheduleFrequency"] = "MONTHLY",
            ["ScheduleInterval"] = "1",
            ["OpensAt"] = "10:00",
            ["ClosesAt"] = "12pm",
            ["Cost"] = "Free",
            ["Status"] = "active",
        };
        foreach (var (key, value) in changes)
        {
            fields[key] = value;
        }

        return
        [
            .. fields, new("ScheduleDays", "TU"), new("ScheduleWeeks", "2"), new("ScheduleWeeks", "4"), new("Accessibility", "step_free"), new("Accessibility", "hearing_loop"),
        ];
    }

    private static async Task<long> Added(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), WebSession.Excerpt(body));
        return long.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task A_coordinator_adds_Knit_and_Natter_and_a_connector_finds_it_by_searching_knit_near_a_nearby_postcode()
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        var id = await Added(await coordinator.Post("/assets/new", KnitAndNatter(), "/assets/new"));

        var page = await coordinator.Get($"/assets/{id}");
        Assert.That(page, Does.Contain("Knit &amp; Natter").And.Contain("2nd and 4th Tuesday of the month, 10:00am to midday")
            .And.Contain("Step-free access, Hearing loop").And.Contain("EF1 2AB").And.Contain("crafts, knitting"));
        Assert.That(await Db.Scalar<string>("SELECT byday FROM asset_schedules WHERE asset_id = @Id", new { Id = id }), Is.EqualTo("2TU,4TU"));
        Assert.That(await Db.Scalar<double>("SELECT latitude FROM community_assets WHERE id = @Id", new { Id = id }), Is.EqualTo(51.5014));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'asset.created'"), Is.EqualTo(1));

        await Db.Execute(
            """
            INSERT INTO community_assets (uid, name, kind, area_id, latitude, longitude, last_verified_on, created_at, updated_at)
            VALUES ('00000000-0000-4000-8000-000000000001', 'Knitting circle at the far end', 'association', 2, 53.0, -1.0, '2026-01-01', '2026-01-01', '2026-01-01'),
                   ('00000000-0000-4000-8000-000000000002', 'Bowls club', 'association', 1, 51.5064, -0.1419, '2026-01-01', '2026-01-01', '2026-01-01');
            """);
        using var connector = await InArea("con@example.org", "Connector", 1);
        var results = await connector.Get("/assets?search=knit&near=ef13cd");
        Assert.That(results, Does.Contain("1 asset within 10 miles of EF1 3CD, nearest first").And.Contain("0.3 miles")
            .And.Not.Contain("Knitting circle at the far end").And.Not.Contain("Bowls club"));
        var anywhere = await connector.Get("/assets?search=knit&near=ef13cd&within=any");
        Assert.That(anywhere, Does.Contain("2 assets, nearest to EF1 3CD first"));
        Assert.That(anywhere.IndexOf("Knit &amp; Natter", StringComparison.Ordinal), Is.LessThan(anywhere.IndexOf("Knitting circle at the far end", StringComparison.Ordinal)));
        var pastTheEnd = await connector.Get("/assets?search=knit&near=ef13cd&within=any&page=99");
        Assert.That(pastTheEnd, Does.Contain("2 assets, nearest to EF1 3CD first").And.Contain("Knitting circle at the far end"), "past the end shows the last page");

        var unknown = await connector.Get("/assets?search=knit&near=ZZ1+1ZZ");
        Assert.That(unknown, Does.Contain("We do not know where ZZ1 1ZZ is").And.Contain("govuk-error-summary"));
        var notAPostcode = await connector.Get("/assets?near=%3Cscript%3E");
        Assert.That(notAPostcode, Does.Contain("Enter a real postcode").And.Not.Contain("<script>"));
    }

    [Test]
    public async Task A_search_near_a_postcode_looks_within_ten_miles_unless_asked_wider_and_offers_to_widen_when_nothing_is_near()
    {
        await Areas();
        // From EF1 3CD: 0.3 miles, about 7 miles and about 20 miles north, somewhere with no fixed place, and 110 miles away.
        await Db.Execute(
            """
            INSERT INTO community_assets (uid, name, kind, area_id, latitude, longitude, last_verified_on, created_at, updated_at)
            VALUES ('00000000-0000-4000-8000-000000000011', 'Walking group on the doorstep', 'association', 1, 51.5014, -0.1419, '2026-01-01', '2026-01-01', '2026-01-01'),
                   ('00000000-0000-4000-8000-000000000012', 'Walking group seven miles out', 'association', 1, 51.6077, -0.1419, '2026-01-01', '2026-01-01', '2026-01-01'),
                   ('00000000-0000-4000-8000-000000000013', 'Walking group twenty miles out', 'association', 1, 51.7958, -0.1419, '2026-01-01', '2026-01-01', '2026-01-01'),
                   ('00000000-0000-4000-8000-000000000014', 'Walking group by phone', 'association', 1, NULL, NULL, '2026-01-01', '2026-01-01', '2026-01-01'),
                   ('00000000-0000-4000-8000-000000000015', 'Walking group up north', 'association', 2, 53.0, -1.0, '2026-01-01', '2026-01-01', '2026-01-01');
            """);
        using var connector = await InArea("con@example.org", "Connector", 1);

        var byDefault = await connector.Get("/assets?search=walking&near=EF1+3CD");
        Assert.That(byDefault, Does.Contain("3 assets within 10 miles of EF1 3CD, nearest first").And.Contain("Walking group seven miles out")
            .And.Not.Contain("twenty miles out").And.Not.Contain("up north"));
        Assert.That(byDefault.IndexOf("seven miles out", StringComparison.Ordinal), Is.LessThan(byDefault.IndexOf("by phone", StringComparison.Ordinal)),
            "somewhere with no fixed place comes after those nearby");
        Assert.That(byDefault, Does.Contain("<option value=\"10\" selected=\"selected\">10 miles</option>"));
        Assert.That(await connector.Get("/assets?search=walking&near=EF1+3CD&within=5"), Does.Contain("2 assets within 5 miles").And.Contain("by phone").And.Not.Contain("seven miles out"));
        Assert.That(await connector.Get("/assets?search=walking&near=EF1+3CD&within=25"), Does.Contain("4 assets within 25 miles").And.Contain("twenty miles out"));
        Assert.That(await connector.Get("/assets?search=walking&near=EF1+3CD&within=any"), Does.Contain("5 assets, nearest to EF1 3CD first").And.Contain("up north"));
        // Anything else asked for is the default: it is a search, not a form to refuse.
        foreach (var odd in new[] { "7", "-1", "abc", "%3Cscript%3E", "10%27%20OR%201%3D1", new string('9', 400) })
        {
            var page = await connector.Get($"/assets?search=walking&near=EF1+3CD&within={odd}");
            Assert.That(page, Does.Contain("3 assets within 10 miles").And.Not.Contain("<script>"), odd);
        }

        // Nothing near: say so, and offer the next distance out, keeping everything else asked.
        var nothingNear = await connector.Get("/assets?search=walking&near=EF1+3CD&within=1&kind=institution");
        Assert.That(System.Net.WebUtility.HtmlDecode(nothingNear), Does.Contain("Nothing within 1 mile of EF1 3CD matches")
            .And.Contain("/assets?search=walking&near=EF1%203CD&kind=institution&within=3\">Look within 3 miles"));
        var nothingAtFifty = await connector.Get("/assets?search=nothing-by-this-name&near=EF1+3CD&within=50");
        Assert.That(System.Net.WebUtility.HtmlDecode(nothingAtFifty), Does.Contain("within=any\">Look at any distance"));
    }

    [Test]
    public async Task Filters_find_by_kind_interest_day_accessibility_and_status()
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        await Added(await coordinator.Post("/assets/new", KnitAndNatter(), "/assets/new"));
        await Added(await coordinator.Post("/assets/new",
            [.. KnitAndNatter(("Name", "Saturday walk"), ("Kind", "physical_space"), ("Tags", "walking"), ("ScheduleFrequency", "WEEKLY"), ("Status", "temporarily_closed"))
                .Where(f => f.Key is not ("ScheduleDays" or "Accessibility")), new("ScheduleDays", "SA")], "/assets/new"));

        Assert.That(await coordinator.Get("/assets?day=TU"), Does.Contain("Knit &amp; Natter").And.Not.Contain("Saturday walk"));
        Assert.That(await coordinator.Get("/assets?day=SA&status=any"), Does.Contain("Saturday walk").And.Contain("Every Saturday, 10:00am to midday").And.Not.Contain("Knit &amp;"));
        Assert.That(await coordinator.Get("/assets?status=any&access=step_free&access=hearing_loop"), Does.Contain("Knit &amp; Natter").And.Not.Contain("Saturday walk"));
        Assert.That(await coordinator.Get("/assets?status=any&kind=physical_space"), Does.Contain("Saturday walk").And.Not.Contain("Knit &amp;"));
        Assert.That(await coordinator.Get("/assets?status=any&tag=WALKING"), Does.Contain("Saturday walk").And.Not.Contain("Knit &amp;"));
        Assert.That(await coordinator.Get("/assets"), Does.Not.Contain("Saturday walk"), "temporarily closed is not shown unless asked for");
        Assert.That(await coordinator.Get("/assets?search=crochet"), Does.Contain("Knit &amp; Natter"), "descriptions are searched");
        Assert.That(await coordinator.Get("/assets?kind=nonsense&day=XX&access=%27%20OR%201%3D1--&page=-4"), Does.Contain("Knit &amp; Natter"));
    }

    [TestCase("Name", "", "Enter the asset’s name")]
    [TestCase("Kind", "club", "Choose what kind of asset it is")]
    [TestCase("Postcode", "not a postcode", "Enter a real postcode")]
    [TestCase("Postcode", "ZZ1 1ZZ", "We do not know where ZZ1 1ZZ is")]
    [TestCase("Latitude", "51.5", "Enter both latitude and longitude")]
    [TestCase("Website", "javascript:alert(1)", "Enter a website address")]
    [TestCase("ClosesAt", "9am", "The finishing time must be after the starting time")]
    [TestCase("OpensAt", "25:99", "Enter a real starting time")]
    [TestCase("ScheduleFrequency", "YEARLY", "Choose every week, every month")]
    [TestCase("ContactEmail", "not-an-email", "Enter an email address in the correct format")]
    [TestCase("Status", "gone", "Choose whether it is running")]
    [TestCase("AreaId", "2", "Choose the area the asset is in")]
    [TestCase("AreaId", "abc", "Choose the area the asset is in")]
    [TestCase("ScheduleFrequency", "", "Choose how often it meets, or clear the days and times")]
    public async Task A_wrong_field_is_explained_and_nothing_is_saved(string field, string value, string message)
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        using var response = await coordinator.Post("/assets/new", KnitAndNatter((field, value)), "/assets/new");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), WebSession.Excerpt(body));
        Assert.That(WebUtility.HtmlDecode(body), Does.Contain("There is a problem").And.Contain(message));
        Assert.That(body, Does.Contain("Knitting, crochet and a cup of tea"), "what was typed is kept");
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM community_assets"), Is.Zero);
    }

    [Test]
    public async Task A_monthly_pattern_needs_its_weeks_and_huge_or_hostile_text_is_kept_safe()
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        using var noWeeks = await coordinator.Post("/assets/new", KnitAndNatter().Where(f => f.Key != "ScheduleWeeks"), "/assets/new");
        Assert.That(await noWeeks.Content.ReadAsStringAsync(), Does.Contain("Choose which weeks of the month it meets"));

        using var huge = await coordinator.Post("/assets/new", KnitAndNatter(("Name", new string('x', 5000))), "/assets/new");
        Assert.That(await huge.Content.ReadAsStringAsync(), Does.Contain("Name must be 200 characters or fewer"));

        var id = await Added(await coordinator.Post("/assets/new",
            KnitAndNatter(("Name", "<script>alert('x')</script> Robert'); DROP TABLE community_assets;--"), ("Description", "<img src=x onerror=alert(1)>")), "/assets/new"));
        var page = await coordinator.Get($"/assets/{id}");
        Assert.That(page, Does.Not.Contain("<script>alert").And.Not.Contain("<img src=x"));
        Assert.That(await coordinator.Get("/assets?search=robert%27%29%3B+DROP"), Does.Contain("DROP TABLE community_assets"));
    }

    [Test]
    public async Task Connectors_find_and_use_assets_but_only_coordinators_of_the_area_change_them()
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        var id = await Added(await coordinator.Post("/assets/new", KnitAndNatter(), "/assets/new"));

        using var connector = await InArea("con@example.org", "Connector", 1);
        Assert.That(await connector.Get($"/assets/{id}"), Does.Not.Contain("Change details").And.Not.Contain("Checked today"));
        await connector.Get($"/assets/{id}/edit", HttpStatusCode.NotFound);
        await connector.Get("/assets/import", HttpStatusCode.NotFound);
        await connector.Get("/assets/stale", HttpStatusCode.NotFound);
        await connector.Get("/assets/export", HttpStatusCode.NotFound);

        using var elsewhere = await InArea("north@example.org", "Coordinator", 2);
        Assert.That(await elsewhere.Get($"/assets/{id}"), Does.Contain("Knit &amp; Natter").And.Not.Contain("Change details"), "groups are for everyone to find");
        await elsewhere.Get($"/assets/{id}/edit", HttpStatusCode.NotFound);
        using var verify = await elsewhere.Post($"/assets/{id}/verified", [], "/assets");
        Assert.That(verify.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var change = await elsewhere.Post($"/assets/{id}/edit", KnitAndNatter(("AreaId", "2")), "/assets");
        Assert.That(change.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        using var volunteer = await InArea("val@example.org", "Volunteer", 1);
        await volunteer.Get("/assets", HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_individuals_gifts_are_seen_only_in_their_area()
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        var id = await Added(await coordinator.Post("/assets/new", KnitAndNatter(("Name", "Doris teaches knitting"), ("Kind", "individual")), "/assets/new"));
        Assert.That(await coordinator.Get("/assets?search=doris"), Does.Contain("Doris teaches knitting"));

        using var elsewhere = await InArea("north@example.org", "Connector", 2);
        await elsewhere.Get($"/assets/{id}", HttpStatusCode.NotFound);
        Assert.That(await elsewhere.Get("/assets?search=doris"), Does.Not.Contain("Doris"));
        Assert.That(await coordinator.Get("/assets/export"), Does.Not.Contain("Doris"), "never exported");

        // A Northside person introduced to Doris (by an administrator): their connector sees the person, not Doris.
        await Db.Execute(
            """
            INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (7, 'Ned North', 2, '2026-01-01', '2026-01-01');
            INSERT INTO asset_connections (asset_id, person_id, status, status_on, created_at, updated_at) VALUES (@Id, 7, 'suggested', '2026-02-01', '2026-02-01', '2026-02-01');
            """,
            new { Id = id });
        Assert.That(await elsewhere.Get("/people/7"), Does.Not.Contain("Doris").And.Contain("Not introduced to any community assets yet"));
    }

    [Test]
    public async Task Introducing_a_person_shows_on_their_page_and_as_a_count_to_those_who_may_not_see_them()
    {
        await Areas();
        await Db.Execute(
            """
            INSERT INTO people (id, full_name, preferred_name, postcode, area_id, created_at, updated_at) VALUES (1, 'Rose Rowe', 'Rose', 'EF1 3CD', 1, '2026-01-01', '2026-01-01');
            """);
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        var id = await Added(await coordinator.Post("/assets/new", KnitAndNatter(), "/assets/new"));

        using var connector = await InArea("con@example.org", "Connector", 1);
        Assert.That(await connector.Get("/people/1"), Does.Contain("Not introduced to any community assets yet").And.Contain("/assets?for=1&amp;nearPerson=1"));
        var near = await connector.Get("/assets?for=1&nearPerson=1");
        Assert.That(near, Does.Contain("Finding a community asset for Rose").And.Contain("within 10 miles of Rose’s home, nearest first").And.Contain($"/assets/{id}?for=1"));
        Assert.That(await connector.Get($"/assets/{id}?for=1"), Does.Contain($"/people/1/connections/new?asset={id}"));

        var form = $"/people/1/connections/new?asset={id}";
        using var suggested = await connector.Post("/people/1/connections/new",
            new { AssetId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Status = "suggested", OnDay = "2", OnMonth = "3", OnYear = "2026", Note = "Loves knitting" }, form);
        Assert.That(suggested.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var went = await connector.Post("/people/1/connections/new",
            new { AssetId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Status = "goes_regularly", OnDay = "20", OnMonth = "4", OnYear = "2026", Note = "" }, form);
        Assert.That(went.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var person = await connector.Get("/people/1");
        Assert.That(person, Does.Contain("Knit &amp; Natter</a>:").And.Contain("Goes regularly").And.Contain("20 April 2026").And.Contain("Loves knitting"));
        var asset = await connector.Get($"/assets/{id}");
        Assert.That(asset, Does.Contain("1 person has been introduced: 1 goes regularly").And.Contain(">Rose</a>"));

        using var elsewhere = await InArea("north@example.org", "Connector", 2);
        var seenElsewhere = await elsewhere.Get($"/assets/{id}");
        Assert.That(seenElsewhere, Does.Contain("1 person has been introduced: 1 goes regularly").And.Contain("1 person is in areas you do not work in"));
        Assert.That(seenElsewhere, Does.Not.Contain("Rose").And.Not.Contain("/people/1"));
        using var stranger = await elsewhere.Post("/people/1/connections/new",
            new { AssetId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Status = "declined", OnDay = "1", OnMonth = "5", OnYear = "2026" }, "/assets");
        Assert.That(stranger.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another area's person is refused like a missing one");
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM asset_connection_events"), Is.EqualTo(2));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'asset.connection-recorded'"), Is.EqualTo(2));

        using var future = await connector.Post("/people/1/connections/new",
            new { AssetId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Status = "went_once", OnDay = "1", OnMonth = "1", OnYear = "2099" }, form);
        Assert.That(await future.Content.ReadAsStringAsync(), Does.Contain("The date must be today or in the past"));
    }

    [Test]
    public async Task Assets_unchecked_for_twelve_months_are_listed_and_checked_today_in_one_click()
    {
        await Areas();
        var today = Circles.Core.Common.UkTime.Today(TimeProvider.System);
        await Db.Execute(
            """
            INSERT INTO community_assets (id, uid, name, kind, area_id, last_verified_on, created_at, updated_at) VALUES
              (1, '00000000-0000-4000-8000-000000000001', 'Old lunch club', 'association', 1, @Stale, '2020-01-01', '2020-01-01'),
              (2, '00000000-0000-4000-8000-000000000002', 'Fresh café', 'local_economy', 1, @Fresh, '2020-01-01', '2020-01-01'),
              (3, '00000000-0000-4000-8000-000000000003', 'Far away hall', 'physical_space', 2, @Stale, '2020-01-01', '2020-01-01');
            """,
            new { Stale = today.AddMonths(-13).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Fresh = today.AddMonths(-11).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        var stale = await coordinator.Get("/assets/stale");
        Assert.That(stale, Does.Contain("Old lunch club").And.Not.Contain("Fresh café").And.Not.Contain("Far away hall"));

        using var checkedToday = await coordinator.Post("/assets/1/verified", new { returnTo = "stale" }, "/assets/stale");
        Assert.That(checkedToday.Headers.Location?.OriginalString, Is.EqualTo("/assets/stale"));
        Assert.That(await coordinator.Get("/assets/stale"), Does.Contain("Everything in your areas has been checked recently"));
        Assert.That(await coordinator.Get("/assets/1"), Does.Contain($"Last checked</dt>").And.Contain(Circles.Core.Common.Display.Date(today)));
    }

    private static MultipartFormDataContent CsvUpload(string csv, string token)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "File", "assets.csv" },
        };
        return content;
    }

    private static async Task<HttpResponseMessage> Upload(WebSession session, string csv)
    {
        var token = await session.Token("/assets/import");
        return await session.Client.PostAsync("/assets/import", CsvUpload(csv, token));
    }

    [Test]
    public async Task A_CSV_with_bad_lines_is_refused_line_by_line_and_nothing_is_imported()
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        const string csv =
            """
            name,kind,area,postcode,schedule_freq,schedule_byday,opens_at,closes_at,accessibility,website
            Knit & Natter,association,Eastfield,EF1 2AB,MONTHLY,"2TU,4TU",10:00,12:00,step_free,
            ,association,Eastfield,,,,,,,
            Bowls,sports,Eastfield,,,,,,,
            Lunch club,association,Northside,,,,,,,
            Choir,association,Eastfield,ZZ1 1ZZ,WEEKLY,2TU,,,teleport,javascript:alert(1)
            """;
        using var response = await Upload(coordinator, csv);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), WebSession.Excerpt(body));
        Assert.That(body, Does.Contain("Line 3: Enter the asset’s name"));
        Assert.That(body, Does.Contain("Line 4: Choose what kind of asset it is"));
        Assert.That(body, Does.Contain("Line 5: “Northside” is not one of your areas"));
        Assert.That(body, Does.Contain("Line 6: Choose accessibility features from the list").And.Contain("Line 6: Enter a website address")
            .And.Contain("Line 6: The regular time is not right: a weekly pattern has days only").And.Contain("Line 6: We do not know where ZZ1 1ZZ is"));
        Assert.That(body, Does.Not.Contain("Line 2:"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM community_assets"), Is.Zero, "nothing partial");

        using var broken = await Upload(coordinator, "this,is,not\nour,file");
        Assert.That(WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()), Does.Contain("name, kind, area are missing"));
        using var empty = await Upload(coordinator, "");
        Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("Choose a CSV file to import"));
        using var headingOnly = await Upload(coordinator, "name,kind,area\n");
        Assert.That(await headingOnly.Content.ReadAsStringAsync(), Does.Contain("The file has no assets in it"));
    }

    [Test]
    public async Task A_good_file_of_twenty_thousand_assets_is_imported_whole_and_exports_back()
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        var csv = new StringBuilder("name,kind,description,tags,area,postcode,latitude,longitude,schedule_freq,schedule_byday,opens_at,closes_at,accessibility,status,last_verified_on\n");
        for (var i = 0; i < 20_000; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"Group {i},association,\"A friendly group, number {i}\",knitting;tea,Eastfield,EF1 2AB,,,WEEKLY,{(i % 2 == 0 ? "MO" : "\"TU,TH\"")},10:00,12:00,step_free;seating,active,2026-01-0{(i % 9) + 1}\n");
        }

        using var response = await Upload(coordinator, csv.ToString());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), WebSession.Excerpt(await response.Content.ReadAsStringAsync()));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM community_assets"), Is.EqualTo(20_000));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM asset_schedules"), Is.EqualTo(20_000));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM asset_interests"), Is.EqualTo(40_000));
        Assert.That(await coordinator.Get("/assets?search=group+19999"), Does.Contain("Group 19999"));
        Assert.That(await coordinator.Get("/assets?day=TH&near=EF1+3CD"), Does.Contain("10,000 assets"));

        var export = await coordinator.Get("/assets/export");
        Assert.That(export.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(20_001));
        Assert.That(export, Does.Contain("\"A friendly group, number 7\"").And.Contain("knitting; tea").And.Contain("TU,TH"));
    }

    [Test]
    public async Task An_exported_file_imports_back_as_changes_and_formulas_are_not_run_by_spreadsheets()
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        var id = await Added(await coordinator.Post("/assets/new", KnitAndNatter(("Cost", "=HYPERLINK(\"http://evil\")")), "/assets/new"));
        var export = await coordinator.Get("/assets/export");
        Assert.That(export, Does.Contain("'=HYPERLINK"));

        using var response = await Upload(coordinator, export.Replace("Knit & Natter", "Knit and Natter", StringComparison.Ordinal));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), WebSession.Excerpt(await response.Content.ReadAsStringAsync()));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM community_assets"), Is.EqualTo(1));
        Assert.That(await coordinator.Get($"/assets/{id}"), Does.Contain("Knit and Natter").And.Contain("2nd and 4th Tuesday of the month"));
    }

    [Test]
    public async Task A_file_that_changes_assets_needs_every_column_and_a_file_that_is_not_UTF8_is_refused()
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        using var partial = await Upload(coordinator, "id,name,kind,area\n00000000-0000-4000-8000-000000000001,Choir,association,Eastfield\n");
        Assert.That(WebUtility.HtmlDecode(await partial.Content.ReadAsStringAsync()), Does.Contain("A file with an id column changes assets, so it needs every column"));

        var token = await coordinator.Token("/assets/import");
        var latin1 = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent([.. Encoding.ASCII.GetBytes("name,kind,area,cost\nTea dance,association,Eastfield,"), 0xA3, (byte)'2', (byte)'\n']), "File", "assets.csv" },
        };
        using var refused = await coordinator.Client.PostAsync("/assets/import", latin1);
        Assert.That(WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), Does.Contain("save it from your spreadsheet as “CSV UTF-8”"));
        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM community_assets"), Is.Zero);
    }

    [Test]
    public async Task A_round_trip_keeps_phone_numbers_schedule_ids_and_who_checked()
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        var id = await Added(await coordinator.Post("/assets/new", KnitAndNatter(("ContactPhone", "+44 20 7946 0000")), "/assets/new"));
        var scheduleId = await Db.Scalar<string>("SELECT uid FROM asset_schedules WHERE asset_id = @Id", new { Id = id });
        var export = await coordinator.Get("/assets/export");
        Assert.That(export, Does.Contain("'+44 20 7946 0000").And.Contain("-0.1419"), "a risky cell is escaped, a plain number is not");

        using var response = await Upload(coordinator, export);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), WebSession.Excerpt(await response.Content.ReadAsStringAsync()));
        Assert.That(await Db.Scalar<string>("SELECT contact_phone FROM community_assets WHERE id = @Id", new { Id = id }), Is.EqualTo("+44 20 7946 0000"));
        Assert.That(await Db.Scalar<string>("SELECT uid FROM asset_schedules WHERE asset_id = @Id", new { Id = id }), Is.EqualTo(scheduleId));
        Assert.That(await coordinator.Get($"/assets/{id}"), Does.Contain(" by Test cora</dd>"), "the same date from the file keeps who checked it");
    }

    [Test]
    public async Task A_new_postcode_moves_the_asset_even_though_the_form_shows_the_old_location()
    {
        await Areas();
        using var coordinator = await InArea("cora@example.org", "Coordinator", 1);
        var id = await Added(await coordinator.Post("/assets/new", KnitAndNatter(), "/assets/new"));
        using var moved = await coordinator.Post($"/assets/{id}/edit", KnitAndNatter(("Postcode", "EF1 3CD"), ("Latitude", "51.5014"), ("Longitude", "-0.1419")), $"/assets/{id}/edit");
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), WebSession.Excerpt(await moved.Content.ReadAsStringAsync()));
        Assert.That(await Db.Scalar<double>("SELECT latitude FROM community_assets WHERE id = @Id", new { Id = id }), Is.EqualTo(51.5064));

        using var pinned = await coordinator.Post($"/assets/{id}/edit", KnitAndNatter(("Postcode", "EF1 3CD"), ("Latitude", "51.51"), ("Longitude", "-0.14")), $"/assets/{id}/edit");
        Assert.That(await Db.Scalar<double>("SELECT latitude FROM community_assets WHERE id = @Id", new { Id = id }), Is.EqualTo(51.51), "typed coordinates win");
    }
}
