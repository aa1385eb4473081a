using System.Security.Claims;
using Circles.Core.Common;

namespace Circles.Web.Infrastructure;

/// <summary>The signed-in user and their address; outside a request (jobs, CLI) the system acts.</summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public long? UserId =>
        long.TryParse(accessor.HttpContext?.User.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id) ? id : null;

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
