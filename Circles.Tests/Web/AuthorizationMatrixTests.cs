using System.Net;
using Circles.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Web;

/// <summary>Every route needs sign-in unless it is on this explicit allow-list.</summary>
public sealed class AuthorizationMatrixTests : SiteTest
{
    private static readonly string[] AnonymousAllowList =
    [
        "Account.SignIn", "Account.TwoFactorSignIn", "Account.RecoveryCodeSignIn", "Account.SignedOut",
        "Account.ForgotPassword", "Account.ResetPassword", "Account.AcceptInvitation",
        "Home.Accessibility", "Home.Error", "Setup.Index",
        // The signed token in the link is the authority: people who get reminders have no accounts.
        "Unsubscribe.Index", "Unsubscribe.Confirm", "CheckInReply.Index",
        // GOV.UK Notify's callback: its own bearer token is the authority (404 until one is configured).
        "InboundText.Receive",
        // Open Referral UK: the public directory of community assets, read-only and rate-limited.
        "Oruk.Index", "Oruk.Services", "Oruk.Service", "Oruk.ServiceAtLocations", "Oruk.Taxonomies", "Oruk.TaxonomyTerms",
        // The public volunteering pages: anyone may offer to help (rate-limited, with a honeypot).
        "OfferToHelp.Index", "OfferToHelp.Opportunity", "OfferToHelp.Apply", "OfferToHelp.Thanks",
    ];

    private static readonly string[] AdministratorOnly = ["Users", "Areas", "Audit", "Settings", "Status", "Retention"];

    private IReadOnlyList<ControllerActionDescriptor> Actions() =>
        Site.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<ControllerActionDescriptor>().ToList();

    private static string Name(ControllerActionDescriptor a) => $"{a.ControllerName}.{a.ActionName}";

    private static string Url(ControllerActionDescriptor action) =>
        "/" + string.Join('/', action.AttributeRouteInfo!.Template!.Split('/').Select(segment =>
            segment.StartsWith('{') ? (segment.Contains(":int", StringComparison.Ordinal) ? "404" : "1") : segment));

    private static string Method(ControllerActionDescriptor action) =>
        action.EndpointMetadata.OfType<HttpMethodMetadata>().FirstOrDefault()?.HttpMethods[0] ?? "GET";

    [Test]
    public void Only_the_allow_listed_actions_allow_anonymous_access()
    {
        var anonymous = Actions().Where(a => a.EndpointMetadata.OfType<IAllowAnonymous>().Any()).Select(Name).Distinct().Order();
        Assert.That(anonymous, Is.EquivalentTo(AnonymousAllowList));
    }

    [Test]
    public async Task Anonymous_requests_to_every_other_action_are_sent_to_sign_in()
    {
        await CompleteSetup();
        using var session = NewSession();
        var checkedCount = 0;
        foreach (var action in Actions().Where(a => !AnonymousAllowList.Contains(Name(a))))
        {
            using var request = new HttpRequestMessage(new HttpMethod(Method(action)), Url(action));
            if (request.Method != HttpMethod.Get)
            {
                request.Content = new FormUrlEncodedContent([]);
            }

            using var response = await session.Client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect),
                $"{request.Method} {request.RequestUri} ({Name(action)})");
            Assert.That(response.Headers.Location?.OriginalString, Does.StartWith("https://localhost/account/sign-in?returnUrl="), Name(action));

            checkedCount++;
        }

        Assert.That(checkedCount, Is.GreaterThan(20));
    }

    [Test]
    public async Task Anonymous_GET_of_every_protected_page_redirects_to_sign_in()
    {
        await CompleteSetup();
        using var session = NewSession();
        foreach (var action in Actions().Where(a => !AnonymousAllowList.Contains(Name(a)) && Method(a) == "GET"))
        {
            using var response = await session.Client.GetAsync(Url(action));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), Url(action));
            Assert.That(response.Headers.Location?.OriginalString, Does.Contain("/account/sign-in"), Url(action));
        }
    }

    [Test]
    public async Task Administrator_pages_refuse_every_other_role()
    {
        await CompleteSetup();
        foreach (var role in new[] { "Coordinator", "Connector", "Volunteer" })
        {
            using var session = await SignedIn($"{role.ToLowerInvariant()}@example.org", role);
            foreach (var action in Actions().Where(a => AdministratorOnly.Contains(a.ControllerName) && Method(a) == "GET"))
            {
                using var response = await session.Client.GetAsync(Url(action));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{role}: {Url(action)}");
            }
        }
    }

    [Test]
    public void Administrator_controllers_carry_the_administrator_policy()
    {
        foreach (var action in Actions().Where(a => AdministratorOnly.Contains(a.ControllerName)))
        {
            var policies = action.EndpointMetadata.OfType<IAuthorizeData>().Select(d => d.Policy);
            Assert.That(policies, Does.Contain("Administrator"), Name(action));
        }
    }
}
