using Circles.Core.Accounts;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Circles.Web.Accounts;

public sealed record InviteUserCommand(string? DisplayName, string? Email, IReadOnlyList<string> Roles, IReadOnlyList<long> AreaIds) : ICommand<long>;

public sealed class InviteUserValidator : Validator<InviteUserCommand>
{
    protected override void Rules(InviteUserCommand command, Failures failures)
    {
        UserAccounts.CheckDetails(command.DisplayName, command.Email, failures);
        if (command.Roles.Count == 0)
        {
            failures.Add("Roles", "Choose at least one role");
        }
        else if (command.Roles.Any(r => !Core.Accounts.Roles.IsKnown(r)))
        {
            failures.Add("Roles", "Choose roles from the list");
        }
    }
}

public sealed class InviteUserHandler(UserAccounts accounts, UserManager<CirclesUser> users, AccountEmails emails, IAuditLog audit)
    : ICommandHandler<InviteUserCommand, long>
{
    public async ValueTask<long> Handle(InviteUserCommand command, CancellationToken cancellationToken)
    {
        var user = await accounts.Create(command.DisplayName!, command.Email!, password: null, command.Roles, cancellationToken);
        await accounts.ReplaceAreas(user.Id, command.AreaIds, cancellationToken);
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        await emails.SendInvitation(user, token, cancellationToken);
        await audit.Record(
            new AuditEntry(AuditActions.UserInvited, "user", user.Id.ToString(), "Roles: " + string.Join(", ", command.Roles)),
            cancellationToken);
        return user.Id;
    }
}

public sealed record ResendInvitationCommand(long UserId) : ICommand;

public sealed class ResendInvitationHandler(UserAccounts accounts, UserManager<CirclesUser> users, AccountEmails emails, IAuditLog audit)
    : ICommandHandler<ResendInvitationCommand>
{
    public async ValueTask<Unit> Handle(ResendInvitationCommand command, CancellationToken cancellationToken)
    {
        var user = await accounts.Find(command.UserId);
        if (!user.IsInvitationPending)
        {
            throw ValidationException.For("", "This user has already accepted their invitation");
        }

        // A new stamp makes earlier invitation links stop working.
        await users.UpdateSecurityStampAsync(user);
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        await emails.SendInvitation(user, token, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.InvitationResent, "user", command.UserId.ToString()), cancellationToken);
        return Unit.Value;
    }
}
