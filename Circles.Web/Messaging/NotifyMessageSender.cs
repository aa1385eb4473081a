using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Serialization;
using Circles.Core.Messaging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Circles.Web.Messaging;

/// <summary>
/// GOV.UK Notify over its REST API, for email and text. Each request carries a fresh JWT (HS256, issuer = the
/// service id, iat = now) signed with the API key's secret, as Notify's API documentation describes. Our message
/// id goes as Notify's <c>reference</c>, so a send repeated after a crash shows up as two notifications with one reference.
/// </summary>
public sealed class NotifyMessageSender(HttpClient http, IOptions<MessagingOptions> options, TimeProvider clock) : IMessageSender
{
    public string Name => MessagingOptions.Notify;

    public async Task<SendOutcome> Send(ClaimedMessage message, CancellationToken cancellationToken)
    {
        var notify = options.Value.GovukNotify;
        var templateId = notify.Templates.TryGetValue(message.Template, out var specific) ? specific
            : message.Channel == MessageChannel.Email ? notify.EmailTemplateId : notify.TextTemplateId;
        if (string.IsNullOrEmpty(templateId))
        {
            return SendOutcome.Refused($"No Notify template is configured for {message.Channel.ToString().ToLowerInvariant()} messages");
        }

        var personalisation = new Dictionary<string, string> { [notify.BodyField] = message.Body };
        if (message.Channel == MessageChannel.Email)
        {
            personalisation[notify.SubjectField] = message.Subject;
        }

        object payload = message.Channel == MessageChannel.Email
            ? new EmailRequest(message.Recipient!, templateId, personalisation, message.Reference)
            : new SmsRequest(message.Recipient!, templateId, personalisation, message.Reference);
        var path = message.Channel == MessageChannel.Email ? "v2/notifications/email" : "v2/notifications/sms";
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = JsonContent.Create(payload) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var created = await response.Content.ReadFromJsonAsync<Created>(cancellationToken);
            return SendOutcome.Sent(created?.Id);
        }

        var status = (int)response.StatusCode;
        // 400 is this message's fault (a bad number, say) and 403 a wrong key: trying again changes nothing.
        return response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden
            ? SendOutcome.Refused($"Notify refused it ({status}): {await ErrorsOf(response, cancellationToken)}")
            : SendOutcome.TryAgain($"Notify did not accept it ({status})");
    }

    /// <summary>Asks Notify what became of a notification: true delivered, false failed for good, null not known yet.</summary>
    public async Task<(bool? Delivered, string Status)> DeliveryStatus(string notificationId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url($"v2/notifications/{Uri.EscapeDataString(notificationId)}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var status = (await response.Content.ReadFromJsonAsync<Notification>(cancellationToken))?.Status ?? "unknown";
        return status switch
        {
            "delivered" => (true, status),
            "permanent-failure" or "temporary-failure" or "technical-failure" or "validation-failed" => (false, status),
            _ => (null, status),
        };
    }

    /// <summary>The JWT for one request. The key is "{name}-{service id}-{secret}"; both ids are 36-character UUIDs.</summary>
    public string Token()
    {
        var key = options.Value.GovukNotify.ApiKey;
        if (key.Length < 74)
        {
            throw new InvalidOperationException("Messaging:GovukNotify:ApiKey is not a Notify API key");
        }

        var serviceId = key[^73..^37];
        var secret = key[^36..];
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);
        var header = new JwtHeader(credentials);
        var issuedAt = clock.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JwtPayload { ["iss"] = serviceId, ["iat"] = issuedAt };
        return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(header, claims));
    }

    private Uri Url(string path) => new(new Uri(options.Value.GovukNotify.BaseUrl.TrimEnd('/') + "/"), path);

    private static async Task<string> ErrorsOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ErrorBody>(cancellationToken);
            return string.Join("; ", body?.Errors?.Select(e => e.Error) ?? []);
        }
        catch (System.Text.Json.JsonException)
        {
            return "no details";
        }
    }

    private sealed record EmailRequest(
        [property: JsonPropertyName("email_address")] string EmailAddress,
        [property: JsonPropertyName("template_id")] string TemplateId,
        [property: JsonPropertyName("personalisation")] Dictionary<string, string> Personalisation,
        [property: JsonPropertyName("reference")] string Reference);

    private sealed record SmsRequest(
        [property: JsonPropertyName("phone_number")] string PhoneNumber,
        [property: JsonPropertyName("template_id")] string TemplateId,
        [property: JsonPropertyName("personalisation")] Dictionary<string, string> Personalisation,
        [property: JsonPropertyName("reference")] string Reference);

    private sealed record Created([property: JsonPropertyName("id")] string Id);

    private sealed record Notification([property: JsonPropertyName("status")] string Status);

    private sealed record ErrorBody([property: JsonPropertyName("errors")] List<ErrorItem>? Errors);

    private sealed record ErrorItem([property: JsonPropertyName("error")] string Error);
}
