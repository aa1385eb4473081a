namespace Circles.Tests.Support;

/// <summary>Base for tests over HTTP against the shared site, with an empty database for each test.</summary>
public abstract class SiteTest
{
    protected CirclesFactory Site { get; private set; } = null!;

    protected TestDatabase Db => Site.Database;

    [SetUp]
    public async Task ResetSite()
    {
        Site = await ChooseSite();
        await Site.Reset();
    }

    protected virtual Task<CirclesFactory> ChooseSite() => SharedSites.Http;

    protected WebSession NewSession() => new(Site);

    protected Task<WebSession> SignedIn(string email, params string[] roles) => TestUsers.SignedIn(Site, email, roles);

    /// <summary>Makes the site past first-run set-up without signing anyone in.</summary>
    protected Task CompleteSetup() => TestUsers.Create(Site, "first.admin@example.org", Circles.Core.Accounts.Roles.Administrator);
}
