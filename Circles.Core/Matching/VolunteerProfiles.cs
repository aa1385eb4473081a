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

    /// <summary>The same volunteers by name only, in name order: all a choice from a list needs.</summary>
    Task<IReadOnlyList<FacilitatorOption>> FacilitatorOptions(long? areaId, CancellationToken cancellationToken);

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

public sealed record FacilitatorOption(long Id, string Name);

/// <summary>Everyone who could facilitate the circle, and the best few ranked with reasons.</summary>
public sealed record FacilitatorChoices(IReadOnlyList<FacilitatorOption> All, IReadOnlyList<Suggestion> Suggested);

/// <summary>
/// What a connector chooses a facilitator from. Ranking needs every volunteer's interests, home and times, which is
/// most of the circle page's reading, so it is only done while the circle has no facilitator to suggest.
/// </summary>
public sealed class FacilitatorChoosing(IMatchingStore store, TimeProvider clock)
{
    public async Task<FacilitatorChoices> For(Circles.CircleDetails circle, CancellationToken cancellationToken)
    {
        if (circle.FacilitatorUserId is not null)
        {
            return new FacilitatorChoices(await store.FacilitatorOptions(circle.AreaId, cancellationToken), []);
        }

        var candidates = await store.FacilitatorCandidates(circle.AreaId, cancellationToken);
        var suggested = Matcher.Rank(await store.CircleNeed(circle.Id, clock.GetUtcNow(), cancellationToken), candidates);
        var all = candidates.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id).Select(c => new FacilitatorOption(c.Id, c.Name)).ToList();
        return new FacilitatorChoices(all, suggested);
    }
}
