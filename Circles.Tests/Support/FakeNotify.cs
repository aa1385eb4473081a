using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Circles.Tests.Support;

/// <summary>
/// A local stand-in for the GOV.UK Notify API. It checks every request's JWT as Notify does (HS256 with the
/// key's secret, issuer = the service id, iat within 30 seconds of now) and keeps what it was sent.
/// </summary>
public sealed class FakeNotify : IAsyncDisposable
{
    public const string ServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    public const string Secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";

    private readonly WebApplication _app;

    public sealed record Received(string Path, JsonElement Body, string NotificationId);

    private FakeNotify(WebApplication app) => _app = app;

    public static string ApiKey => $"circles_test-{ServiceId}-{Secret}";

    public string BaseUrl => _app.Urls.First();

    public ConcurrentQueue<Received> Requests { get; } = new();

    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>What GET /v2/notifications/{id} answers, by notification id; "sending" when not set.</summary>
    public ConcurrentDictionary<string, string> Statuses { get; } = new();

    public static async Task<FakeNotify> Start(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeNotify(app);
        app.MapPost("/v2/notifications/{kind}", async (HttpContext http, string kind) =>
        {
            if (fake.Refuse(http, clock) is { } problem)
            {
                return problem;
            }

            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
            var id = Guid.NewGuid().ToString();
            fake.Requests.Enqueue(new Received(kind, body, id));
            return Results.Json(new { id, reference = body.GetProperty("reference").GetString() }, statusCode: 201);
        });
        app.MapGet("/v2/notifications/{id}", (HttpContext http, string id) =>
            fake.Refuse(http, clock) ?? Results.Json(new { id, status = fake.Statuses.GetValueOrDefault(id, "sending") }));
        await app.StartAsync();
        return fake;
    }

    private IResult? Refuse(HttpContext http, TimeProvider clock)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var problem = Check(header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null, clock);
        if (problem is null)
        {
            return null;
        }

        Refusals.Enqueue(problem);
        return Results.Json(new { status_code = 403, errors = new[] { new { error = "AuthError", message = problem } } }, statusCode: 403);
    }

    private static string? Check(string? token, TimeProvider clock)
    {
        if (token is null)
        {
            return "Missing bearer token";
        }

        try
        {
            new JwtSecurityTokenHandler().ValidateToken(token, new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = ServiceId,
                ValidateAudience = false,
                ValidateLifetime = false,
                RequireExpirationTime = false,
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            }, out var validated);
            var iat = ((JwtSecurityToken)validated).Payload.IssuedAt;
            return Math.Abs((clock.GetUtcNow().UtcDateTime - iat).TotalSeconds) > 30 ? "Token iat is not now" : null;
        }
        catch (SecurityTokenException exception)
        {
            return $"Invalid token: {exception.GetType().Name}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
