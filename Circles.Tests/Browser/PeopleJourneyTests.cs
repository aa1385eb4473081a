using Circles.Tests.Support;
using Microsoft.Playwright;

namespace Circles.Tests.Browser;

public sealed class PeopleJourneyTests : BrowserTest
{
    [Test]
    public async Task A_connector_records_an_introduction_finds_the_person_and_every_page_passes_axe()
    {
        await TestUsers.Create(Site, "admin@example.org", "Administrator");
        await Site.Database.Execute("INSERT INTO areas (name, created_at) VALUES ('Eastfield', '2026-01-01T00:00:00.0000000Z')");
        await TestUsers.Create(Site, "connie@example.org", "Connector");
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email address").FillAsync("connie@example.org");
        await Page.GetByLabel("Password").FillAsync(WebSession.DefaultPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(BaseUrl + "/");

        await Page.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
        await AssertAccessible("people (empty)");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Record an introduction" }).ClickAsync();
        await AssertAccessible("record an introduction");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save introduction" }).ClickAsync();
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
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save introduction" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Margaret Jones" })).ToBeVisibleAsync();
        await AssertAccessible("person");
        await Screenshot("person");

        await Page.GetByRole(AriaRole.Link, new() { Name = "What matters, one-page profile and vision" }).ClickAsync();
        await AssertAccessible("what matters");
        await Page.GetByLabel("What do you want to do more of?").FillAsync("Gardening, and going to the rugby again");
        await Page.GetByLabel("A good life for me would be…").FillAsync("Get back into gardening and see people every week");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Page.GetByText("What matters and the one-page profile are saved.")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Relationship circle" }).ClickAsync();
        await AssertAccessible("relationship circle (empty)");
        foreach (var (name, kind, ring) in new[] { ("Susan", "Daughter", "1. Intimacy"), ("Bill", "Neighbour", "3. Participation"), ("Dr Patel", "GP", "4. Exchange") })
        {
            await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
            await Page.GetByLabel("Who they are to them").FillAsync(kind);
            await Page.GetByLabel(ring).CheckAsync();
            await Page.GetByRole(AriaRole.Button, new() { Name = "Add to the circle" }).ClickAsync();
            await Assertions.Expect(Page.GetByText($"{name} added to the relationship circle.")).ToBeVisibleAsync();
        }

        await AssertAccessible("relationship circle");
        await Screenshot("relationship-circle");

        await Page.GotoAsync("/people?search=EF1");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Margaret Jones" })).ToBeVisibleAsync();
        await AssertAccessible("people search");
    }
}
