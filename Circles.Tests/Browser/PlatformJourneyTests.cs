using Circles.Tests.Support;
using Microsoft.Playwright;

namespace Circles.Tests.Browser;

public sealed class PlatformJourneyTests : BrowserTest
{
    private async Task SetUpFirstAdministrator()
    {
        await Page.GotoAsync("/");
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/setup"));
        await Page.GetByLabel("Organisation name").FillAsync("Eastfield Community Circles");
        await Page.GetByLabel("Full name").FillAsync("Ada Administrator");
        await Page.GetByLabel("Email address").FillAsync("ada@example.org");
        await Page.GetByLabel("Create a password").FillAsync("kettle river bicycle");
        await Page.GetByLabel("Type the password again").FillAsync("kettle river bicycle");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account and set up Circles" }).ClickAsync();
        await Page.WaitForURLAsync(BaseUrl + "/");
    }

    [Test]
    public async Task First_run_setup_sign_in_and_the_administration_pages_pass_axe()
    {
        await Page.GotoAsync("/setup");
        await AssertAccessible("setup");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account and set up Circles" }).ClickAsync();
        Assert.That(await Page.Locator(".govuk-error-summary").IsVisibleAsync(), Is.True);
        await AssertAccessible("setup with errors");
        await Screenshot("setup-errors");

        await SetUpFirstAdministrator();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Ada Administrator" }));
        await AssertAccessible("home");
        await Screenshot("home");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.GotoAsync("/account/sign-in");
        await AssertAccessible("sign-in");
        await Page.GetByLabel("Email address").FillAsync("ada@example.org");
        await Page.GetByLabel("Password").FillAsync("kettle river bicycle");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(BaseUrl + "/");

        foreach (var (path, name) in new[]
        {
            ("/admin/users", "users"), ("/admin/users/invite", "invite"), ("/admin/areas", "areas"), ("/admin/audit", "audit"),
            ("/admin/status", "status"), ("/admin/settings", "settings"), ("/messages", "messages"),
            ("/account/two-factor", "account"), ("/account/two-factor/set-up", "two-factor set-up"), ("/account/change-password", "change password"),
            ("/accessibility", "accessibility statement"), ("/no-such-page", "not found"),
        })
        {
            await Page.GotoAsync(path);
            await AssertAccessible(name);
            await Screenshot(name.Replace(' ', '-'));
        }

        Assert.That(await Site.Database.Scalar<string>("SELECT ip_address FROM audit_events WHERE action = 'sign-in.succeeded' LIMIT 1"), Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public async Task Inviting_a_user_and_adding_an_area_work_with_the_keyboard_alone()
    {
        await SetUpFirstAdministrator();
        await Page.GotoAsync("/admin/areas");
        await Page.Keyboard.PressAsync("Tab");
        Assert.That(await Page.EvaluateAsync<string>("document.activeElement.textContent"), Is.EqualTo("Skip to main content"));
        await Page.Keyboard.PressAsync("Enter");
        Assert.That(await Page.EvaluateAsync<string>("document.activeElement.id"), Is.EqualTo("main-content"));

        await Page.GetByLabel("Area name").FocusAsync();
        await Page.Keyboard.TypeAsync("Northside");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByText("Area added: Northside"));

        await Page.GotoAsync("/admin/users/invite");
        await Page.GetByLabel("Full name").FocusAsync();
        await Page.Keyboard.TypeAsync("Connie Connector");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync("connie@example.org");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Space");
        Assert.That(await Page.Locator("#Roles-3").IsCheckedAsync(), Is.True, "the third role checkbox (Connector) was ticked by keyboard");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByText("Invitation sent"));
        await AssertAccessible("user details");
        await Screenshot("user-details");
    }

    [Test]
    public async Task The_error_summary_links_move_focus_to_the_field()
    {
        await SetUpFirstAdministrator();
        await Page.GotoAsync("/admin/areas");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add area" }).ClickAsync();
        var summary = Page.Locator(".govuk-error-summary");
        await Expect(summary);
        Assert.That(await Page.EvaluateAsync<string>("document.activeElement.className"), Does.Contain("govuk-error-summary"), "the summary takes focus on load");
        await summary.GetByRole(AriaRole.Link, new() { Name = "Enter the area’s name" }).ClickAsync();
        Assert.That(await Page.EvaluateAsync<string>("document.activeElement.id"), Is.EqualTo("Name"));
        await AssertAccessible("areas with an error");
    }

    [Test]
    public async Task The_jobs_dashboard_opens_for_an_administrator()
    {
        await SetUpFirstAdministrator();
        var response = await Page.GotoAsync("/admin/jobs/recurring");
        Assert.That(response!.Status, Is.EqualTo(200));
        await Expect(Page.GetByText("heartbeat").First);
        await Screenshot("jobs-dashboard");
    }

    private static Task Expect(ILocator locator) => Assertions.Expect(locator).ToBeVisibleAsync();
}
