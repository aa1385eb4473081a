using Circles.Core.Accounts;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Circles.Web.Accounts;

public sealed record AuthenticatorSetup(string SharedKey, string OtpAuthUri);

/// <summary>Shows the key to add to an authenticator app, creating one the first time.</summary>
public sealed record GetAuthenticatorSetupQuery(long UserId) : IQuery<AuthenticatorSetup>;

public sealed class GetAuthenticatorSetupHandler(UserAccounts accounts, UserManager<CirclesUser> users, SignInManager<CirclesUser> signIn, SiteChrome chrome)
    : IQueryHandler<GetAuthenticatorSetupQuery, AuthenticatorSetup>
{
    public async ValueTask<AuthenticatorSetup> Handle(GetAuthenticatorSetupQuery query, CancellationToken cancellationToken)
    {
        var user = await accounts.Find(query.UserId);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);

            // Resetting the key changes the security stamp; keep this session valid while they scan the code.
            await signIn.RefreshSignInAsync(user);
        }

        var issuer = "Circles – " + (await chrome.Settings(cancellationToken)).OrganisationName;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.Email)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";
        return new AuthenticatorSetup(FormatKey(key!), uri);
    }

    private static string FormatKey(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
}

public sealed record EnableTwoFactorCommand(long UserId, string? Code) : ICommand<IReadOnlyList<string>>;

public sealed class EnableTwoFactorHandler(UserAccounts accounts, UserManager<CirclesUser> users, SignInManager<CirclesUser> signIn, IAuditLog audit)
    : ICommandHandler<EnableTwoFactorCommand, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(EnableTwoFactorCommand command, CancellationToken cancellationToken)
    {
        var user = await accounts.Find(command.UserId);
        if (user.TwoFactorEnabled)
        {
            throw ValidationException.For("", "Two-factor sign-in is already on");
        }

        var code = (command.Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0)
        {
            throw ValidationException.For("Code", "Enter the 6-digit code from your authenticator app");
        }

        if (code.Length != 6 || !code.All(char.IsAsciiDigit)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            throw ValidationException.For("Code", "The code is not right: check the time on your phone is correct and enter the newest code");
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await signIn.RefreshSignInAsync(user);
        await audit.Record(new AuditEntry(AuditActions.TwoFactorEnabled, "user", user.Id.ToString()), cancellationToken);
        return codes;
    }
}

public sealed record DisableTwoFactorCommand(long UserId, string? Password) : ICommand;

public sealed class DisableTwoFactorHandler(
    UserAccounts accounts, UserManager<CirclesUser> users, SignInManager<CirclesUser> signIn, SiteChrome chrome, IAuditLog audit)
    : ICommandHandler<DisableTwoFactorCommand>
{
    public async ValueTask<Unit> Handle(DisableTwoFactorCommand command, CancellationToken cancellationToken)
    {
        var user = await accounts.Find(command.UserId);
        await TwoFactorRules.RequirePassword(users, user, command.Password);
        var settings = await chrome.Settings(cancellationToken);
        if (settings.RequiresTwoFactor(await users.GetRolesAsync(user)))
        {
            throw ValidationException.For("", "Your organisation requires two-factor sign-in for your role, so you cannot turn it off");
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await audit.Record(new AuditEntry(AuditActions.TwoFactorDisabled, "user", user.Id.ToString()), cancellationToken);
        return Unit.Value;
    }
}

public sealed record GenerateRecoveryCodesCommand(long UserId, string? Password) : ICommand<IReadOnlyList<string>>;

/// <summary>Changing a second factor needs the password again: an unattended session is not enough.</summary>
public static class TwoFactorRules
{
    public static async Task RequirePassword(UserManager<CirclesUser> users, CirclesUser user, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length > 1000 || !await users.CheckPasswordAsync(user, password))
        {
            throw ValidationException.For("", "Enter your current password correctly to change two-factor sign-in");
        }
    }
}

public sealed class GenerateRecoveryCodesHandler(UserAccounts accounts, UserManager<CirclesUser> users, IAuditLog audit)
    : ICommandHandler<GenerateRecoveryCodesCommand, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(GenerateRecoveryCodesCommand command, CancellationToken cancellationToken)
    {
        var user = await accounts.Find(command.UserId);
        if (!user.TwoFactorEnabled)
        {
            throw ValidationException.For("", "Turn on two-factor sign-in first");
        }

        await TwoFactorRules.RequirePassword(users, user, command.Password);

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await audit.Record(new AuditEntry(AuditActions.RecoveryCodesGenerated, "user", user.Id.ToString()), cancellationToken);
        return codes;
    }
}
