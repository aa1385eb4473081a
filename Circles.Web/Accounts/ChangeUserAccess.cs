using Circles.Core.Accounts;
using Circles.Core.Areas;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Circles.Web.Accounts;

public sealed record ChangeUserAccessCommand(long UserId, IReadOnlyList<string> Roles, IReadOnlyList<long> AreaIds) : ICommand;

public sealed class ChangeUserAccessValidator : Validator<ChangeUserAccessCommand>
{
    protected override void Rules(ChangeUserAccessCommand command, Failures failures)
    {
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

public sealed class ChangeUserAccessHandler(
    UserAccounts accounts, UserManager<CirclesUser> users, SignInManager<CirclesUser> signIn, IUserDirectory directory, IAreaStore areas,
    ICurrentActor actor, IAuditLog audit)
    : ICommandHandler<ChangeUserAccessCommand>
{
    public async ValueTask<Unit> Handle(ChangeUserAccessCommand command, CancellationToken cancellationToken)
    {
        var user = await accounts.Find(command.UserId);
        var current = await directory.GetAccess(command.UserId, cancellationToken) ?? throw new NotFoundException("user", command.UserId);
        var wanted = Roles.All.Where(command.Roles.Contains).ToList();
        if (current.Roles.Contains(Roles.Administrator) && !wanted.Contains(Roles.Administrator)
            && await accounts.IsLastActiveAdministrator(command.UserId, cancellationToken))
        {
            throw ValidationException.For("Roles", "This is the only administrator: make someone else an administrator first");
        }

        var known = (await areas.List(cancellationToken)).Select(a => a.Id).ToHashSet();
        if (command.AreaIds.Any(a => !known.Contains(a)))
        {
            throw ValidationException.For("AreaIds", "Choose areas from the list");
        }

        var id = command.UserId.ToString();
        var added = wanted.Except(current.Roles).ToList();
        var removed = current.Roles.Except(wanted).ToList();
        if (added.Count > 0 || removed.Count > 0)
        {
            UserAccounts.ThrowIfFailed(await users.AddToRolesAsync(user, added), "Roles");
            UserAccounts.ThrowIfFailed(await users.RemoveFromRolesAsync(user, removed), "Roles");
            var detail = string.Join("; ", added.Select(r => "added " + r).Concat(removed.Select(r => "removed " + r)));
            await audit.Record(new AuditEntry(AuditActions.RolesChanged, "user", id, detail), cancellationToken);
        }

        var wantedAreas = command.AreaIds.Distinct().Order().ToList();
        if (!wantedAreas.SequenceEqual(current.AreaIds.Order()))
        {
            await directory.ReplaceAreas(command.UserId, wantedAreas, cancellationToken);
            await audit.Record(new AuditEntry(AuditActions.AreasChanged, "user", id, "Areas: " + (wantedAreas.Count == 0 ? "none" : string.Join(", ", wantedAreas))), cancellationToken);
        }

        // Open sessions pick up the new roles and areas at the next security stamp check (within a minute);
        // the stamp itself is left alone so the user is not signed out and a pending invitation still works.
        if (actor.UserId == command.UserId)
        {
            await signIn.RefreshSignInAsync(await accounts.Find(command.UserId));
        }

        return Unit.Value;
    }
}

public sealed record SetUserDisabledCommand(long UserId, bool Disabled) : ICommand;

public sealed class SetUserDisabledHandler(UserAccounts accounts, UserManager<CirclesUser> users, ICurrentActor actor, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<SetUserDisabledCommand>
{
    public async ValueTask<Unit> Handle(SetUserDisabledCommand command, CancellationToken cancellationToken)
    {
        var user = await accounts.Find(command.UserId);
        if (command.Disabled == user.IsDisabled)
        {
            return Unit.Value;
        }

        if (command.Disabled && actor.UserId == command.UserId)
        {
            throw ValidationException.For("", "You cannot disable your own account");
        }

        if (command.Disabled && await accounts.IsLastActiveAdministrator(command.UserId, cancellationToken))
        {
            throw ValidationException.For("", "This is the only administrator: make someone else an administrator first");
        }

        user.DisabledAt = command.Disabled ? clock.GetUtcNow() : null;
        UserAccounts.ThrowIfFailed(await users.UpdateAsync(user), "");
        // A disabled user's open sessions end at the next security stamp check.
        await users.UpdateSecurityStampAsync(user);
        await audit.Record(
            new AuditEntry(command.Disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, "user", command.UserId.ToString()),
            cancellationToken);
        return Unit.Value;
    }
}
