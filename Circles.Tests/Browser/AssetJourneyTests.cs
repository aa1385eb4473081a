using Circles.Tests.Support;
using Microsoft.Playwright;

namespace Circles.Tests.Browser;

/// <summary>
/// Community assets in a real browser: a coordinator adds Knit &amp; Natter and finds it by searching "knit" near a
/// nearby postcode, with the map drawn from a stand-in tile server and the list working without JavaScript. Every
/// page is checked with axe.
/// </summary>
public sealed class AssetJourneyTests : BrowserTest
{
    // A 1×1 grey PNG: the stand-in tile server's every tile, so nothing is fetched from outside.
    private static readonly byte[] Tile = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mN8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==");

    private Task Click(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    private async Task SignIn(string email)
    {
        await Page.GotoAsync("/account/sign-in");
        await Page.GetByLabel("Email address", new() { Exact = true }).FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(WebSession.DefaultPassword);
        await Click("Sign in");
        await Page.WaitForURLAsync(BaseUrl + "/");
    }

    private async Task Eastfield()
    {
        await TestUsers.Create(Site, "admin@example.org", "Administrator");
        await Site.Database.Execute(
            """
            INSERT INTO areas (id, name, created_at) VALUES (1, 'Eastfield', '2026-01-01T00:00:00.0000000Z');
            INSERT INTO postcodes (postcode, latitude, longitude) VALUES ('EF1 2AB', 51.5014, -0.1419), ('EF1 3CD', 51.5064, -0.1419);
            INSERT INTO settings (key, value, changed_at) VALUES
              ('assets.map_tile_url', 'https://tiles.circles.test/{z}/{x}/{y}.png', '2026-01-01T00:00:00.0000000Z'),
              ('assets.map_attribution', '© Test tiles', '2026-01-01T00:00:00.0000000Z');
            """);
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Circles.Data.Settings.SettingsStore>(Site.Services).Forget();
        var coordinator = await TestUsers.Create(Site, "cora@example.org", "Coordinator");
        await Site.Database.Execute("INSERT INTO user_areas (user_id, area_id) VALUES (@Id, 1)", new { coordinator.Id });
        await Page.RouteAsync("https://tiles.circles.test/**", route => route.FulfillAsync(new() { Status = 200, ContentType = "image/png", BodyBytes = Tile }));
    }

    [Test]
    public async Task A_coordinator_adds_Knit_and_Natter_and_finds_it_by_searching_knit_near_a_nearby_postcode()
    {
        await Eastfield();
        await SignIn("cora@example.org");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Community assets", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByText("No community assets have been added yet.")).ToBeVisibleAsync();
        await AssertAccessible("empty assets list");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Add a community asset" }).ClickAsync();
        await AssertAccessible("add an asset");

        await Click("Save");
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await AssertAccessible("add an asset with errors");

        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("Knit & Natter");
        await Page.GetByLabel("Association (a club or group)", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Description (optional)", new() { Exact = true }).FillAsync("Knitting, crochet and a cuppa in the library’s community room.");
        await Page.GetByLabel("Interests (optional)", new() { Exact = true }).FillAsync("knitting, crafts");
        await Page.GetByLabel("Area", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Eastfield" });
        await Page.GetByLabel("Address (optional)", new() { Exact = true }).FillAsync("Eastfield Library\nHigh Street");
        await Page.GetByLabel("Postcode (optional)", new() { Exact = true }).FillAsync("ef1 2ab");
        await Page.GetByLabel("On set weeks of the month", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Tuesday", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("2nd", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("4th", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Starts at (optional)", new() { Exact = true }).FillAsync("10:00");
        await Page.GetByLabel("Finishes at (optional)", new() { Exact = true }).FillAsync("12:00");
        await Page.GetByLabel("Step-free access", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Active", new() { Exact = true }).CheckAsync();
        await Click("Save");

        await Assertions.Expect(Page.GetByText("Community asset added.")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("2nd and 4th Tuesday of the month, 10:00am to midday")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("Step-free access")).ToBeVisibleAsync();
        await AssertAccessible("the asset's page");
        await Screenshot("asset");

        await Page.GotoAsync("/assets");
        await Page.GetByLabel("What are you looking for?", new() { Exact = true }).FillAsync("knit");
        await Page.GetByLabel("Near a postcode", new() { Exact = true }).FillAsync("EF1 3CD");
        await Page.GetByLabel("Within", new() { Exact = true }).SelectOptionAsync("3");
        // Keyboard alone: Enter in the postcode box searches.
        await Page.GetByLabel("Near a postcode", new() { Exact = true }).PressAsync("Enter");
        await Page.WaitForURLAsync("**/assets?*near=EF1*");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "1 asset within 3 miles of EF1 3CD, nearest first" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("0.3 miles")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#asset-map")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#asset-map .leaflet-marker-icon")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.Locator("#asset-map .leaflet-control-attribution")).ToContainTextAsync("© Test tiles");
        await AssertAccessible("search results with the map");
        await Screenshot("search-with-map");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Knit & Natter" }).First.ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Knit & Natter" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task The_list_works_without_JavaScript_and_without_a_map()
    {
        await Eastfield();
        await Site.Database.Execute(
            """
            INSERT INTO community_assets (uid, name, kind, area_id, postcode, latitude, longitude, tags, last_verified_on, created_at, updated_at)
            VALUES ('00000000-0000-4000-8000-000000000001', 'Knit & Natter', 'association', 1, 'EF1 2AB', 51.5014, -0.1419, 'knitting', '2026-01-01', '2026-01-01', '2026-01-01');
            """);
        await using var noScript = await Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, JavaScriptEnabled = false, Locale = "en-GB" });
        var page = await noScript.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync("cora@example.org");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(WebSession.DefaultPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GotoAsync("/assets?search=knit&near=EF1+3CD");
        await Assertions.Expect(page.GetByText("Knit & Natter")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("0.3 miles")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#asset-map")).ToBeHiddenAsync();
    }
}
