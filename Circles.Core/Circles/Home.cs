using Circles.Core.Accounts;
using Circles.Core.CheckIns;
using Circles.Core.Common;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Circles;

public sealed record WaitingPerson
{
    public long PersonId { get; init; }

    public string FullName { get; init; } = "";

    public DateOnly IntroducedOn { get; init; }

    public string? HolderName { get; init; }
}

public sealed record UpcomingMeeting
{
    public long Id { get; init; }

    public long CircleId { get; init; }

    public string FocusPersonName { get; init; } = "";

    public DateTimeOffset StartsAt { get; init; }

    public string? Place { get; init; }
}

public sealed record OverdueAction
{
    public long Id { get; init; }

    public long CircleId { get; init; }

    public string FocusPersonName { get; init; } = "";

    public string Description { get; init; } = "";

    public string OwnerName { get; init; } = "";

    public DateOnly DueOn { get; init; }
}

/// <summary>What a person sees first: their circles, what is coming up, what is late, and who is waiting.</summary>
public sealed record HomePage(
    bool AcrossAreas,
    Page<CircleSummary> Circles,
    IReadOnlyList<UpcomingMeeting> Meetings,
    IReadOnlyList<OverdueAction> OverdueActions,
    IReadOnlyList<WaitingPerson> Waiting,
    IReadOnlyList<CheckIns.DriftingPerson> Drifting,
    IReadOnlyList<CheckIns.FollowUpTask> FollowUps,
    DateOnly Today);

public sealed record GetHomePageQuery : IQuery<HomePage>;

public sealed class GetHomePageHandler(
    ICircleStore circles, IPeopleStore people, CheckIns.ICheckInStore checkIns, CheckIns.IFollowUpStore followUps, ICurrentViewer viewer, TimeProvider clock) : IQueryHandler<GetHomePageQuery, HomePage>
{
    public async ValueTask<HomePage> Handle(GetHomePageQuery query, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        // A coordinator looks across their areas; a connector or volunteer at their own circles.
        var acrossAreas = who.Roles.Contains(Roles.Coordinator);
        var mineOnly = !acrossAreas;
        var now = clock.GetUtcNow();
        var today = UkTime.DateOfInstant(now);
        var list = await circles.List(who, null, mineOnly, now, Paging.From(1, 50), cancellationToken);
        var meetings = await circles.UpcomingMeetings(who, mineOnly, now, now.AddDays(31), cancellationToken);
        var overdue = await circles.OverdueActions(who, mineOnly, today, cancellationToken);
        var waiting = who.WorksWithPeople ? await people.WaitingForFirstConversation(who, mineOnly, cancellationToken) : [];
        // The five who have gone longest without contact: a connector's own, a coordinator's across their areas.
        var drifting = who.WorksWithPeople
            ? (await checkIns.ListDrifting(who, new CheckIns.DriftingFilter(null, mineOnly ? who.UserId : null), Paging.From(1, 5), cancellationToken)).Items
                .Where(d => d.StateOn(today) != CheckIns.ContactState.OnTime).ToList()
            : [];
        // Tasks to follow up a check-in: a connector's own; a coordinator's across their areas, held or not.
        var tasks = who.WorksWithPeople ? await followUps.Open(who, mineOnly, cancellationToken) : [];
        return new HomePage(acrossAreas, list, meetings, overdue, waiting, drifting, tasks, today);
    }
}
