using System.Security.Claims;
using Circles.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Circles.Web.Accounts;

/// <summary>Puts roles, areas and the display name in the sign-in cookie; refreshed whenever the stamp is checked.</summary>
public sealed class CirclesClaimsFactory(UserManager<CirclesUser> users, IUserDirectory directory, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CirclesUser>(users, options)
{
    public const string DisplayNameClaim = "circles:display_name";
    public const string AreaClaim = "circles:area";
    public const string TwoFactorEnabledClaim = "circles:two_factor_enabled";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CirclesUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        identity.AddClaim(new Claim(TwoFactorEnabledClaim, user.TwoFactorEnabled ? "true" : "false"));
        foreach (var role in await UserManager.GetRolesAsync(user))
        {
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        }

        // Areas decide which people a user may see; refreshed with the roles at every stamp check.
        foreach (var areaId in (await directory.GetAccess(user.Id, CancellationToken.None))?.AreaIds ?? [])
        {
            identity.AddClaim(new Claim(AreaClaim, areaId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
