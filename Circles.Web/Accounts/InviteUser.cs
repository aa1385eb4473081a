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

public sealed class InviteUserHandler(Invitations invitations) : ICommandHandler<InviteUserCommand, long>
{
    public async ValueTask<long> Handle(InviteUserCommand command, CancellationToken cancellationToken) =>
        await invitations.Invite(command.DisplayName!, command.Email!, command.Roles, command.AreaIds, cancellationToken);
}

/// <summary>
/// A new account with no password, its roles and areas, and an emailed link to choose a password: for users an
/// administrator invites and for volunteers a coordinator approves.
/// </summary>
public sealed class Invitations(UserAccounts accounts, UserManager<CirclesUser> users, AccountEmails emails, IAuditLog audit) : Core.Volunteering.IVolunteerAccounts
{
    public async Task<long> Invite(string name, string email, IReadOnlyList<string> roles, IReadOnlyList<long> areaIds, CancellationToken cancellationToken)
    {
        var user = await accounts.Create(name, email, password: null, roles, cancellationToken);
        await accounts.ReplaceAreas(user.Id, areaIds, cancellationToken);
        var token = await users.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        await emails.SendInvitation(user, token, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.UserInvited, "user", user.Id.ToString(), "Roles: " + string.Join(", ", roles)), cancellationToken);
        return user.Id;
    }

    public Task<long> Invite(string name, string email, long areaId, CancellationToken cancellationToken) =>
        Invite(name, email, [Roles.Volunteer], [areaId], cancellationToken);
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
