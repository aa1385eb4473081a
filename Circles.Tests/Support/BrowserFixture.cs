using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Circles.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright: the browser starts once per run; each test gets a
/// fresh context (no cookies) against the shared Kestrel site, with an empty database.
/// </summary>
public abstract class BrowserTest
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    protected CirclesFactory Site { get; private set; } = null!;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected string BaseUrl { get; private set; } = "";

    [SetUp]
    public async Task OpenBrowser()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"Browser tests need Chromium at {ChromiumPath}: apt-get install -y chromium (.ci/run does this)");
        }

        Site = await SharedSites.Browser;
        await Site.Reset();
        BaseUrl = Site.ServerAddress;
        var browser = await Browser();
        Context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-GB", TimezoneId = "Europe/London" });
        Context.SetDefaultTimeout(15_000);
        Page = await Context.NewPageAsync();
    }

    [TearDown]
    public async Task CloseBrowser()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && Page is not null)
        {
            await Screenshot("failure");
        }

        await Context.CloseAsync();
    }

    private static async Task<IBrowser> Browser()
    {
        await StartLock.WaitAsync();
        try
        {
            _playwright ??= await Microsoft.Playwright.Playwright.CreateAsync();
            return _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic",
                ],
            });
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>Closes the shared browser at the end of the run.</summary>
    internal static async Task Shutdown()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>Runs axe with the WCAG 2.0, 2.1 and 2.2 A and AA rules and fails on any violation.</summary>
    protected async Task AssertAccessible(string pageName)
    {
        var results = await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        var violations = results.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join("; ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.That(violations, Is.Empty, $"axe found accessibility problems on {pageName} ({Page.Url})");
    }

    protected async Task Screenshot(string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{TestContext.CurrentContext.Test.Name}-{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file);
    }
}
