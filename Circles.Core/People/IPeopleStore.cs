using Circles.Core.Common;

namespace Circles.Core.People;

public sealed record NewPerson(
    string FullName,
    string? PreferredName,
    DateOnly? DateOfBirth,
    string? AgeBand,
    string? Email,
    string? Phone,
    string? Address,
    string? Postcode,
    long? AreaId,
    string PreferredChannel,
    string? CommunicationNeeds,
    string? Notes,
    DateOnly? ConsentGivenOn,
    string? ConsentMethod,
    IReadOnlyList<string> Interests);

public sealed record NewIntroduction(string IntroducedBy, string? IntroducedByDetail, DateOnly IntroducedOn, int Level, long? HolderUserId);

public interface IPeopleStore
{
    /// <summary>Adds the person, their interests (creating new vocabulary words) and their introduction in one transaction.</summary>
    Task<(long PersonId, long IntroductionId)> AddWithIntroduction(NewPerson person, NewIntroduction introduction, long recordedBy, DateTimeOffset at, CancellationToken cancellationToken);

    Task<Page<PersonSummary>> Search(Viewer viewer, string? text, Paging paging, CancellationToken cancellationToken);

    /// <summary>Null when there is no such person or the viewer may not see them.</summary>
    Task<PersonDetails?> Find(Viewer viewer, long personId, CancellationToken cancellationToken);

    Task<bool> InReach(Viewer viewer, long personId, CancellationToken cancellationToken);

    /// <summary>Replaces the person's details and interests; their circles (and members who are only in them) move area with them.</summary>
    /// <summary>Changes the record; the person's waiting reminders are rewritten in the same transaction.</summary>
    Task ChangeDetails(long personId, NewPerson details, Messaging.MessagePlan plan, CancellationToken cancellationToken);

    Task<PersonProfile?> FindProfile(Viewer viewer, long personId, CancellationToken cancellationToken);

    /// <summary>Saves the answers; a first conversation moves new introductions to "in conversation".</summary>
    Task SaveProfile(PersonProfile profile, long savedBy, DateTimeOffset at, CancellationToken cancellationToken);

    Task<RelationshipCircle?> FindRelationships(Viewer viewer, long personId, CancellationToken cancellationToken);

    Task<long> AddRelationship(long personId, Relationship relationship, DateTimeOffset at, CancellationToken cancellationToken);

    Task<bool> RemoveRelationship(long personId, long relationshipId, CancellationToken cancellationToken);

    Task<bool> ChangeIntroduction(long personId, long introductionId, string status, long? holderUserId, string? closedReason, CancellationToken cancellationToken);

    /// <summary>Active connectors and coordinators who work in the person's area, and so can hold their introduction.</summary>
    Task<IReadOnlyList<(long UserId, string Name)>> IntroductionHolders(long personId, CancellationToken cancellationToken);

    /// <summary>People whose introduction is new: nobody has had the first conversation yet.</summary>
    Task<IReadOnlyList<Circles.WaitingPerson>> WaitingForFirstConversation(Viewer viewer, bool heldByViewerOnly, CancellationToken cancellationToken);
}
