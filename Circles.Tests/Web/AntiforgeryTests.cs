using System.Net;
using Circles.Tests.Support;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Web;

public sealed class AntiforgeryTests : SiteTest
{
    [Test]
    public async Task Every_unsafe_action_rejects_a_request_without_an_antiforgery_token()
    {
        await CompleteSetup();
        // Every role at once, so no action is refused for its role before its token is checked.
        using var admin = await SignedIn("admin@example.org", "Administrator", "Coordinator", "Connector", "Volunteer");
        var unsafeActions = Site.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            // The error page only renders the status of a request that already failed.
            .Where(a => !(a.ControllerName == "Home" && a.ActionName == "Error"))
            .Where(a => a.EndpointMetadata.OfType<HttpMethodMetadata>().Any(m => m.HttpMethods.Any(h => h is not ("GET" or "HEAD" or "OPTIONS"))))
            .ToList();
        // A machine-to-machine callback has no form and no cookie: it carries its own bearer token instead. Only this one.
        var exempt = unsafeActions.Where(a => a.EndpointMetadata.OfType<Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute>().Any()).ToList();
        Assert.That(exempt.Select(a => $"{a.ControllerName}.{a.ActionName}"), Is.EqualTo(new[] { "InboundText.Receive" }));
        unsafeActions = unsafeActions.Except(exempt).ToList();
        Assert.That(unsafeActions, Has.Count.GreaterThan(10));
        foreach (var action in unsafeActions)
        {
            var url = "/" + string.Join('/', action.AttributeRouteInfo!.Template!.Split('/').Select(s => s.StartsWith('{') ? "1" : s));
            var method = action.EndpointMetadata.OfType<HttpMethodMetadata>().First().HttpMethods[0];
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new FormUrlEncodedContent([]) };
            using var response = await admin.Client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{method} {url}");
        }

        Assert.That(await Db.Scalar<long>("SELECT count(*) FROM areas"), Is.Zero);
    }

    [Test]
    public async Task Anonymous_forms_also_need_the_token()
    {
        using var session = NewSession();
        using var response = await session.Client.PostAsync("/setup", new FormUrlEncodedContent(WebSession.Fields(new
        {
            OrganisationName = "X", DisplayName = "X", Email = "x@example.org", Password = "kettle river bicycle", ConfirmPassword = "kettle river bicycle",
        })));
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM users"), Is.Zero);
        });
    }
}
