using Circles.Tests.Support;
using Ical.Net;
using Microsoft.Playwright;

namespace Circles.Tests.Browser;

/// <summary>
/// The whole journey a new connector makes, in a real browser: an introduction, the first
/// conversation, a circle with members, a facilitator, meetings, actions and the home page.
/// Every page visited is checked with axe.
/// </summary>
public sealed class CircleJourneyTests : BrowserTest
{
    private Task Click(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    private Task Link(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    private async Task Saw(string text) => await Assertions.Expect(Page.GetByText(text).First).ToBeVisibleAsync();

    private async Task FillDate(string prefix, DateOnly date)
    {
        await Page.Locator($"#{prefix}Day").FillAsync(date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.Locator($"#{prefix}Month").FillAsync(date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.Locator($"#{prefix}Year").FillAsync(date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Test]
    public async Task A_connector_goes_from_introduction_to_a_circle_with_meetings_and_actions()
    {
        var db = Site.Database;
        await TestUsers.Create(Site, "admin@example.org", "Administrator");
        await db.Execute(
            """
            INSERT INTO areas (name, created_at) VALUES ('Eastfield', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO postcodes (postcode, latitude, longitude) VALUES ('EF1 2AB', 51.5014, -0.1419), ('EF1 3CD', 51.5064, -0.1419);
            """);
        var connie = await TestUsers.Create(Site, "connie@example.org", "Connector");
        var volunteer = await TestUsers.Create(Site, "vic@example.org", "Volunteer");
        await db.Execute("INSERT INTO user_areas (user_id, area_id) SELECT id, (SELECT id FROM areas) FROM users WHERE id IN (@Connie, @Vic)", new { Connie = connie.Id, Vic = volunteer.Id });
        await db.Execute(
            """
            INSERT INTO volunteer_profiles (user_id, postcode, availability, updated_at) VALUES (@Id, 'EF1 3CD', 'tue-pm', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO interests (name, created_at) VALUES ('gardening', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO volunteer_interests (user_id, interest_id) VALUES (@Id, (SELECT id FROM interests WHERE name = 'gardening'));
            """,
            new { volunteer.Id });

        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email address").FillAsync("connie@example.org");
        await Page.GetByLabel("Password").FillAsync(WebSession.DefaultPassword);
        await Click("Sign in");
        await Page.WaitForURLAsync(BaseUrl + "/");
        await AssertAccessible("home (new connector)");

        // An introduction.
        await Link("People");
        await AssertAccessible("people (empty)");
        await Link("Record an introduction");
        await AssertAccessible("record an introduction");
        await Click("Save introduction");
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await AssertAccessible("record an introduction with errors");
        await Screenshot("introduction-errors");
        await Page.GetByLabel("Full name").FillAsync("Margaret Jones");
        await Page.GetByLabel("What they like to be called (optional)").FillAsync("Peggy");
        await Page.GetByLabel("Area they live in").SelectOptionAsync(new SelectOptionValue { Label = "Eastfield" });
        await Page.GetByLabel("Phone number (optional)").FillAsync("07700 900982");
        await Page.GetByLabel("Postcode (optional)").FillAsync("ef1 2ab");
        await Page.GetByLabel("Text message").CheckAsync();
        await Page.GetByLabel("A GP practice").CheckAsync();
        await Page.GetByLabel("Name of the person, practice, team or organisation").FillAsync("Eastfield Surgery");
        await Page.GetByLabel("Level 2").CheckAsync();
        await Page.GetByLabel("Interests (optional)").FillAsync("gardening, rugby");
        await Page.GetByLabel("They have agreed to us holding their details").CheckAsync();
        await Page.GetByLabel("How did they give consent?").SelectOptionAsync(new SelectOptionValue { Label = "In person" });
        await Click("Save introduction");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Margaret Jones" })).ToBeVisibleAsync();
        await AssertAccessible("person");
        await Screenshot("person");

        // The first conversation.
        await Link("What matters, one-page profile and vision");
        await AssertAccessible("what matters");
        await Page.GetByLabel("What do you want to do more of?").FillAsync("Gardening, and going to the rugby again");
        await Page.GetByLabel("What’s important to me").FillAsync("My garden, my daughter Susan, Sunday lunch");
        await Page.GetByLabel("A good life for me would be…").FillAsync("Get back into gardening and see people every week");
        await Click("Save");
        await Saw("What matters and the one-page profile are saved.");
        await Link("Relationship circle");
        await AssertAccessible("relationship circle (empty)");
        foreach (var (name, kind, ring) in new[] { ("Susan", "Daughter", "1. Intimacy"), ("Bill", "Neighbour", "3. Participation"), ("Dr Patel", "GP", "4. Exchange") })
        {
            await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
            await Page.GetByLabel("Who they are to them").FillAsync(kind);
            await Page.GetByLabel(ring).CheckAsync();
            await Click("Add to the circle");
            await Saw($"{name} added to the relationship circle.");
        }

        await AssertAccessible("relationship circle");
        await Screenshot("relationship-circle");

        // A circle.
        await Link("Back to Margaret Jones");
        await Link("Open a circle");
        await AssertAccessible("open a circle");
        await Page.GetByLabel("Why do they want a circle?").FillAsync("Get back into gardening and see people every week");
        await Click("Open the circle");
        await Saw("Circle opened.");
        await AssertAccessible("circle");

        await Link("Add a member");
        await AssertAccessible("add a member");
        await Page.GetByLabel("Name").FillAsync("Susan Jones");
        await Page.GetByLabel("Family").CheckAsync();
        await Page.GetByLabel("Mobile or phone number").FillAsync("07700 900123");
        await Click("Add to the circle");
        await Saw("Susan Jones has joined the circle.");
        await Link("Add a member");
        await Page.GetByLabel("Name").FillAsync("Bill Brown");
        await Page.GetByLabel("Neighbour").CheckAsync();
        await Page.GetByLabel("Email address").FillAsync("bill@example.org");
        await Click("Add to the circle");
        await Saw("Bill Brown has joined the circle.");

        // A facilitator, suggested and assigned.
        await Saw("Shares an interest: gardening");
        await Click("Assign Test vic");
        await Saw("Facilitator assigned.");
        await AssertAccessible("circle with members and a facilitator");
        await Screenshot("circle");

        // The first meeting, its invitation, attendance and three actions.
        var today = Circles.Core.Common.UkTime.Today(TimeProvider.System);
        await Link("Schedule a meeting");
        await AssertAccessible("schedule a meeting");
        await FillDate("Date", today.AddDays(-1));
        await Page.GetByLabel("Where").FillAsync("The Old Bakery café, High Street");
        await Click("Schedule meeting");
        await Saw("Meeting scheduled.");
        await AssertAccessible("meeting");

        var download = await Page.RunAndWaitForDownloadAsync(() => Link("Download the calendar invitation (.ics)"));
        var path = await download.PathAsync();
        var calendar = Calendar.Load(await File.ReadAllTextAsync(path))!;
        Assert.That(calendar.Events.Single().Location, Is.EqualTo("The Old Bakery café, High Street"));

        await Page.GetByLabel("Held", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Margaret Jones").CheckAsync();
        await Page.GetByLabel("Susan Jones").CheckAsync();
        await Page.GetByLabel("Notes (optional)").FillAsync("A good first meeting over tea.");
        await Click("Save the meeting record");
        await Saw("Meeting record saved.");

        foreach (var (what, who, due, regulated) in new (string, string, DateOnly?, string?)[]
        {
            ("Find out when the allotment society meets", "Susan Jones", today.AddDays(10), null),
            ("Bring seed catalogues", "Margaret Jones", today.AddDays(-2), null),
            ("Drive Margaret to her hospital appointment", "Bill Brown", null, "Driving them to health or care appointments"),
        })
        {
            await Link("Add an action");
            await AssertAccessible("add an action");
            await Page.GetByLabel("What will be done?").FillAsync(what);
            await Page.GetByLabel("Who will do it?").SelectOptionAsync(new SelectOptionValue { Label = who });
            if (due is { } date)
            {
                await FillDate("DueOn", date);
            }

            if (regulated is not null)
            {
                await Page.GetByLabel("Is this regulated activity?").SelectOptionAsync(new SelectOptionValue { Label = regulated });
            }

            await Click("Add action");
            await Saw("Action added.");
        }

        await AssertAccessible("meeting with actions");
        await Screenshot("meeting");

        // The next meeting's agenda lists what is outstanding.
        await Link("Back to the circle");
        await Link("Schedule a meeting");
        await FillDate("Date", today.AddDays(14));
        await Page.GetByLabel("Where").FillAsync("Church hall");
        await Click("Schedule meeting");
        await Saw("Meeting scheduled.");
        foreach (var action in new[] { "Find out when the allotment society meets", "Bring seed catalogues", "Drive Margaret to her hospital appointment" })
        {
            await Saw(action);
        }

        await Saw("Overdue");
        await AssertAccessible("next meeting with its agenda");
        await Screenshot("agenda");

        // Moving the meeting moves its reminders; staff can see them and what became of each.
        await Link("Back to the circle");
        await Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^move") }).First.ClickAsync();
        await AssertAccessible("move a meeting");
        await FillDate("Date", today.AddDays(15));
        await Click("Move meeting");
        await Saw("Meeting moved. Its reminders have moved with it.");
        await Link("Back to the circle");
        await Link("Reminders and messages for this circle");
        await Saw("Meeting reminder");
        await AssertAccessible("messages for a circle");
        await Screenshot("messages");
        await Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Reminder:") }).First.ClickAsync();
        await Saw("What happened");
        await AssertAccessible("a message and its history");
        await Screenshot("message");
        var unsubscribe = await Site.Database.Scalar<string>("SELECT unsubscribe_url FROM messages WHERE unsubscribe_url IS NOT NULL LIMIT 1");
        await Page.GotoAsync(new Uri(unsubscribe).PathAndQuery);
        await AssertAccessible("unsubscribe");
        await Click("Stop emails");
        await Saw("You will not get any more emails");
        await AssertAccessible("unsubscribed");
        await Page.GotoAsync("/circles");

        // The connector's home page.
        await Link("Home");
        await Saw("Your circles");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Margaret Jones" }).First).ToBeVisibleAsync();
        await Saw("Bring seed catalogues");
        await AssertAccessible("home with a circle");
        await Screenshot("home");

        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Circles" }).ClickAsync();
        await AssertAccessible("circles");
        await Page.GotoAsync("/people?search=EF1");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Margaret Jones" })).ToBeVisibleAsync();
        await AssertAccessible("people search");

        // The person's other pages.
        await Link("Margaret Jones");
        foreach (var (link, name) in new[]
        {
            ("Change details", "change details"), ("Log a contact", "log a contact"), ("Record a contribution", "record a contribution"), ("Add a goal", "add a goal"),
            ("Set how often someone should be in touch", "keeping in touch"),
        })
        {
            await Link(link);
            await AssertAccessible(name);
            await Page.GoBackAsync();
        }

        await Page.GotoAsync("/people/drifting");
        await AssertAccessible("drifting out of touch");
        await Page.GoBackAsync();

        await Link("Log a contact");
        await Page.GetByLabel("Phone call").CheckAsync();
        await Click("Log contact");
        await Saw("Contact logged.");
        await Link("Add a goal");
        await Click("Add goal");
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await AssertAccessible("add a goal with errors");
        await Page.GetByLabel("What is the goal?").FillAsync("Go to a rugby match this season");
        await Click("Add goal");
        await Saw("Goal added.");
        await AssertAccessible("person with a contact and a goal");
    }

    [Test]
    public async Task A_volunteer_records_where_they_live_and_when_they_are_free()
    {
        await TestUsers.Create(Site, "admin@example.org", "Administrator");
        await TestUsers.Create(Site, "vic@example.org", "Volunteer");
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email address").FillAsync("vic@example.org");
        await Page.GetByLabel("Password").FillAsync(WebSession.DefaultPassword);
        await Click("Sign in");
        await Page.WaitForURLAsync(BaseUrl + "/");
        await Link("Your volunteering");
        await AssertAccessible("your volunteering");
        await Page.GetByLabel("Your postcode").FillAsync("not a postcode");
        await Click("Save");
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await AssertAccessible("your volunteering with errors");
        await Page.GetByLabel("Your postcode").FillAsync("ef1 3cd");
        await Page.GetByLabel("What do you enjoy?").FillAsync("gardening, chess");
        await Page.GetByLabel("Tuesday afternoon").CheckAsync();
        await Click("Save");
        await Saw("Your volunteering details are saved.");
    }
}
