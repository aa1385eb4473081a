using Circles.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Circles.Web.Accounts;

public enum AccountLinkKind
{
    Invitation,
    PasswordReset,
}

/// <summary>Checks an emailed link before showing its form, so an expired link says so at once.</summary>
public sealed record CheckAccountLinkQuery(long UserId, string? Token, AccountLinkKind Kind) : IQuery<bool>;

public sealed class CheckAccountLinkHandler(UserManager<CirclesUser> users) : IQueryHandler<CheckAccountLinkQuery, bool>
{
    public async ValueTask<bool> Handle(CheckAccountLinkQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.Token) || query.Token.Length > 2000)
        {
            return false;
        }

        var user = await users.FindByIdAsync(query.UserId.ToString());
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        return query.Kind switch
        {
            AccountLinkKind.Invitation => user.IsInvitationPending
                && await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, query.Token),
            _ => await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<CirclesUser>.ResetPasswordTokenPurpose, query.Token),
        };
    }
}
