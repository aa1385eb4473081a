using System.Security.Cryptography;
using System.Text;
using Circles.Core.Accounts;
using Circles.Data.Sqlite;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace Circles.Data.Accounts;

/// <summary>
/// ASP.NET Core Identity's storage, in our own SQL. Identity keeps the rules (hashing, lockout,
/// tokens); this class only reads and writes rows. Most setters change the object and Identity
/// then calls <see cref="UpdateAsync"/>, which writes the row with an optimistic concurrency check. The
/// failed-attempt count and lockout end are the exception: they are written at once by their own
/// methods and never by UpdateAsync, so a stale copy of the user cannot undo a lockout.
/// </summary>
public sealed class DapperUserStore(IDbConnectionFactory database) :
    IUserPasswordStore<CirclesUser>,
    IUserEmailStore<CirclesUser>,
    IUserSecurityStampStore<CirclesUser>,
    IUserLockoutStore<CirclesUser>,
    IUserTwoFactorStore<CirclesUser>,
    IUserAuthenticatorKeyStore<CirclesUser>,
    IUserTwoFactorRecoveryCodeStore<CirclesUser>,
    IUserRoleStore<CirclesUser>
{
    private const string SelectUser = """
        SELECT id, user_name, normalized_user_name, email, normalized_email, email_confirmed, display_name,
               password_hash, security_stamp, concurrency_stamp, lockout_end, lockout_enabled, access_failed_count,
               two_factor_enabled, authenticator_key, recovery_codes, created_at, disabled_at, last_sign_in_at
        FROM users
        """;

    public void Dispose()
    {
    }

    public async Task<IdentityResult> CreateAsync(CirclesUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        user.Id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO users (user_name, normalized_user_name, email, normalized_email, email_confirmed, display_name,
                               password_hash, security_stamp, concurrency_stamp, lockout_end, lockout_enabled,
                               access_failed_count, two_factor_enabled, authenticator_key, recovery_codes, created_at,
                               disabled_at, last_sign_in_at)
            VALUES (@UserName, @NormalizedUserName, @Email, @NormalizedEmail, @EmailConfirmed, @DisplayName,
                    @PasswordHash, @SecurityStamp, @ConcurrencyStamp, @LockoutEnd, @LockoutEnabled,
                    @AccessFailedCount, @TwoFactorEnabled, @AuthenticatorKey, @RecoveryCodes, @CreatedAt,
                    @DisabledAt, @LastSignInAt)
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            user,
            cancellationToken: cancellationToken));
        return user.Id == 0
            ? IdentityResult.Failed(new IdentityError { Code = "DuplicateEmail", Description = "There is already a user with that email address" })
            : IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(CirclesUser user, CancellationToken cancellationToken)
    {
        var expectedStamp = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users SET
                user_name = @UserName, normalized_user_name = @NormalizedUserName, email = @Email,
                normalized_email = @NormalizedEmail, email_confirmed = @EmailConfirmed, display_name = @DisplayName,
                password_hash = @PasswordHash, security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp,
                lockout_enabled = @LockoutEnabled, two_factor_enabled = @TwoFactorEnabled, authenticator_key = @AuthenticatorKey,
                recovery_codes = @RecoveryCodes, disabled_at = @DisabledAt, last_sign_in_at = @LastSignInAt
            WHERE id = @Id AND concurrency_stamp = @ExpectedStamp
            """,
            new
            {
                user.Id, user.UserName, user.NormalizedUserName, user.Email, user.NormalizedEmail, user.EmailConfirmed,
                user.DisplayName, user.PasswordHash, user.SecurityStamp, user.ConcurrencyStamp,
                user.LockoutEnabled, user.TwoFactorEnabled, user.AuthenticatorKey,
                user.RecoveryCodes, user.DisabledAt, user.LastSignInAt, ExpectedStamp = expectedStamp,
            },
            cancellationToken: cancellationToken));
        if (rows == 1)
        {
            return IdentityResult.Success;
        }

        user.ConcurrencyStamp = expectedStamp;
        return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    public async Task<IdentityResult> DeleteAsync(CirclesUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @Id", new { user.Id }, cancellationToken: cancellationToken));
        return IdentityResult.Success;
    }

    public async Task<CirclesUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(userId, out var id))
        {
            return null;
        }

        return await FindOne(SelectUser + " WHERE id = @Value", id, cancellationToken);
    }

    public Task<CirclesUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindOne(SelectUser + " WHERE normalized_user_name = @Value", normalizedUserName, cancellationToken);

    public Task<CirclesUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        FindOne(SelectUser + " WHERE normalized_email = @Value", normalizedEmail, cancellationToken);

    private async Task<CirclesUser?> FindOne(string sql, object value, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CirclesUser>(new CommandDefinition(sql, new { Value = value }, cancellationToken: cancellationToken));
    }

    public Task<string> GetUserIdAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task<string?> GetUserNameAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(CirclesUser user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(CirclesUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(CirclesUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(CirclesUser user, string? email, CancellationToken cancellationToken)
    {
        user.Email = email ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetEmailAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);

    public Task<bool> GetEmailConfirmedAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(CirclesUser user, bool confirmed, CancellationToken cancellationToken)
    {
        user.EmailConfirmed = confirmed;
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedEmailAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedEmail);

    public Task SetNormalizedEmailAsync(CirclesUser user, string? normalizedEmail, CancellationToken cancellationToken)
    {
        user.NormalizedEmail = normalizedEmail ?? "";
        return Task.CompletedTask;
    }

    public Task SetSecurityStampAsync(CirclesUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    // Failed-attempt counting and lockout are written straight away, outside the optimistic
    // concurrency of UpdateAsync: guesses sent in parallel must each count, and a lockout must
    // stick even when another request's update wins the race.
    public async Task SetLockoutEndDateAsync(CirclesUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        await WriteNow("UPDATE users SET lockout_end = @LockoutEnd WHERE id = @Id", user, cancellationToken);
    }

    public async Task<int> IncrementAccessFailedCountAsync(CirclesUser user, CancellationToken cancellationToken)
    {
        if (user.Id == 0)
        {
            return ++user.AccessFailedCount;
        }

        await using var connection = await database.Open(cancellationToken);
        user.AccessFailedCount = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "UPDATE users SET access_failed_count = access_failed_count + 1 WHERE id = @Id RETURNING access_failed_count",
            new { user.Id },
            cancellationToken: cancellationToken));
        return user.AccessFailedCount;
    }

    public async Task ResetAccessFailedCountAsync(CirclesUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        await WriteNow("UPDATE users SET access_failed_count = 0 WHERE id = @Id", user, cancellationToken);
    }

    private async Task WriteNow(string sql, CirclesUser user, CancellationToken cancellationToken)
    {
        if (user.Id == 0)
        {
            return;
        }

        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { user.Id, user.LockoutEnd }, cancellationToken: cancellationToken));
    }

    public Task<int> GetAccessFailedCountAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(CirclesUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task SetTwoFactorEnabledAsync(CirclesUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.TwoFactorEnabled = enabled;
        return Task.CompletedTask;
    }

    public Task<bool> GetTwoFactorEnabledAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult(user.TwoFactorEnabled);

    public Task SetAuthenticatorKeyAsync(CirclesUser user, string key, CancellationToken cancellationToken)
    {
        user.AuthenticatorKey = key;
        return Task.CompletedTask;
    }

    public Task<string?> GetAuthenticatorKeyAsync(CirclesUser user, CancellationToken cancellationToken) => Task.FromResult(user.AuthenticatorKey);

    // Recovery codes are kept as SHA-256 hashes: a copy of the database does not give them away.
    public Task ReplaceCodesAsync(CirclesUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        user.RecoveryCodes = string.Join(';', recoveryCodes.Select(HashCode));
        return Task.CompletedTask;
    }

    public Task<bool> RedeemCodeAsync(CirclesUser user, string code, CancellationToken cancellationToken)
    {
        var codes = (user.RecoveryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var hash = HashCode(code);
        if (!codes.Remove(hash))
        {
            return Task.FromResult(false);
        }

        user.RecoveryCodes = string.Join(';', codes);
        return Task.FromResult(true);
    }

    public Task<int> CountCodesAsync(CirclesUser user, CancellationToken cancellationToken) =>
        Task.FromResult((user.RecoveryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Length);

    private static string HashCode(string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())));

    // Identity passes role names through its normaliser (upper case); we store the canonical name.
    private static string Canonical(string roleName) =>
        Roles.All.FirstOrDefault(r => string.Equals(r, roleName, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"Unknown role {roleName}");

    public async Task AddToRoleAsync(CirclesUser user, string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO user_roles (user_id, role) VALUES (@Id, @Role) ON CONFLICT DO NOTHING",
            new { user.Id, Role = Canonical(roleName) },
            cancellationToken: cancellationToken));
    }

    public async Task RemoveFromRoleAsync(CirclesUser user, string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM user_roles WHERE user_id = @Id AND role = @Role",
            new { user.Id, Role = Canonical(roleName) },
            cancellationToken: cancellationToken));
    }

    public async Task<IList<string>> GetRolesAsync(CirclesUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var roles = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT role FROM user_roles WHERE user_id = @Id ORDER BY role", new { user.Id }, cancellationToken: cancellationToken));
        return roles.ToList();
    }

    public async Task<bool> IsInRoleAsync(CirclesUser user, string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM user_roles WHERE user_id = @Id AND role = @Role",
            new { user.Id, Role = Canonical(roleName) },
            cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IList<CirclesUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var users = await connection.QueryAsync<CirclesUser>(new CommandDefinition(
            SelectUser + " WHERE id IN (SELECT user_id FROM user_roles WHERE role = @Role) ORDER BY display_name",
            new { Role = Canonical(roleName) },
            cancellationToken: cancellationToken));
        return users.ToList();
    }
}
