using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Circles;

public sealed record GetCircleQuery(long CircleId) : IQuery<CircleDetails>;

public sealed class GetCircleHandler(CircleAccess access, IAuditLog audit) : IQueryHandler<GetCircleQuery, CircleDetails>
{
    public async ValueTask<CircleDetails> Handle(GetCircleQuery query, CancellationToken cancellationToken)
    {
        var circle = await access.ForMembers(query.CircleId, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.CircleViewed, "circle", query.CircleId.ToString()), cancellationToken);
        return circle;
    }
}

/// <summary>The circle's page: the circle, read once, and for staff what they choose its facilitator from.</summary>
public sealed record GetCircleOverviewQuery(long CircleId) : IQuery<CircleOverview>;

public sealed record CircleOverview(CircleDetails Circle, Matching.FacilitatorChoices? Facilitators);

public sealed class GetCircleOverviewHandler(CircleAccess access, IAuditLog audit, Matching.FacilitatorChoosing choosing) : IQueryHandler<GetCircleOverviewQuery, CircleOverview>
{
    public async ValueTask<CircleOverview> Handle(GetCircleOverviewQuery query, CancellationToken cancellationToken)
    {
        var circle = await access.ForMembers(query.CircleId, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.CircleViewed, "circle", query.CircleId.ToString()), cancellationToken);
        var facilitators = circle.ViewerIsStaff ? await choosing.For(circle, cancellationToken) : null;
        return new CircleOverview(circle, facilitators);
    }
}

public sealed record ListCirclesQuery(string? Status, bool MineOnly, int? Page) : IQuery<Page<CircleSummary>>;

public sealed class ListCirclesHandler(ICircleStore circles, ICurrentViewer viewer, TimeProvider clock) : IQueryHandler<ListCirclesQuery, Page<CircleSummary>>
{
    public async ValueTask<Page<CircleSummary>> Handle(ListCirclesQuery query, CancellationToken cancellationToken)
    {
        var status = query.Status is not null && CircleStatuses.All.Contains(query.Status) ? query.Status : null;
        return await circles.List(viewer.Current, status, query.MineOnly, clock.GetUtcNow(), Paging.From(query.Page), cancellationToken);
    }
}
