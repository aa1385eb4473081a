using System.Collections.Concurrent;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Data.Sqlite;
using Dapper;
using static Circles.Data.Sqlite.PagedQuery;

namespace Circles.Data.Auditing;

/// <summary>
/// The audit log. Rows are group-committed: each <see cref="Append"/> waits until its own row is committed, but rows
/// appended while another batch is being written go together in the next transaction. Every person and circle page
/// writes a row, and one commit per row made busy pages queue for SQLite's single writer.
/// </summary>
public sealed class AuditStore(IDbConnectionFactory database) : IAuditStore
{
    private const int MostPerBatch = 500;

    private const string Insert = """
        INSERT INTO audit_events (occurred_at, user_id, action, entity_type, entity_id, detail, ip_address)
        VALUES (@OccurredAt, @UserId, @Action, @EntityType, @EntityId, @Detail, @IpAddress)
        """;

    private readonly ConcurrentQueue<PendingRow> _pending = new();
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task Append(AuditEntry entry, long? userId, string? ipAddress, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
        var row = new PendingRow(new AuditRow(occurredAt, userId, entry.Action, entry.EntityType, entry.EntityId, entry.Detail, ipAddress));
        _pending.Enqueue(row);
        // Whoever holds the writer writes every row queued so far, this one included, so a request cancelled here
        // still has its row written; the write itself is never cancelled, since it carries other requests' rows.
        await _writer.WaitAsync(CancellationToken.None);
        try
        {
            while (!row.Committed.Task.IsCompleted)
            {
                await WriteBatch();
            }
        }
        finally
        {
            _writer.Release();
        }

        await row.Committed.Task;
    }

    private async Task WriteBatch()
    {
        var batch = new List<PendingRow>(Math.Min(MostPerBatch, _pending.Count));
        while (batch.Count < MostPerBatch && _pending.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        try
        {
            await using var connection = await database.Open(CancellationToken.None);
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            foreach (var pending in batch)
            {
                await connection.ExecuteAsync(new CommandDefinition(Insert, pending.Row, transaction));
            }

            await transaction.CommitAsync(CancellationToken.None);
            batch.ForEach(pending => pending.Committed.TrySetResult());
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One bad row must not lose the others: write each alone, so only the bad one fails.
            foreach (var pending in batch)
            {
                await WriteAlone(pending);
            }
        }
        catch (Exception failure)
        {
            batch.ForEach(pending => pending.Committed.TrySetException(failure));
        }
    }

    private async Task WriteAlone(PendingRow pending)
    {
        try
        {
            await using var connection = await database.Open(CancellationToken.None);
            await connection.ExecuteAsync(new CommandDefinition(Insert, pending.Row));
            pending.Committed.TrySetResult();
        }
        catch (Exception failure)
        {
            pending.Committed.TrySetException(failure);
        }
    }

    private sealed record AuditRow(DateTimeOffset OccurredAt, long? UserId, string Action, string EntityType, string? EntityId, string? Detail, string? IpAddress);

    private sealed class PendingRow(AuditRow row)
    {
        public AuditRow Row { get; } = row;

        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
        return await CountThenPage<AuditRecord>(
            connection,
            "SELECT count(*) FROM audit_events e " + Where,
            $"""
            SELECT e.id, e.occurred_at, e.user_id, u.display_name AS user_display_name, e.action, e.entity_type,
                   e.entity_id, e.detail, e.ip_address
            FROM audit_events e
            LEFT JOIN users u ON u.id = e.user_id
            {Where}
            ORDER BY e.occurred_at DESC, e.id DESC
            {PageLimit}
            """,
            parameters,
            paging,
            cancellationToken);
    }
}
