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

/// <summary>The signed-in user's reach, read from their cookie's claims (no database round trip).</summary>
public sealed class HttpCurrentViewer(IHttpContextAccessor accessor) : ICurrentViewer
{
    private Viewer? _viewer;

    public Viewer Current => _viewer ??= Read();

    private Viewer Read()
    {
        var user = accessor.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true || !long.TryParse(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id))
        {
            return new Viewer(0, [], []);
        }

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        var areas = user.FindAll(Accounts.CirclesClaimsFactory.AreaClaim)
            .Select(c => long.TryParse(c.Value, out var area) ? area : 0).Where(a => a > 0).ToList();
        return new Viewer(id, roles, areas);
    }
}
