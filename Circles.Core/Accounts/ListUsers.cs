using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Accounts;

public sealed record ListUsersQuery(string? Search, string? Role, int? Page) : IQuery<Page<UserSummary>>;

public sealed class ListUsersHandler(IUserDirectory users) : IQueryHandler<ListUsersQuery, Page<UserSummary>>
{
    public async ValueTask<Page<UserSummary>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var role = query.Role is not null && Roles.IsKnown(query.Role) ? query.Role : null;
        var search = Text.Clean(query.Search);
        if (search is { Length: > 200 })
        {
            search = search[..200];
        }

        return await users.ListUsers(search, role, Paging.From(query.Page), cancellationToken);
    }
}
