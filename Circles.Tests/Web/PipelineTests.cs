using Circles.Core.Areas;
using Circles.Core.Common;
using Circles.Tests.Support;
using Mediator;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Circles.Tests.Web;

public sealed class PipelineTests : SiteTest
{
    private async Task<T> Send<T>(ICommand<T> command)
    {
        await using var scope = Site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    [Test]
    public async Task Validation_runs_before_the_handler_and_nothing_is_written()
    {
        var invalid = Assert.ThrowsAsync<ValidationException>(() => Send(new CreateAreaCommand("")));
        Assert.Multiple(async () =>
        {
            Assert.That(invalid!.Failures.Single().Field, Is.EqualTo("Name"));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM areas"), Is.Zero);
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM audit_events"), Is.Zero);
        });
    }

    [Test]
    public async Task A_valid_command_is_handled_and_audited_once()
    {
        var id = await Send(new CreateAreaCommand("  Riverside "));
        Assert.Multiple(async () =>
        {
            Assert.That(await Db.Scalar<string>("SELECT name FROM areas WHERE id = @Id", new { Id = id }), Is.EqualTo("Riverside"));
            Assert.That(await Db.Scalar<string>("SELECT entity_id FROM audit_events WHERE action = 'area.created'"), Is.EqualTo(id.ToString()));
        });
    }

    [Test]
    public void Signed_in_sessions_end_after_30_idle_minutes_and_roles_refresh_within_a_minute()
    {
        var cookie = Site.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var stamp = Site.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(cookie.ExpireTimeSpan, Is.EqualTo(TimeSpan.FromMinutes(30)));
            Assert.That(cookie.SlidingExpiration, Is.True);
            Assert.That(cookie.Cookie.HttpOnly, Is.True);
            Assert.That(stamp.ValidationInterval, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
        });
    }

    [Test]
    public async Task A_signed_in_non_administrator_cannot_use_administrator_forms_even_with_a_valid_token()
    {
        await CompleteSetup();
        var target = await TestUsers.Create(Site, "target@example.org", "Volunteer");
        using var connector = await SignedIn("sneaky@example.org", "Connector");
        var token = await connector.Token("/account/change-password");
        using var response = await connector.Client.PostAsync($"/admin/users/{target.Id}/disable",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Forbidden));
            Assert.That(await Db.Scalar<long>("SELECT count(*) FROM users WHERE disabled_at IS NOT NULL"), Is.Zero);
        });
    }
}
