using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.CheckIns;

/// <summary>One person's first and latest answer to the ONS direct question.</summary>
public sealed record FirstAndLatest
{
    public long PersonId { get; init; }

    public string First { get; init; } = "";

    public string Latest { get; init; } = "";
}

public sealed record BandRow(AnswerOption Answer, int AtFirst, int AtLatest, int People)
{
    public decimal ShareAtFirst => People == 0 ? 0 : Math.Round(100m * AtFirst / People, 1);

    public decimal ShareAtLatest => People == 0 ? 0 : Math.Round(100m * AtLatest / People, 1);
}

/// <summary>For an area: how many people gave each answer to "How often do you feel lonely?" at their first check-in and at their latest.</summary>
public sealed record AreaLonelinessBands(long AreaId, string AreaName, int People, IReadOnlyList<BandRow> Rows)
{
    public static AreaLonelinessBands Count(long areaId, string areaName, IReadOnlyList<FirstAndLatest> people)
    {
        var rows = OnsDirectQuestion.Question.Options
            .Select(o => new BandRow(o, people.Count(p => p.First == o.Value), people.Count(p => p.Latest == o.Value), people.Count))
            .ToList();
        return new AreaLonelinessBands(areaId, areaName, people.Count, rows);
    }
}

public sealed record GetAreaLonelinessBandsQuery(long AreaId) : IQuery<AreaLonelinessBands>;

/// <summary>Counts, not people: for coordinators of the area and administrators. Looking is audited all the same.</summary>
public sealed class GetAreaLonelinessBandsHandler(ICheckInStore checkIns, Areas.IAreaStore areas, ICurrentViewer viewer, IAuditLog audit)
    : IQueryHandler<GetAreaLonelinessBandsQuery, AreaLonelinessBands>
{
    public async ValueTask<AreaLonelinessBands> Handle(GetAreaLonelinessBandsQuery query, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        if (!who.CoordinatesArea(query.AreaId) || await areas.Find(query.AreaId, cancellationToken) is not { } area)
        {
            throw new NotFoundException("area", query.AreaId);
        }

        var people = await checkIns.FirstAndLatestOnsAnswers(query.AreaId, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.CheckInsViewed, "area", query.AreaId.ToString(), $"Loneliness bands for {people.Count} people"), cancellationToken);
        return AreaLonelinessBands.Count(area.Id, area.Name, people);
    }
}
