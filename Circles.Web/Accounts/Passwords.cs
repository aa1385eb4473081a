using Circles.Core.Accounts;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Circles.Web.Accounts;

public sealed record RequestPasswordResetCommand(string? Email) : ICommand;

public sealed class RequestPasswordResetValidator : Validator<RequestPasswordResetCommand>
{
    protected override void Rules(RequestPasswordResetCommand command, Failures failures)
    {
        failures.Required("Email", command.Email, "Enter your email address");
        failures.MaxLength("Email", command.Email?.Trim(), EmailAddress.MaxLength, "Email address");
        failures.Email("Email", command.Email, "Enter an email address in the correct format, like name@example.org");
    }
}

/// <summary>Always looks the same from outside, so the page cannot be used to find out who has an account.</summary>
public sealed class RequestPasswordResetHandler(UserManager<CirclesUser> users, AccountEmails emails, IAuditLog audit)
    : ICommandHandler<RequestPasswordResetCommand>
{
    public async ValueTask<Unit> Handle(RequestPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(command.Email!.Trim());
        if (user is { IsDisabled: false, PasswordHash: not null })
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            await emails.SendPasswordReset(user, token, cancellationToken);
            await audit.RecordAs(user.Id, new AuditEntry(AuditActions.PasswordResetRequested, "user", user.Id.ToString()), cancellationToken);
        }

        return Unit.Value;
    }
}

public sealed record ResetPasswordCommand(long UserId, string? Token, string? Password, string? ConfirmPassword) : ICommand;

public sealed class ResetPasswordHandler(UserManager<CirclesUser> users, IAuditLog audit) : ICommandHandler<ResetPasswordCommand>
{
    public const string ExpiredMessage = "This password reset link has expired or has already been used. Ask for a new one";

    public async ValueTask<Unit> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(command.UserId.ToString());
        if (user is null || user.IsDisabled || string.IsNullOrEmpty(command.Token)
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<CirclesUser>.ResetPasswordTokenPurpose, command.Token))
        {
            throw ValidationException.For("", ExpiredMessage);
        }

        var failures = new Failures();
        UserAccounts.CheckNewPassword(command.Password, command.ConfirmPassword, user.Email, user.DisplayName, failures);
        if (failures.Any)
        {
            throw new ValidationException(failures.All);
        }

        UserAccounts.ThrowIfFailed(await users.ResetPasswordAsync(user, command.Token, command.Password!), "Password");
        // Someone who has proved they own the email address should not stay locked out.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAs(user.Id, new AuditEntry(AuditActions.PasswordReset, "user", user.Id.ToString()), cancellationToken);
        return Unit.Value;
    }
}

public sealed record ChangePasswordCommand(long UserId, string? CurrentPassword, string? Password, string? ConfirmPassword) : ICommand;

public sealed class ChangePasswordHandler(UserAccounts accounts, UserManager<CirclesUser> users, SignInManager<CirclesUser> signIn, IAuditLog audit)
    : ICommandHandler<ChangePasswordCommand>
{
    public async ValueTask<Unit> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        var user = await accounts.Find(command.UserId);
        var failures = new Failures();
        failures.Required("CurrentPassword", command.CurrentPassword, "Enter your current password");
        UserAccounts.CheckNewPassword(command.Password, command.ConfirmPassword, user.Email, user.DisplayName, failures);
        if (command.Password is not null && command.Password == command.CurrentPassword)
        {
            failures.Add("Password", "Your new password must be different from your current password");
        }

        if (failures.Any)
        {
            throw new ValidationException(failures.All);
        }

        UserAccounts.ThrowIfFailed(await users.ChangePasswordAsync(user, command.CurrentPassword!, command.Password!), "CurrentPassword");
        // The stamp changed, which would end this session at the next check: sign in again quietly.
        await signIn.RefreshSignInAsync(user);
        await audit.Record(new AuditEntry(AuditActions.PasswordChanged, "user", user.Id.ToString()), cancellationToken);
        return Unit.Value;
    }
}
