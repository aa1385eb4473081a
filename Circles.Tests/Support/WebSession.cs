using System.Net;
using System.Text.RegularExpressions;
using Circles.Core.Accounts;
using Circles.Web.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Support;

/// <summary>A person using the site over HTTP: keeps cookies, reads antiforgery tokens from forms.</summary>
public sealed partial class WebSession(CirclesFactory factory) : IDisposable
{
    public const string DefaultPassword = "correct horse battery staple";

    public HttpClient Client { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = factory.ClientOptions.BaseAddress,
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public async Task<string> Get(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"GET {url}: {Excerpt(body)}");
        return body;
    }

    public async Task<string> Token(string pageUrl)
    {
        var page = await Get(pageUrl);
        var match = TokenPattern().Match(page);
        Assert.That(match.Success, Is.True, $"No antiforgery token on {pageUrl}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts a form as a browser would, with the antiforgery token from <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> Post(string url, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var token = await Token(formPage ?? url);
        var all = fields.Append(new KeyValuePair<string, string>("__RequestVerificationToken", token));
        return await Client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public Task<HttpResponseMessage> Post(string url, object fields, string? formPage = null) =>
        Post(url, Fields(fields), formPage);

    public async Task SignIn(string email, string password = DefaultPassword)
    {
        using var response = await Post("/account/sign-in", new { Email = email, Password = password });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "Sign-in should redirect: " + Excerpt(await response.Content.ReadAsStringAsync()));
    }

    public static IEnumerable<KeyValuePair<string, string>> Fields(object fields) =>
        fields.GetType().GetProperties().SelectMany(p => p.GetValue(fields) switch
        {
            null => [],
            string s => [new KeyValuePair<string, string>(p.Name, s)],
            System.Collections.IEnumerable many => many.Cast<object>().Select(v => new KeyValuePair<string, string>(p.Name, v.ToString()!)),
            var v => [new KeyValuePair<string, string>(p.Name, v.ToString()!)],
        });

    public static string Excerpt(string body) => body.Length > 600 ? body[..600] : body;

    public void Dispose() => Client.Dispose();
}

public static class TestUsers
{
    /// <summary>Creates a user who can sign in at once with <see cref="WebSession.DefaultPassword"/>.</summary>
    public static async Task<CirclesUser> Create(CirclesFactory factory, string email, params string[] roles)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var name = "Test " + email.Split('@')[0];
        return await accounts.Create(name, email, WebSession.DefaultPassword, roles.Length == 0 ? [Roles.Connector] : roles, CancellationToken.None);
    }

    public static async Task<WebSession> SignedIn(CirclesFactory factory, string email, params string[] roles)
    {
        await Create(factory, email, roles);
        var session = new WebSession(factory);
        await session.SignIn(email);
        return session;
    }
}
