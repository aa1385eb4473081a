using Circles.Core.Accounts;
using Circles.Core.Common;
using Circles.Data.Sqlite;
using Dapper;
using static Circles.Data.Sqlite.PagedQuery;

namespace Circles.Data.Accounts;

public sealed class UserDirectory(IDbConnectionFactory database) : IUserDirectory
{
    // Dapper fills rows through properties: SQLite's loose column types rarely match a constructor.
    private sealed class UserRow
    {
        public long Id { get; init; }

        public string DisplayName { get; init; } = "";

        public string Email { get; init; } = "";

        public string? Roles { get; init; }

        public string? Areas { get; init; }

        public bool TwoFactorEnabled { get; init; }

        public string? PasswordHash { get; init; }

        public DateTimeOffset? DisabledAt { get; init; }

        public DateTimeOffset? LastSignInAt { get; init; }
    }

    public async Task<bool> AnyUserExists(CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM users)", cancellationToken: cancellationToken)) == 1;
    }

    public async Task<Page<UserSummary>> ListUsers(string? search, string? role, Paging paging, CancellationToken cancellationToken)
    {
        const string Where = """
            WHERE (@Search IS NULL OR u.display_name LIKE @Pattern ESCAPE '\' OR u.email LIKE @Pattern ESCAPE '\')
              AND (@Role IS NULL OR EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = @Role))
            """;
        var parameters = new { Search = search, Pattern = search is null ? null : "%" + Like.Escape(search) + "%", Role = role };
        await using var connection = await database.Open(cancellationToken);
        var page = await CountThenPage<UserRow>(
            connection,
            "SELECT count(*) FROM users u " + Where,
            $"""
            SELECT u.id, u.display_name, u.email, u.two_factor_enabled, u.password_hash, u.disabled_at, u.last_sign_in_at,
                   (SELECT group_concat(role, ',') FROM (SELECT role FROM user_roles WHERE user_id = u.id ORDER BY role)) AS roles,
                   (SELECT group_concat(name, ',') FROM (SELECT a.name FROM user_areas ua JOIN areas a ON a.id = ua.area_id
                                                          WHERE ua.user_id = u.id ORDER BY a.name)) AS areas
            FROM users u
            {Where}
            ORDER BY u.display_name COLLATE NOCASE, u.id
            {PageLimit}
            """,
            parameters,
            paging,
            cancellationToken);
        var items = page.Items.Select(r => new UserSummary(
            r.Id, r.DisplayName, r.Email, Split(r.Roles), Split(r.Areas), r.TwoFactorEnabled,
            r.PasswordHash is null && r.DisabledAt is null, r.DisabledAt, r.LastSignInAt)).ToList();
        return new Page<UserSummary>(items, page.PageNumber, page.PageSize, page.TotalItems);
    }

    public async Task<UserAccess?> GetAccess(long userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            "SELECT id, display_name, email, password_hash, disabled_at FROM users WHERE id = @UserId", new { UserId = userId }, cancellationToken: cancellationToken));
        if (user is null)
        {
            return null;
        }

        var roles = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT role FROM user_roles WHERE user_id = @UserId ORDER BY role", new { UserId = userId }, cancellationToken: cancellationToken));
        var areas = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT area_id FROM user_areas WHERE user_id = @UserId ORDER BY area_id", new { UserId = userId }, cancellationToken: cancellationToken));
        return new UserAccess(user.Id, user.DisplayName, user.Email, roles.ToList(), areas.ToList(), user.DisabledAt is not null, user.PasswordHash is null && user.DisabledAt is null);
    }

    public async Task ReplaceAreas(long userId, IReadOnlyCollection<long> areaIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM user_areas WHERE user_id = @UserId", new { UserId = userId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO user_areas (user_id, area_id) SELECT @UserId, id FROM areas WHERE id = @AreaId",
            areaIds.Distinct().Select(a => new { UserId = userId, AreaId = a }),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<long>> UserIdsInRoles(IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT user_id FROM user_roles WHERE role IN @Roles", new { Roles = roles }, cancellationToken: cancellationToken));
        return ids.ToList();
    }

    private static IReadOnlyList<string> Split(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split(',');
}
