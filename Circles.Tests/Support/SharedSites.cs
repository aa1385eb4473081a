using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Support;

/// <summary>
/// One site per kind for the whole run: starting the host is the slow part, so tests share it and
/// empty the database between them instead.
/// </summary>
[SetUpFixture]
public sealed class SharedSites
{
    private static readonly Lazy<Task<CirclesFactory>> HttpSite = new(() => Start("http-site", kestrel: false));
    private static readonly Lazy<Task<CirclesFactory>> BrowserSite = new(() => Start("browser-site", kestrel: true));

    public static Task<CirclesFactory> Http => HttpSite.Value;

    public static Task<CirclesFactory> Browser => BrowserSite.Value;

    /// <summary>For the outbox and dispatcher: a hand-set clock, and senders the tests choose.</summary>
    public static Task<CirclesFactory> Messaging => MessagingSite.Value;

    public static TestClock MessagingClock { get; } = new();

    public static TestSenders MessagingSenders { get; } = new();

    /// <summary>The bearer token the messaging site expects on GOV.UK Notify's received-text callback.</summary>
    public const string InboundToken = "test-inbound-token-4f1c";

    private static readonly Lazy<Task<CirclesFactory>> MessagingSite = new(() =>
    {
        var database = new TestDatabase(TestPaths.NewTempFolder("messaging-site"));
        var factory = new CirclesFactory(
            database,
            new Dictionary<string, string?> { ["Messaging:MaxAttempts"] = "3", ["Messaging:GovukNotify:InboundBearerToken"] = InboundToken },
            services: services =>
            {
                services.AddSingleton<TimeProvider>(MessagingClock);
                services.AddSingleton<Circles.Core.Messaging.IMessageSenders>(MessagingSenders);
            });
        using var warmUp = factory.CreateClient();
        return Task.FromResult(factory);
    });

    private static async Task<CirclesFactory> Start(string purpose, bool kestrel)
    {
        var database = new TestDatabase(TestPaths.NewTempFolder(purpose));
        var overrides = kestrel ? new Dictionary<string, string?> { ["Security:RequireSecureCookies"] = "false" } : null;
        var factory = new CirclesFactory(database, overrides, kestrel);
        if (kestrel)
        {
            _ = factory.ServerAddress;
        }
        else
        {
            using var warmUp = factory.CreateClient();
        }

        await Task.CompletedTask;
        return factory;
    }

    [OneTimeTearDown]
    public async Task StopSites()
    {
        await BrowserTest.Shutdown();
        foreach (var site in new[] { HttpSite, BrowserSite, MessagingSite }.Where(s => s.IsValueCreated))
        {
            var factory = await site.Value;
            await factory.DisposeAsync();
            factory.Database.Dispose();
        }
    }
}
