using Microsoft.Extensions.Options;

namespace Circles.Web.Messaging;

/// <summary>Absolute links to this site for messages, built from Circles:PublicBaseUrl.</summary>
public sealed class PublicLinks(IOptions<CirclesOptions> options, IHttpContextAccessor http)
{
    public string To(string pathAndQuery)
    {
        // PublicBaseUrl is required outside Development (checked at start-up); only a developer's own machine
        // falls back to the request's address, or to the default development address in a background job.
        var configured = options.Value.PublicBaseUrl?.TrimEnd('/');
        var request = http.HttpContext?.Request;
        var origin = !string.IsNullOrEmpty(configured) ? configured
            : request is null ? "http://localhost:5080" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return origin + pathAndQuery;
    }
}
