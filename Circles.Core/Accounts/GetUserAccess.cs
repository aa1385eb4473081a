using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Accounts;

public sealed record GetUserAccessQuery(long UserId) : IQuery<UserAccess>;

public sealed class GetUserAccessHandler(IUserDirectory users) : IQueryHandler<GetUserAccessQuery, UserAccess>
{
    public async ValueTask<UserAccess> Handle(GetUserAccessQuery query, CancellationToken cancellationToken) =>
        await users.GetAccess(query.UserId, cancellationToken) ?? throw new NotFoundException("user", query.UserId);
}
