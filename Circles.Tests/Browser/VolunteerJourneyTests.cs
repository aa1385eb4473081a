using System.Text.RegularExpressions;
using Circles.Tests.Support;
using Microsoft.Playwright;

namespace Circles.Tests.Browser;

/// <summary>
/// A volunteer's journey in a real browser: someone finds an opportunity on the public page and offers to help; a
/// coordinator screens and approves them, and the invitation is in the outbox; driving Arthur to the GP is refused
/// until an enhanced check with the barred list is recorded; the volunteer makes their account and sees only their
/// own circle and action. axe runs on every page, the public ones included.
/// </summary>
public sealed partial class VolunteerJourneyTests : BrowserTest
{
    [GeneratedRegex(@"https?://[^\s]+(/account/accept-invitation\?userId=\d+&token=[^\s]+)")]
    private static partial Regex InvitationLink();

    private Task Click(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    private Task Field(string label, string value) => Page.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    private async Task Saw(string text) => await Assertions.Expect(Page.GetByText(text).First).ToBeVisibleAsync();

    private async Task SignIn(string email, string password = WebSession.DefaultPassword)
    {
        await Page.GotoAsync("/account/sign-in");
        await Field("Email address", email);
        await Field("Password", password);
        await Click("Sign in");
        await Page.WaitForURLAsync(BaseUrl + "/");
    }

    [Test]
    public async Task Someone_offers_to_help_is_screened_approved_vetted_and_sees_only_their_own_circle()
    {
        await TestUsers.Create(Site, "admin@example.org", "Administrator");
        var cora = await TestUsers.Create(Site, "cora@example.org", "Coordinator");
        await Site.Database.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO user_areas (user_id, area_id) VALUES (@Cora, 1);
            INSERT INTO volunteer_opportunities (id, title, summary, kind, area_id, status, created_at, updated_at) VALUES
              (1, 'Going to rugby matches', 'A man in his 70s in Eastfield who loves rugby and cars would like a few people to go to matches with.', 'join', 1, 'open', '2026-02-01', '2026-02-01');
            INSERT INTO people (id, full_name, area_id, created_at, updated_at) VALUES (1, 'Arthur Dent', 1, '2026-01-01', '2026-01-01'), (3, 'Zaphod Other', 1, '2026-01-01', '2026-01-01');
            INSERT INTO circles (id, focus_person_id, purpose, area_id, status, created_at, updated_at) VALUES
              (1, 1, 'Get to the rugby', 1, 'active', '2026-01-01', '2026-01-01'), (2, 3, 'Someone else', 1, 'active', '2026-01-01', '2026-01-01');
            INSERT INTO circle_members (circle_id, person_id, role, joined_on) VALUES (1, 1, 'focus', '2026-01-01'), (2, 3, 'focus', '2026-01-01');
            """,
            new { Cora = cora.Id });

        // Anyone: find the opportunity and offer to help.
        await Page.GotoAsync("/volunteer");
        await AssertAccessible("public opportunities");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Going to rugby matches" }).ClickAsync();
        await AssertAccessible("public opportunity");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Offer to help" }).ClickAsync();
        await AssertAccessible("offer to help");
        await Click("Send my offer");
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await AssertAccessible("offer to help with errors");
        await Field("Full name", "Vera Helper");
        await Field("Email address", "vera@example.org");
        await Field("Postcode (optional)", "EF1 2AB");
        await Field("Why would you like to help?", "I love rugby and have Saturdays free.");
        await Field("First referee’s name", "Sam Boss");
        await Field("First referee’s email or phone", "sam@example.org");
        await Field("How you know them", "My manager");
        await Field("Second referee’s name", "Rev Ruth");
        await Field("Second referee’s email or phone", "01632 960 001");
        await Field("How you know them (second referee)", "Our vicar");
        await Page.GetByLabel("I agree that you may keep these details", new() { Exact = false }).CheckAsync();
        await Click("Send my offer");
        await Saw("Thank you for offering to help");
        await AssertAccessible("thank you");
        await Screenshot("thanks");

        // The coordinator screens and approves.
        await SignIn("cora@example.org");
        await Page.GotoAsync("/volunteers");
        await AssertAccessible("volunteers");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Vera Helper" }).ClickAsync();
        await Click("Start screening");
        await Saw("Screening started.");
        // The referee's name is visually hidden text in the button, which Chromium reads after a space.
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Received today\W+Sam Boss$") }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Received today\W+Rev Ruth$") }).ClickAsync();
        await AssertAccessible("screening");
        await Click("Approve and invite");
        await Saw("Approved. They have been emailed an invitation");
        var invitation = await Site.Database.Scalar<string>("SELECT body FROM messages WHERE template = 'account-invitation' AND recipient = 'vera@example.org'");
        var link = InvitationLink().Match(invitation).Groups[1].Value;
        Assert.That(link, Is.Not.Empty, "the invitation is in the outbox with its link");

        // Vera joins Arthur's circle; driving him to the GP needs the right check first.
        await Page.GotoAsync("/circles/1/members/new");
        await Page.GetByLabel("Which volunteer?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Vera Helper" });
        await Click("Add the volunteer");
        await Saw("The volunteer has joined the circle.");
        await Page.GotoAsync("/circles/1/actions/new");
        await Field("What will be done?", "Drive Arthur to the GP");
        await Page.GetByLabel("Who will do it?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Vera Helper" });
        await Page.GetByLabel("Is this regulated activity?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "conveying" });
        await Click("Add action");
        await Saw("none is recorded for them");
        await AssertAccessible("regulated activity refused");
        await Screenshot("refused");

        await Page.GotoAsync("/volunteers/1/dbs/new");
        await Page.GetByLabel("Enhanced with the adults’ barred list", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Adult workforce", new() { Exact = true }).CheckAsync();
        var issued = Circles.Core.Common.UkTime.Today(TimeProvider.System).AddMonths(-1);
        await Field("Day", issued.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field("Month", issued.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field("Year", issued.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Field("Certificate number", "001234567890");
        await AssertAccessible("record a DBS check");
        await Click("Record check");
        await Saw("DBS check recorded.");

        await Page.GotoAsync("/circles/1/actions/new");
        await Field("What will be done?", "Drive Arthur to the GP");
        await Page.GetByLabel("Who will do it?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Vera Helper" });
        await Page.GetByLabel("Is this regulated activity?", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "conveying" });
        await Click("Add action");
        await Saw("Drive Arthur to the GP");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // Vera makes her account and sees only her own circle and action.
        await Page.GotoAsync(link);
        await AssertAccessible("create your password");
        await Field("Create a password", "rugby kettle wellies");
        await Field("Type the password again", "rugby kettle wellies");
        await Click("Create account");
        await SignInIfAsked("vera@example.org", "rugby kettle wellies");
        await Page.GotoAsync("/");
        await Saw("Drive Arthur to the GP");
        await Saw("Circle for Arthur Dent");
        await Assertions.Expect(Page.GetByText("Zaphod Other")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByText("Enhanced with the adults’ barred list, to be checked again by", new() { Exact = false })).ToBeVisibleAsync();
        await AssertAccessible("volunteer home");
        await Screenshot("volunteer-home");
        var circle = await Page.GotoAsync("/circles/2");
        Assert.That(circle!.Status, Is.EqualTo(404), "another circle is not theirs to see");
    }

    private async Task SignInIfAsked(string email, string password)
    {
        if (Page.Url.Contains("/account/sign-in", StringComparison.Ordinal))
        {
            await SignIn(email, password);
        }
    }
}
