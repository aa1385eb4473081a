using Circles.Core.Common;

namespace Circles.Core.Accounts;

/// <summary>Reads about users for administrators; writes go through Identity's UserManager.</summary>
public interface IUserDirectory
{
    Task<bool> AnyUserExists(CancellationToken cancellationToken);

    Task<Page<UserSummary>> ListUsers(string? search, string? role, Paging paging, CancellationToken cancellationToken);

    Task<UserAccess?> GetAccess(long userId, CancellationToken cancellationToken);

    Task ReplaceAreas(long userId, IReadOnlyCollection<long> areaIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<long>> UserIdsInRoles(IReadOnlyCollection<string> roles, CancellationToken cancellationToken);
}
