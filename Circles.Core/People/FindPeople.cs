using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.People;

public sealed record SearchPeopleQuery(string? Text, int? Page) : IQuery<Page<PersonSummary>>;

public sealed class SearchPeopleHandler(IPeopleStore people, ICurrentViewer viewer) : IQueryHandler<SearchPeopleQuery, Page<PersonSummary>>
{
    public async ValueTask<Page<PersonSummary>> Handle(SearchPeopleQuery query, CancellationToken cancellationToken)
    {
        if (!viewer.Current.WorksWithPeople)
        {
            return new Page<PersonSummary>([], 1, Paging.DefaultPageSize, 0);
        }

        var text = Text.Clean(query.Text);
        if (text is { Length: > 100 })
        {
            text = text[..100];
        }

        return await people.Search(viewer.Current, text, Paging.From(query.Page), cancellationToken);
    }
}

/// <summary>A person's record. Every view is audited, because the record holds sensitive details.</summary>
public sealed record GetPersonQuery(long PersonId) : IQuery<PersonDetails>;

public sealed class GetPersonHandler(IAuditLog audit, PersonReach reach) : IQueryHandler<GetPersonQuery, PersonDetails>
{
    public async ValueTask<PersonDetails> Handle(GetPersonQuery query, CancellationToken cancellationToken)
    {
        // Read within the viewer's reach: the rest of the person's page need not ask again.
        var person = await reach.Read(query.PersonId, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.PersonViewed, "person", query.PersonId.ToString()), cancellationToken);
        return person;
    }
}
