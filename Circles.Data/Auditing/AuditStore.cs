using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Data.Sqlite;
using Dapper;
using static Circles.Data.Sqlite.PagedQuery;

namespace Circles.Data.Auditing;

public sealed class AuditStore(IDbConnectionFactory database) : IAuditStore
{
    public async Task Append(AuditEntry entry, long? userId, string? ipAddress, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_events (occurred_at, user_id, action, entity_type, entity_id, detail, ip_address)
            VALUES (@OccurredAt, @UserId, @Action, @EntityType, @EntityId, @Detail, @IpAddress)
            """,
            new { OccurredAt = occurredAt, UserId = userId, entry.Action, entry.EntityType, entry.EntityId, entry.Detail, IpAddress = ipAddress },
            cancellationToken: cancellationToken));
    }

    public async Task<Page<AuditRecord>> Search(AuditFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        const string Where = """
            WHERE (@Event IS NULL OR e.action = @Event)
              AND (@EntityType IS NULL OR e.entity_type = @EntityType)
              AND (@EntityId IS NULL OR e.entity_id = @EntityId)
              AND (@UserId IS NULL OR e.user_id = @UserId)
              AND (@From IS NULL OR e.occurred_at >= @From)
              AND (@To IS NULL OR e.occurred_at < @To)
            """;
        var parameters = new
        {
            filter.Event,
            filter.EntityType,
            filter.EntityId,
            filter.UserId,
            // The page speaks UK time, so a day runs from London midnight to London midnight.
            From = filter.From is { } from ? TypeHandlers.Format(UkTime.StartOfDayUtc(from)) : null,
            To = filter.To is { } to ? TypeHandlers.Format(UkTime.StartOfDayUtc(to.AddDays(1))) : null,
        };
        await using var connection = await database.Open(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM audit_events e " + Where, parameters, cancellationToken: cancellationToken));
        paging = paging.Within(total);
        var rows = await connection.QueryAsync<AuditRecord>(new CommandDefinition(
            $"""
            SELECT e.id, e.occurred_at, e.user_id, u.display_name AS user_display_name, e.action, e.entity_type,
                   e.entity_id, e.detail, e.ip_address
            FROM audit_events e
            LEFT JOIN users u ON u.id = e.user_id
            {Where}
            ORDER BY e.occurred_at DESC, e.id DESC
            LIMIT @PageSize OFFSET @Offset
            """,
            Paged(parameters, paging),
            cancellationToken: cancellationToken));
        return new Page<AuditRecord>(rows.ToList(), paging.PageNumber, paging.PageSize, total);
    }
}
