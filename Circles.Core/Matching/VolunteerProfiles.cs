using Circles.Core.Auditing;
using Circles.Core.Circles;
using Circles.Core.Common;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Matching;

public sealed record VolunteerProfile(long UserId, string? Postcode, IReadOnlyList<string> Interests, IReadOnlySet<string> Availability);

public interface IMatchingStore
{
    Task<VolunteerProfile> Profile(long userId, CancellationToken cancellationToken);

    Task SaveProfile(long userId, string? postcode, string availability, IReadOnlyList<string> interests, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Approved volunteers who could facilitate in the area, with what matching needs to know.</summary>
    Task<IReadOnlyList<Candidate>> FacilitatorCandidates(long? areaId, CancellationToken cancellationToken);

    /// <summary>The circle's focus person's interests and home, and when the circle next meets.</summary>
    Task<Need> CircleNeed(long circleId, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed record GetMyVolunteerProfileQuery : IQuery<VolunteerProfile>;

public sealed class GetMyVolunteerProfileHandler(IMatchingStore store, ICurrentViewer viewer) : IQueryHandler<GetMyVolunteerProfileQuery, VolunteerProfile>
{
    public async ValueTask<VolunteerProfile> Handle(GetMyVolunteerProfileQuery query, CancellationToken cancellationToken) =>
        await store.Profile(viewer.Current.UserId, cancellationToken);
}

public sealed record SaveMyVolunteerProfileCommand : ICommand
{
    public string? Postcode { get; init; }

    public string? Interests { get; init; }

    public string[] Availability { get; init; } = [];
}

public sealed class SaveMyVolunteerProfileValidator : Validator<SaveMyVolunteerProfileCommand>
{
    protected override void Rules(SaveMyVolunteerProfileCommand c, Failures failures)
    {
        if (!string.IsNullOrWhiteSpace(c.Postcode) && UkFormats.NormalisePostcode(c.Postcode) is null)
        {
            failures.Add("Postcode", "Enter a real postcode, like SE1 7PB");
        }

        failures.MaxLength("Interests", c.Interests, 2000, "Interests");
        if (PersonRules.SplitInterests(c.Interests).Count > PersonRules.MaxInterests)
        {
            failures.Add("Interests", $"Enter {PersonRules.MaxInterests} interests or fewer");
        }

        if (c.Availability.Any(s => !Matching.Availability.AllSlots.Contains(s)))
        {
            failures.Add("Availability", "Choose times from the list");
        }
    }
}

public sealed class SaveMyVolunteerProfileHandler(IMatchingStore store, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<SaveMyVolunteerProfileCommand>
{
    public async ValueTask<Unit> Handle(SaveMyVolunteerProfileCommand c, CancellationToken cancellationToken)
    {
        var userId = viewer.Current.UserId;
        await store.SaveProfile(userId, UkFormats.NormalisePostcode(c.Postcode), Matching.Availability.Format(c.Availability),
            PersonRules.SplitInterests(c.Interests), clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.VolunteerProfileChanged, "user", userId.ToString()), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Everyone who could facilitate the circle, and the best few ranked with reasons.</summary>
public sealed record FacilitatorChoices(IReadOnlyList<Candidate> All, IReadOnlyList<Suggestion> Suggested);

public sealed record GetFacilitatorChoicesQuery(long CircleId) : IQuery<FacilitatorChoices>;

public sealed class GetFacilitatorChoicesHandler(IMatchingStore store, CircleAccess access, TimeProvider clock) : IQueryHandler<GetFacilitatorChoicesQuery, FacilitatorChoices>
{
    public async ValueTask<FacilitatorChoices> Handle(GetFacilitatorChoicesQuery query, CancellationToken cancellationToken)
    {
        var circle = await access.ForStaff(query.CircleId, cancellationToken);
        var candidates = await store.FacilitatorCandidates(circle.AreaId, cancellationToken);
        var suggested = circle.FacilitatorUserId is null
            ? Matcher.Rank(await store.CircleNeed(query.CircleId, clock.GetUtcNow(), cancellationToken), candidates)
            : [];
        return new FacilitatorChoices(candidates.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList(), suggested);
    }
}
