using Circles.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Circles.Web.Accounts;

/// <summary>A disabled user cannot sign in, and their existing sessions end at the next stamp check.</summary>
public sealed class CirclesSignInManager(
    UserManager<CirclesUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<CirclesUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<CirclesUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<CirclesUser> confirmation)
    : SignInManager<CirclesUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(CirclesUser user) =>
        !user.IsDisabled && user.PasswordHash is not null && await base.CanSignInAsync(user);

    public override async Task<CirclesUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }
}
