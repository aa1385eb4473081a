using Circles.Core.Areas;
using Circles.Core.Assets;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Volunteering;

public static class OpportunityKinds
{
    public const string Facilitate = "facilitate";
    public const string Join = "join";
    public const string Task = "task";

    public static IReadOnlyList<Term> All { get; } =
    [
        new(Facilitate, "Facilitate a circle"),
        new(Join, "Join a circle"),
        new(Task, "Help with a one-off task"),
    ];

    public static string Label(string? kind) => All.FirstOrDefault(k => k.Key == kind)?.Label ?? kind ?? "";

    public static bool IsKnown(string? kind) => All.Any(k => k.Key == kind);
}

/// <summary>An opportunity as the public page shows it: words a connector wrote, the area and interests, nothing more.</summary>
public sealed record Opportunity
{
    public long Id { get; init; }

    public string Title { get; init; } = "";

    public string Summary { get; init; } = "";

    public string Kind { get; init; } = "";

    public long AreaId { get; init; }

    public string AreaName { get; init; } = "";

    public string Status { get; init; } = "open";

    public IReadOnlyList<string> Interests { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record NewOpportunity(string Title, string Summary, string Kind, long AreaId, IReadOnlyList<string> Interests, string Status);

public interface IOpportunityStore
{
    Task<long> Add(NewOpportunity opportunity, long by, DateTimeOffset at, CancellationToken cancellationToken);

    Task Change(long id, NewOpportunity opportunity, DateTimeOffset at, CancellationToken cancellationToken);

    Task<Opportunity?> Find(long id, CancellationToken cancellationToken);

    /// <summary>Open opportunities, newest first, in an area and with an interest when given.</summary>
    Task<Page<Opportunity>> ListOpen(long? areaId, string? interest, Paging paging, CancellationToken cancellationToken);

    /// <summary>Every opportunity in the viewer's areas, open ones first.</summary>
    Task<Page<Opportunity>> ListForStaff(Viewer viewer, Paging paging, CancellationToken cancellationToken);
}

/// <summary>Writes or changes an opportunity (no <see cref="OpportunityId"/> for a new one).</summary>
public sealed record SaveOpportunityCommand : ICommand<long>
{
    public long? OpportunityId { get; init; }

    public string? Title { get; init; }

    public string? Summary { get; init; }

    public string? Kind { get; init; }

    public long? AreaId { get; init; }

    public string? Interests { get; init; }

    public bool Closed { get; init; }
}

public sealed class SaveOpportunityValidator : Validator<SaveOpportunityCommand>
{
    public const int TitleMaxLength = 120;
    public const int SummaryMaxLength = 1500;

    protected override void Rules(SaveOpportunityCommand c, Failures failures)
    {
        failures.Required("Title", c.Title, "Enter a short title, like “Going to rugby matches”");
        failures.MaxLength("Title", c.Title?.Trim(), TitleMaxLength, "Title");
        failures.Required("Summary", c.Summary, "Describe the opportunity in plain words");
        failures.MaxLength("Summary", c.Summary?.Trim(), SummaryMaxLength, "Description");
        if (!OpportunityKinds.IsKnown(c.Kind))
        {
            failures.Add("Kind", "Choose what kind of help it is");
        }

        if (c.AreaId is null)
        {
            failures.Add("AreaId", "Choose the area");
        }

        failures.MaxLength("Interests", c.Interests, 500, "Interests");
    }
}

public sealed class SaveOpportunityHandler(IOpportunityStore opportunities, IAreaStore areas, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<SaveOpportunityCommand, long>
{
    public async ValueTask<long> Handle(SaveOpportunityCommand c, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        if (c.OpportunityId is { } id && (await opportunities.Find(id, cancellationToken) is not { } existing || !who.WorksWithPeople || !who.CanSeeArea(existing.AreaId)))
        {
            throw new NotFoundException("opportunity", id);
        }

        if (!who.WorksWithPeople || !who.CanSeeArea(c.AreaId) || await areas.Find(c.AreaId!.Value, cancellationToken) is null)
        {
            throw ValidationException.For("AreaId", "Choose the area");
        }

        var opportunity = new NewOpportunity(c.Title!.Trim(), c.Summary!.Trim(), c.Kind!, c.AreaId!.Value, PersonRules.SplitInterests(c.Interests).Take(10).ToList(), c.Closed ? "closed" : "open");
        var now = clock.GetUtcNow();
        if (c.OpportunityId is { } changed)
        {
            await opportunities.Change(changed, opportunity, now, cancellationToken);
            await audit.Record(new AuditEntry(AuditActions.OpportunityChanged, "opportunity", changed.ToString()), cancellationToken);
            return changed;
        }

        var added = await opportunities.Add(opportunity, who.UserId, now, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.OpportunityCreated, "opportunity", added.ToString()), cancellationToken);
        return added;
    }
}

/// <summary>The public list: open opportunities, filtered by area and interest. Anyone may read it.</summary>
public sealed record ListPublicOpportunitiesQuery(long? AreaId, string? Interest, int? Page) : IQuery<Page<Opportunity>>;

public sealed class ListPublicOpportunitiesHandler(IOpportunityStore opportunities) : IQueryHandler<ListPublicOpportunitiesQuery, Page<Opportunity>>
{
    public async ValueTask<Page<Opportunity>> Handle(ListPublicOpportunitiesQuery query, CancellationToken cancellationToken) =>
        await opportunities.ListOpen(query.AreaId, Text.Clean(query.Interest) is { Length: <= 60 } interest ? interest : null, Paging.From(query.Page, 20), cancellationToken);
}

/// <summary>One open opportunity, for the public page; a closed or unknown one is not found.</summary>
public sealed record GetPublicOpportunityQuery(long Id) : IQuery<Opportunity>;

public sealed class GetPublicOpportunityHandler(IOpportunityStore opportunities) : IQueryHandler<GetPublicOpportunityQuery, Opportunity>
{
    public async ValueTask<Opportunity> Handle(GetPublicOpportunityQuery query, CancellationToken cancellationToken) =>
        await opportunities.Find(query.Id, cancellationToken) is { Status: "open" } open ? open : throw new NotFoundException("opportunity", query.Id);
}

/// <summary>Opportunities in the viewer's areas, for the staff who write them.</summary>
public sealed record ListOpportunitiesQuery(int? Page) : IQuery<Page<Opportunity>>;

public sealed class ListOpportunitiesHandler(IOpportunityStore opportunities, ICurrentViewer viewer) : IQueryHandler<ListOpportunitiesQuery, Page<Opportunity>>
{
    public async ValueTask<Page<Opportunity>> Handle(ListOpportunitiesQuery query, CancellationToken cancellationToken) =>
        viewer.Current.WorksWithPeople
            ? await opportunities.ListForStaff(viewer.Current, Paging.From(query.Page), cancellationToken)
            : throw new NotFoundException("opportunity", "list");
}

/// <summary>
/// Approved volunteers who might suit an opportunity, ranked by the one matching component on shared interests (an
/// opportunity has no place or time of its own), with the reasons, so a person makes the choice.
/// </summary>
public sealed record SuggestVolunteersQuery(long OpportunityId) : IQuery<IReadOnlyList<Matching.Suggestion>>;

public sealed class SuggestVolunteersHandler(IOpportunityStore opportunities, Matching.IMatchingStore matching, ICurrentViewer viewer)
    : IQueryHandler<SuggestVolunteersQuery, IReadOnlyList<Matching.Suggestion>>
{
    public async ValueTask<IReadOnlyList<Matching.Suggestion>> Handle(SuggestVolunteersQuery query, CancellationToken cancellationToken)
    {
        var opportunity = await opportunities.Find(query.OpportunityId, cancellationToken);
        if (opportunity is null || !viewer.Current.WorksWithPeople || !viewer.Current.CanSeeArea(opportunity.AreaId))
        {
            throw new NotFoundException("opportunity", query.OpportunityId);
        }

        var need = new Matching.Need(opportunity.Interests.ToHashSet(StringComparer.OrdinalIgnoreCase), null, new HashSet<string>());
        // An opportunity has no place, so "distance not known" says nothing about the volunteer: leave it out.
        return Matching.Matcher.Rank(need, await matching.FacilitatorCandidates(opportunity.AreaId, cancellationToken))
            .Select(s => s with { Reasons = s.Kilometres is null ? s.Reasons.Where(r => !r.StartsWith("Distance not known", StringComparison.Ordinal)).ToList() : s.Reasons })
            .ToList();
    }
}

/// <summary>An opportunity for its author to change: only in the viewer's areas.</summary>
public sealed record GetOpportunityQuery(long Id) : IQuery<Opportunity>;

public sealed class GetOpportunityHandler(IOpportunityStore opportunities, ICurrentViewer viewer) : IQueryHandler<GetOpportunityQuery, Opportunity>
{
    public async ValueTask<Opportunity> Handle(GetOpportunityQuery query, CancellationToken cancellationToken) =>
        await opportunities.Find(query.Id, cancellationToken) is { } found && viewer.Current.WorksWithPeople && viewer.Current.CanSeeArea(found.AreaId)
            ? found
            : throw new NotFoundException("opportunity", query.Id);
}
