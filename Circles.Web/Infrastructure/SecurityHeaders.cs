namespace Circles.Web.Infrastructure;

/// <summary>
/// Headers every response carries. Pages are never cached: they hold personal data, and a shared
/// computer's back button must not show them after sign-out. Only /lib (versioned static files) caches.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    /// <summary>
    /// A page that shows a map puts the tile server's origin here (from a setting an administrator checked), and
    /// only that page's policy lets images come from it.
    /// </summary>
    public const string MapTileOriginKey = "Circles.MapTileOrigin";

    public Task Invoke(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items[MapTileOriginKey] is string tiles
                ? ContentSecurityPolicy.Replace("img-src 'self' data:", $"img-src 'self' data: {tiles}", StringComparison.Ordinal)
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!context.Request.Path.StartsWithSegments("/lib"))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
