using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Auditing;

public sealed record SearchAuditLogQuery(AuditFilter Filter, int? Page) : IQuery<Page<AuditRecord>>;

public sealed class SearchAuditLogValidator : Validator<SearchAuditLogQuery>
{
    protected override void Rules(SearchAuditLogQuery query, Failures failures)
    {
        var filter = query.Filter;
        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            failures.Add("To", "The ‘to’ date must be the same as or after the ‘from’ date");
        }

        failures.MaxLength("EntityType", filter.EntityType, 50, "Entity type");
        failures.MaxLength("EntityId", filter.EntityId, 50, "Entity id");
        if (filter.Event is not null && !AuditActions.All.Contains(filter.Event))
        {
            failures.Add("Event", "Choose an action from the list");
        }
    }
}

public sealed class SearchAuditLogHandler(IAuditStore store) : IQueryHandler<SearchAuditLogQuery, Page<AuditRecord>>
{
    public async ValueTask<Page<AuditRecord>> Handle(SearchAuditLogQuery query, CancellationToken cancellationToken) =>
        await store.Search(query.Filter, Paging.From(query.Page, 50), cancellationToken);
}
