using Circles.Core.CheckIns;
using Circles.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Circles.Tests.Browser;

/// <summary>
/// Check-ins in a real browser: a connector records one, reads the trend, and closes the follow-up it raised; a
/// coordinator reads the area's bands; the person answers the one-question page with the keyboard alone. Every page
/// is checked with axe.
/// </summary>
public sealed class CheckInJourneyTests : BrowserTest
{
    private Task Click(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    private Task Link(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    private async Task Saw(string text) => await Assertions.Expect(Page.GetByText(text).First).ToBeVisibleAsync();

    private Task Answer(string question, string value) => Page.Locator($"input[name='Answers[{question}]'][value='{value}']").CheckAsync();

    private async Task SignIn(string email)
    {
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email address").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(WebSession.DefaultPassword);
        await Click("Sign in");
        await Page.WaitForURLAsync(BaseUrl + "/");
    }

    private async Task Eastfield(params (string Email, string Role)[] users)
    {
        await TestUsers.Create(Site, "admin@example.org", "Administrator");
        await Site.Database.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO people (id, full_name, phone, preferred_channel, area_id, created_at, updated_at)
                VALUES (1, 'Margaret Jones', '07700 900123', 'text', 1, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
            """);
        foreach (var (email, role) in users)
        {
            var user = await TestUsers.Create(Site, email, role);
            await Site.Database.Execute("INSERT INTO user_areas (user_id, area_id) VALUES (@Id, 1)", new { user.Id });
        }
    }

    [Test]
    public async Task A_connector_records_a_check_in_reads_the_trend_and_closes_the_follow_up()
    {
        await Eastfield(("connie@example.org", "Connector"));
        var connie = await Site.Database.Scalar<long>("SELECT id FROM users WHERE email = 'connie@example.org'");
        await Site.Database.Execute(
            """
            INSERT INTO check_in_cadences (person_id, ideal_days, maximum_days, started_on, checker_user_id, updated_at) VALUES (1, 14, 28, '2026-01-01', @Connie, '2026-01-01');
            INSERT INTO check_ins (id, person_id, taken_at, method, created_at) VALUES (1, 1, '2026-03-02T10:00:00.0000000Z', 'in_person', '2026-03-02'), (2, 1, '2026-05-04T10:00:00.0000000Z', 'phone', '2026-05-04');
            INSERT INTO check_in_answers (check_in_id, question, answer) VALUES (1, 'ons_lonely', 'occasionally'), (2, 'ons_lonely', 'some_of_the_time'),
                (2, 'ucla_companionship', 'some_of_the_time'), (2, 'ucla_left_out', 'hardly_ever_or_never'), (2, 'ucla_isolated', 'some_of_the_time');
            """,
            new { Connie = connie });
        await SignIn("connie@example.org");
        await Page.GotoAsync("/people/1");
        await Link("Record a check-in");
        await AssertAccessible("record a check-in");
        await Click("Record check-in");
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await AssertAccessible("record a check-in with errors");
        await Screenshot("check-in-errors");

        await Page.GetByLabel("Phone call").CheckAsync();
        await Answer("ons_lonely", OnsDirectQuestion.OftenOrAlways);
        await Answer("ucla_companionship", "often");
        await Answer("ucla_left_out", "some_of_the_time");
        await Answer("ucla_isolated", "often");
        await Page.Locator("input[name='Answers[ons4_anxiety]']").FillAsync("7");
        await Click("Record check-in");
        await Saw("Check-in recorded.");
        await Assertions.Expect(Page.Locator("#check-in-table tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(Page.Locator(".circles-chart-point")).ToHaveCountAsync(5);
        await AssertAccessible("check-ins and trends");
        await Screenshot("check-ins");

        await Page.GotoAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^A check-in answer to follow up") }).ClickAsync();
        await AssertAccessible("a follow-up");
        await Click("Close follow-up");
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await AssertAccessible("a follow-up with errors");
        await Page.GetByLabel("What did you do?").FillAsync("Phoned her; she would like to try the walking group");
        await Click("Close follow-up");
        await Saw("Follow-up closed.");
        await Saw("No follow-ups are waiting for you.");
        await AssertAccessible("home after closing a follow-up");
    }

    [Test]
    public async Task A_coordinator_reads_the_area_bands_and_the_person_answers_by_keyboard_alone()
    {
        await Eastfield(("cora@example.org", "Coordinator"));
        await Site.Database.Execute(
            """
            INSERT INTO check_ins (id, person_id, taken_at, method, created_at) VALUES (1, 1, '2026-03-02T10:00:00.0000000Z', 'phone', '2026-03-02');
            INSERT INTO check_in_answers (check_in_id, question, answer) VALUES (1, 'ons_lonely', 'often_always');
            INSERT INTO check_in_requests (id, person_id, due_on, asked_at, expires_at) VALUES (1, 1, '2026-11-01', '2026-11-01T09:00:00.0000000Z', '2099-01-01T00:00:00.0000000Z');
            """);
        await SignIn("cora@example.org");
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Loneliness trends" }).ClickAsync();
        await Saw("Eastfield: 1 person");
        await AssertAccessible("loneliness in an area");
        await Screenshot("area-bands");

        // The person, on the link from their text: no account, keyboard only.
        var token = Site.Services.GetRequiredService<ICheckInReplyTokens>().Issue(1);
        await Context.ClearCookiesAsync();
        await Page.GotoAsync($"/check-in?token={token}");
        await AssertAccessible("one-question check-in");
        await Page.Locator("#Answer").FocusAsync();
        await Page.Keyboard.PressAsync("ArrowDown");
        await Page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(Page.GetByLabel("Occasionally")).ToBeCheckedAsync();
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Enter");
        await Saw("Your answer has been sent");
        await AssertAccessible("check-in answered");
        await Screenshot("check-in-answered");
        await Page.GotoAsync($"/check-in?token={token}");
        await Saw("This link has already been used");
        await AssertAccessible("check-in link already used");
        await Page.GotoAsync("/check-in?token=not-one-of-ours");
        await Saw("This link is not recognised");
        await AssertAccessible("check-in link not recognised");
        Assert.That(await Site.Database.Scalar<string>("SELECT answer FROM check_in_answers WHERE check_in_id <> 1"), Is.EqualTo(OnsDirectQuestion.Occasionally));
    }
}
