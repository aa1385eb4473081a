using Circles.Core.Accounts;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Privacy;

/// <summary>One kind of record held about a person, as rows of named values, the way the database holds them.</summary>
public sealed record DataSection(string Name, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);

public sealed record PersonDataExport(long PersonId, string FullName, DateTimeOffset GeneratedAt, IReadOnlyList<DataSection> Sections);

public interface ISubjectAccessStore
{
    /// <summary>
    /// Everything held about the person: their record and every table that names them (found from the schema, so a
    /// table added later is not forgotten), their circles with its meetings and actions, and the audit trail about them.
    /// </summary>
    Task<IReadOnlyList<DataSection>> Collect(long personId, CancellationToken cancellationToken);
}

public static class DataRights
{
    /// <summary>Subject access and erasure are for administrators and the coordinators of the person's area.</summary>
    public static bool CanAct(Viewer viewer) => viewer.Coordinates;
}

/// <summary>A subject access request: everything held about a person, for them. The export itself is audited.</summary>
public sealed record ExportPersonDataQuery(long PersonId) : IQuery<PersonDataExport>;

public sealed class ExportPersonDataHandler(ISubjectAccessStore store, IPeopleStore people, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : IQueryHandler<ExportPersonDataQuery, PersonDataExport>
{
    public async ValueTask<PersonDataExport> Handle(ExportPersonDataQuery query, CancellationToken cancellationToken)
    {
        var person = DataRights.CanAct(viewer.Current) ? await people.Find(viewer.Current, query.PersonId, cancellationToken) : null;
        if (person is null)
        {
            throw new NotFoundException("person", query.PersonId);
        }

        var sections = await store.Collect(person.Id, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.SubjectAccessExported, "person", person.Id.ToString(),
            $"{sections.Sum(s => s.Rows.Count)} records in {sections.Count(s => s.Rows.Count > 0)} sections"), cancellationToken);
        return new PersonDataExport(person.Id, person.FullName, clock.GetUtcNow(), sections);
    }
}
