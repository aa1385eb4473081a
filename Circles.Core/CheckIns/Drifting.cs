using Circles.Core.Common;
using Mediator;

namespace Circles.Core.CheckIns;

/// <summary>Someone on a check-in cadence, and how long it has been since anyone was in touch.</summary>
public sealed record DriftingPerson : ICadenceClock
{
    public long PersonId { get; init; }

    public string FullName { get; init; } = "";

    public string? AreaName { get; init; }

    public string? CheckerName { get; init; }

    public int IdealDays { get; init; }

    public int MaximumDays { get; init; }

    public DateOnly StartedOn { get; init; }

    public DateTimeOffset? LastContactAt { get; init; }

    /// <summary>The list holds only cadences that are running.</summary>
    public bool IsPaused => false;
}

public sealed record DriftingFilter(long? AreaId, long? CheckerUserId);

public sealed record Checker
{
    public long UserId { get; init; }

    public string Name { get; init; } = "";
}

public sealed record DriftingList(Page<DriftingPerson> People, DriftingFilter Filter, IReadOnlyList<Checker> Checkers, DateOnly Today);

/// <summary>Who has gone longest without contact, among people on a cadence (not paused) in the viewer's reach.</summary>
public sealed record ListDriftingQuery(long? AreaId, long? CheckerUserId, int? Page) : IQuery<DriftingList>;

public sealed class ListDriftingHandler(ICheckInStore checkIns, ICurrentViewer viewer, TimeProvider clock) : IQueryHandler<ListDriftingQuery, DriftingList>
{
    public async ValueTask<DriftingList> Handle(ListDriftingQuery query, CancellationToken cancellationToken)
    {
        var filter = new DriftingFilter(query.AreaId, query.CheckerUserId);
        if (!viewer.Current.WorksWithPeople)
        {
            return new DriftingList(new Page<DriftingPerson>([], 1, Paging.DefaultPageSize, 0), filter, [], UkTime.Today(clock));
        }

        var people = await checkIns.ListDrifting(viewer.Current, filter, Paging.From(query.Page), cancellationToken);
        return new DriftingList(people, filter, await checkIns.Checkers(viewer.Current, cancellationToken), UkTime.Today(clock));
    }
}
