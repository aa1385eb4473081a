using System.Security.Claims;
using Circles.Web.Accounts;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Circles.Web.Infrastructure;

/// <summary>
/// When an administrator requires two-factor sign-in for a role, a user in that role without it
/// can only reach the pages that set it up (and sign out) until they have.
/// </summary>
public sealed class TwoFactorRequirementFilter(SiteChrome chrome) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated == true
            && user.FindFirst(CirclesClaimsFactory.TwoFactorEnabledClaim)?.Value != "true"
            && context.ActionDescriptor.EndpointMetadata.OfType<AllowWithoutTwoFactorAttribute>().Any() is false)
        {
            var settings = await chrome.Settings(context.HttpContext.RequestAborted);
            var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value);
            if (settings.RequiresTwoFactor(roles))
            {
                context.Result = new RedirectToActionResult("TwoFactor", "Account", new { required = true });
                return;
            }
        }

        await next();
    }
}

/// <summary>Marks the pages a user may reach before setting up a required second factor.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutTwoFactorAttribute : Attribute;
