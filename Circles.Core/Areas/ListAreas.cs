using Mediator;

namespace Circles.Core.Areas;

public sealed record ListAreasQuery : IQuery<IReadOnlyList<Area>>;

public sealed class ListAreasHandler(IAreaStore areas) : IQueryHandler<ListAreasQuery, IReadOnlyList<Area>>
{
    public async ValueTask<IReadOnlyList<Area>> Handle(ListAreasQuery query, CancellationToken cancellationToken) =>
        await areas.List(cancellationToken);
}

public sealed record GetAreaQuery(long AreaId) : IQuery<Area>;

public sealed class GetAreaHandler(IAreaStore areas) : IQueryHandler<GetAreaQuery, Area>
{
    public async ValueTask<Area> Handle(GetAreaQuery query, CancellationToken cancellationToken) =>
        await areas.Find(query.AreaId, cancellationToken) ?? throw new Common.NotFoundException("area", query.AreaId);
}
