using System.Buffers.Binary;
using System.Net;
using Circles.Core.Accounts;
using Circles.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Web;

public sealed class SignInTests : SiteTest
{
    [SetUp]
    public Task Setup() => CompleteSetup();

    private static int Iterations(string hash)
    {
        // Identity's version 3 format: marker, PRF, iteration count (big-endian), salt length, salt, subkey.
        var bytes = Convert.FromBase64String(hash);
        Assert.That(bytes[0], Is.EqualTo(0x01), "version 3 hash");
        return (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
    }

    [Test]
    public async Task Stored_password_hashes_use_at_least_210000_iterations()
    {
        await TestUsers.Create(Site, "hash@example.org");
        var hash = await Db.Scalar<string>("SELECT password_hash FROM users WHERE email = 'hash@example.org'");
        Assert.That(Iterations(hash), Is.GreaterThanOrEqualTo(210_000));
    }

    [Test]
    public async Task An_older_weaker_hash_is_upgraded_when_the_person_signs_in()
    {
        var user = await TestUsers.Create(Site, "old@example.org");
        var weak = new PasswordHasher<CirclesUser>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }))
            .HashPassword(user, WebSession.DefaultPassword);
        await Db.Execute("UPDATE users SET password_hash = @Weak WHERE id = @Id", new { Weak = weak, user.Id });
        Assert.That(Iterations(await Db.Scalar<string>("SELECT password_hash FROM users WHERE id = @Id", new { user.Id })), Is.EqualTo(10_000));

        using var session = NewSession();
        await session.SignIn("old@example.org");

        Assert.That(Iterations(await Db.Scalar<string>("SELECT password_hash FROM users WHERE id = @Id", new { user.Id })), Is.GreaterThanOrEqualTo(210_000));
    }

    [Test]
    public async Task A_wrong_password_gives_one_message_whether_or_not_the_account_exists_and_is_audited()
    {
        await TestUsers.Create(Site, "real@example.org");
        using var session = NewSession();
        using var wrong = await session.Post("/account/sign-in", new { Email = "real@example.org", Password = "not the password at all" });
        using var unknown = await session.Post("/account/sign-in", new { Email = "nobody@example.org", Password = "not the password at all" });
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        var unknownPage = await unknown.Content.ReadAsStringAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(wrongPage, Does.Contain("Enter a correct email address and password"));
            Assert.That(unknownPage, Does.Contain("Enter a correct email address and password"));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'sign-in.failed'"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Successful_sign_in_is_audited_with_who_and_the_return_address_is_kept_local()
    {
        var user = await TestUsers.Create(Site, "kept@example.org");
        using var session = NewSession();
        using var response = await session.Post("/account/sign-in", new { Email = "kept@example.org", Password = WebSession.DefaultPassword, ReturnUrl = "https://evil.example/steal" }, "/account/sign-in");
        Assert.Multiple(async () =>
        {
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/"));
            Assert.That(await Db.Scalar<long>("SELECT user_id FROM audit_events WHERE action = 'sign-in.succeeded'"), Is.EqualTo(user.Id));
        });
    }

    [Test]
    public async Task Repeated_failures_lock_the_account_even_with_the_right_password()
    {
        await TestUsers.Create(Site, "locked@example.org");
        using var session = NewSession();
        for (var i = 0; i < 5; i++)
        {
            using var _ = await session.Post("/account/sign-in", new { Email = "locked@example.org", Password = "wrong guess number " + i });
        }

        using var right = await session.Post("/account/sign-in", new { Email = "locked@example.org", Password = WebSession.DefaultPassword });
        Assert.Multiple(async () =>
        {
            Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await right.Content.ReadAsStringAsync(), Does.Contain("Enter a correct email address and password"), "a locked account looks like a wrong password");
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events WHERE action = 'sign-in.locked-out'"), Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task A_disabled_user_cannot_sign_in()
    {
        var user = await TestUsers.Create(Site, "gone@example.org");
        await Db.Execute("UPDATE users SET disabled_at = '2026-01-01T00:00:00.0000000Z' WHERE id = @Id", new { user.Id });
        using var session = NewSession();
        using var response = await session.Post("/account/sign-in", new { Email = "gone@example.org", Password = WebSession.DefaultPassword });
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Enter a correct email address and password"));
    }

    [Test]
    public async Task Signing_out_ends_the_session()
    {
        using var session = await SignedIn("leaving@example.org");
        await session.Get("/");
        using var signOut = await session.Post("/account/sign-out", Array.Empty<KeyValuePair<string, string>>(), "/");
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var after = await session.Client.GetAsync("/");
        Assert.That(after.Headers.Location?.OriginalString, Does.Contain("/account/sign-in"));
    }
}

public sealed class SignInRateLimitTests
{
    [Test]
    public async Task Rapid_failed_sign_ins_end_in_429()
    {
        using var database = await TestDatabase.CreateMigrated("rate-limit");
        await using var site = new CirclesFactory(database, new Dictionary<string, string?>
        {
            ["Security:SignInPermitsPerIpPerMinute"] = "8",
            ["Security:SignInPermitsPerAccountPerMinute"] = "4",
        });
        await TestUsers.Create(site, "target@example.org", Roles.Administrator);
        using var session = new WebSession(site);
        var token = await session.Token("/account/sign-in");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await session.Client.PostAsync("/account/sign-in", new FormUrlEncodedContent(WebSession.Fields(new
            {
                Email = i % 2 == 0 ? "target@example.org" : $"someone{i}@example.org",
                Password = "guess " + i,
                __RequestVerificationToken = token,
            })));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.That(response.Headers.RetryAfter, Is.Not.Null);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(statuses.Take(4), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(statuses.Last(), Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.GreaterThanOrEqualTo(4));
        });
    }

    [Test]
    public async Task One_account_is_throttled_even_when_attempts_come_from_many_addresses()
    {
        using var database = await TestDatabase.CreateMigrated("account-limit");
        await using var site = new CirclesFactory(database, new Dictionary<string, string?>
        {
            ["Security:SignInPermitsPerAccountPerMinute"] = "3",
            ["Security:MaxFailedAccessAttempts"] = "100",
        });
        await TestUsers.Create(site, "target@example.org", Roles.Administrator);
        using var session = new WebSession(site);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await session.Post("/account/sign-in", new { Email = "TARGET@example.org", Password = "guess " + i }, "/account/sign-in");
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests }));
    }
}
