using Circles.Core.Accounts;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Circles.Web.Accounts;

public sealed record AcceptInvitationCommand(long UserId, string? Token, string? Password, string? ConfirmPassword) : ICommand;

public sealed class AcceptInvitationHandler(UserManager<CirclesUser> users, IAuditLog audit) : ICommandHandler<AcceptInvitationCommand>
{
    public const string ExpiredMessage = "This invitation link has expired or has already been used. Ask your administrator to send a new one";

    public async ValueTask<Unit> Handle(AcceptInvitationCommand command, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(command.UserId.ToString());
        if (user is null || !user.IsInvitationPending || string.IsNullOrEmpty(command.Token)
            || !await users.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, command.Token))
        {
            throw ValidationException.For("", ExpiredMessage);
        }

        var failures = new Failures();
        UserAccounts.CheckNewPassword(command.Password, command.ConfirmPassword, user.Email, user.DisplayName, failures);
        if (failures.Any)
        {
            throw new ValidationException(failures.All);
        }

        UserAccounts.ThrowIfFailed(await users.AddPasswordAsync(user, command.Password!), "Password");
        user.EmailConfirmed = true;
        UserAccounts.ThrowIfFailed(await users.UpdateAsync(user), "Password");
        await audit.RecordAs(user.Id, new AuditEntry(AuditActions.InvitationAccepted, "user", user.Id.ToString()), cancellationToken);
        return Unit.Value;
    }
}
