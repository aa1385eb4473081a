using System.Data.Common;
using Circles.Core.Messaging;
using Dapper;

namespace Circles.Data.Messaging;

/// <summary>
/// Writes outbox rows inside the caller's transaction, so a change and the messages it causes commit together
/// or not at all. Every write leaves an event in the message's history.
/// </summary>
public static class OutboxWriter
{
    private sealed record Existing
    {
        public long Id { get; init; }

        public string DedupeKey { get; init; } = "";

        public string Status { get; init; } = "";

        public string? Recipient { get; init; }

        public string Subject { get; init; } = "";

        public string Body { get; init; } = "";

        public string? UnsubscribeUrl { get; init; }

        public DateTimeOffset DueAt { get; init; }

        public string? StatusReason { get; init; }
    }

    /// <summary>Adds messages; a dedupe key already in the outbox keeps its row as it is.</summary>
    public static async Task<int> Insert(DbConnection connection, DbTransaction transaction, IEnumerable<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var message in messages)
        {
            var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                INSERT INTO messages (dedupe_key, template, source_type, source_id, circle_id, person_id, user_id, channel, recipient, subject, body,
                                      unsubscribe_url, due_at, expires_at, next_attempt_at, status, status_reason, created_at, updated_at)
                VALUES (@DedupeKey, @Template, @SourceType, @SourceId, @CircleId, @PersonId, @UserId, @Channel, @Recipient, @Subject, @Body,
                        @UnsubscribeUrl, @DueAt, @ExpiresAt, @DueAt, @Status, @SuppressedBecause, @Now, @Now)
                ON CONFLICT (dedupe_key) DO NOTHING
                RETURNING id
                """,
                Parameters(message, now),
                transaction,
                cancellationToken: cancellationToken));
            if (id is { } newId)
            {
                added++;
                await Event(connection, transaction, newId, now, StatusOf(message), message.SuppressedBecause ?? "Added to the outbox", null, cancellationToken);
            }
        }

        return added;
    }

    /// <summary>
    /// Makes the not-yet-sent messages in a scope match what should now be sent: new ones are added, changed ones
    /// rewritten (a moved meeting moves its reminders), and waiting ones no longer wanted are cancelled. Messages
    /// already sent are history and stay as they are. With <paramref name="rewriteText"/> false a waiting message's
    /// words are left alone (a planner asking again must not churn signed links), and only its time and status follow.
    /// </summary>
    public static async Task Replace(
        DbConnection connection, DbTransaction transaction, string scope, object scopeParameters, IReadOnlyList<OutboxMessage> wanted,
        string cancelledBecause, DateTimeOffset now, CancellationToken cancellationToken, bool rewriteText = true)
    {
        var parameters = new DynamicParameters(scopeParameters);
        parameters.Add("Now", now);
        var existing = (await connection.QueryAsync<Existing>(new CommandDefinition(
            $"""
            SELECT id, dedupe_key, status, recipient, subject, body, unsubscribe_url, due_at, status_reason
            FROM messages
            WHERE {scope} AND (status = 'pending' OR (status IN ('cancelled', 'suppressed') AND (expires_at IS NULL OR expires_at > @Now)))
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken))).ToDictionary(e => e.DedupeKey);
        var fresh = new List<OutboxMessage>();
        foreach (var want in wanted)
        {
            var message = want;
            if (!existing.Remove(message.DedupeKey, out var row))
            {
                fresh.Add(message);
                continue;
            }

            var status = StatusOf(message);
            var sameText = !rewriteText || (row.Subject == message.Subject && row.Body == message.Body);
            if (row.Status == status && row.Recipient == message.Recipient && sameText && row.DueAt == message.DueAt && row.StatusReason == message.SuppressedBecause)
            {
                continue;
            }

            if (!rewriteText)
            {
                message = message with { Subject = row.Subject, Body = row.Body, UnsubscribeUrl = row.UnsubscribeUrl };
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE messages
                SET recipient = @Recipient, subject = @Subject, body = @Body, unsubscribe_url = @UnsubscribeUrl, due_at = @DueAt, expires_at = @ExpiresAt,
                    next_attempt_at = @DueAt, status = @Status, status_reason = @SuppressedBecause, updated_at = @Now
                WHERE id = @Id
                """,
                new DynamicParameters(Parameters(message, now)).Also("Id", row.Id),
                transaction,
                cancellationToken: cancellationToken));
            var detail = status == MessageStatuses.Suppressed ? message.SuppressedBecause
                : row.Status != MessageStatuses.Pending ? "Needed again after the change" : row.DueAt != message.DueAt ? "Moved with the change" : "Rewritten with the change";
            await Event(connection, transaction, row.Id, now, status, detail, null, cancellationToken);
        }

        foreach (var row in existing.Values.Where(r => r.Status == MessageStatuses.Pending))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE messages SET status = 'cancelled', status_reason = @Reason, updated_at = @Now WHERE id = @Id",
                new { row.Id, Reason = cancelledBecause, Now = now },
                transaction,
                cancellationToken: cancellationToken));
            await Event(connection, transaction, row.Id, now, MessageStatuses.Cancelled, cancelledBecause, null, cancellationToken);
        }

        await Insert(connection, transaction, fresh, now, cancellationToken);
    }

    public static Task Event(DbConnection connection, DbTransaction? transaction, long messageId, DateTimeOffset at, string status, string? detail, long? userId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO message_events (message_id, at, status, detail, user_id) VALUES (@MessageId, @At, @Status, @Detail, @UserId)",
            new { MessageId = messageId, At = at, Status = status, Detail = detail, UserId = userId },
            transaction,
            cancellationToken: cancellationToken));

    private static string StatusOf(OutboxMessage message) => message.SuppressedBecause is null ? MessageStatuses.Pending : MessageStatuses.Suppressed;

    private static object Parameters(OutboxMessage m, DateTimeOffset now) => new
    {
        m.DedupeKey,
        m.Template,
        m.SourceType,
        m.SourceId,
        m.CircleId,
        m.PersonId,
        m.UserId,
        Channel = m.Channel.ToString(),
        m.Recipient,
        m.Subject,
        m.Body,
        m.UnsubscribeUrl,
        m.DueAt,
        m.ExpiresAt,
        Status = StatusOf(m),
        m.SuppressedBecause,
        Now = now,
    };

    private static DynamicParameters Also(this DynamicParameters parameters, string name, object value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}
