using Circles.Core.Accounts;
using Circles.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Circles.Web.Accounts;

/// <summary>Account rules shared by the account use cases, the set-up page and the CLI.</summary>
public sealed class UserAccounts(UserManager<CirclesUser> users, IUserDirectory directory, TimeProvider clock)
{
    public const int DisplayNameMaxLength = 100;

    public static void CheckDetails(string? displayName, string? email, Failures failures)
    {
        failures.Required("DisplayName", displayName, "Enter the person’s full name");
        failures.MaxLength("DisplayName", displayName?.Trim(), DisplayNameMaxLength, "Full name");
        failures.Required("Email", email, "Enter an email address");
        failures.MaxLength("Email", email?.Trim(), EmailAddress.MaxLength, "Email address");
        failures.Email("Email", email, "Enter an email address in the correct format, like name@example.org");
    }

    public static void CheckNewPassword(string? password, string? confirm, string? email, string? displayName, Failures failures, string field = "Password")
    {
        if (PasswordPolicy.Check(password, email, displayName) is { } problem)
        {
            failures.Add(field, problem);
        }
        else if (password != confirm)
        {
            failures.Add("ConfirmPassword", "The passwords do not match: type the same password twice");
        }
    }

    public async Task<CirclesUser> Create(string displayName, string email, string? password, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw ValidationException.For("Email", "There is already a user with that email address");
        }

        var user = new CirclesUser
        {
            DisplayName = displayName.Trim(),
            Email = email,
            UserName = email,
            EmailConfirmed = password is not null,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        ThrowIfFailed(created, password is null ? "Email" : "Password");
        foreach (var role in roles.Where(Roles.IsKnown).Distinct())
        {
            ThrowIfFailed(await users.AddToRoleAsync(user, role), "Roles");
        }

        return user;
    }

    public async Task<CirclesUser> Find(long userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException("user", userId);

    /// <summary>True if <paramref name="userId"/> is the only administrator who can still sign in.</summary>
    public async Task<bool> IsLastActiveAdministrator(long userId, CancellationToken cancellationToken)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Administrator);
        var active = admins.Where(a => !a.IsDisabled && a.PasswordHash is not null).ToList();
        return active.Count == 1 && active[0].Id == userId;
    }

    public Task ReplaceAreas(long userId, IReadOnlyCollection<long> areaIds, CancellationToken cancellationToken) =>
        directory.ReplaceAreas(userId, areaIds, cancellationToken);

    /// <summary>Identity's errors become form errors against <paramref name="field"/>.</summary>
    public static void ThrowIfFailed(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            var message = result.Errors.First().Code switch
            {
                "DuplicateEmail" or "DuplicateUserName" => "There is already a user with that email address",
                "InvalidToken" => "This link has expired or has already been used",
                "PasswordMismatch" => "Your current password is not right",
                _ => result.Errors.First().Description,
            };
            throw ValidationException.For(field, message);
        }
    }
}
