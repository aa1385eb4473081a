using Circles.Core.Common;
using Circles.Core.Messaging;
using Circles.Data.Sqlite;
using Dapper;
using static Circles.Data.Sqlite.PagedQuery;

namespace Circles.Data.Messaging;

public sealed class OutboxStore(IDbConnectionFactory database) : IOutboxStore
{
    public async Task Enqueue(IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await OutboxWriter.Insert(connection, transaction, messages, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task ReplaceScheduled(IReadOnlyList<string> sourceTypes, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<OutboxMessage> wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await OutboxWriter.Replace(connection, transaction, "source_type IN @SourceTypes AND due_at BETWEEN @From AND @To",
            new { SourceTypes = sourceTypes.ToArray(), From = from, To = to }, wanted, "No longer needed: they have been in touch, or check-ins changed", now, cancellationToken, rewriteText: false);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> ReleaseAbandonedClaims(DateTimeOffset claimedBefore, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            """
            UPDATE messages SET status = 'pending', next_attempt_at = @Now, claim_id = NULL, updated_at = @Now
            WHERE status = 'sending' AND claimed_at < @Before
            RETURNING id
            """,
            new { Now = now, Before = claimedBefore },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var id in ids)
        {
            await OutboxWriter.Event(connection, transaction, id, now, MessageStatuses.Pending,
                "The sender stopped before recording what happened: it may or may not have gone. Trying again", null, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }

    public async Task<IReadOnlyList<ClaimedMessage>> Claim(MessageChannel channel, int max, string claimId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        // One statement claims the batch: SQLite writes are serialised, so two dispatchers can never take the same
        // row. (PostgreSQL: the same UPDATE with FOR UPDATE SKIP LOCKED in the subquery.)
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = (await connection.QueryAsync<ClaimedMessage>(new CommandDefinition(
            """
            UPDATE messages
            SET status = 'sending', attempts = attempts + 1, claim_id = @ClaimId, claimed_at = @Now, updated_at = @Now
            WHERE id IN (SELECT id FROM messages WHERE status = 'pending' AND next_attempt_at <= @Now AND channel = @Channel
                         ORDER BY next_attempt_at LIMIT {=Max})
            RETURNING id, channel, recipient, template, subject, body, unsubscribe_url, person_id, user_id, expires_at, attempts
            """,
            new { ClaimId = claimId, Now = now, Channel = channel.ToString(), Max = max },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO message_events (message_id, at, status, detail) VALUES (@Id, @Now, 'sending', 'Try ' || @Attempts)",
            claimed.Select(m => new { m.Id, Now = now, m.Attempts }),
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task<IReadOnlySet<MessageRecipient>> OptedOut(MessageChannel channel, IReadOnlyCollection<MessageRecipient> recipients, CancellationToken cancellationToken)
    {
        var people = recipients.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).ToArray();
        var users = recipients.Where(r => r.UserId is not null).Select(r => r.UserId!.Value).ToArray();
        if (people.Length == 0 && users.Length == 0)
        {
            return new HashSet<MessageRecipient>();
        }

        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<(long? PersonId, long? UserId)>(new CommandDefinition(
            """
            SELECT person_id, user_id FROM message_opt_outs WHERE channel = @Channel AND person_id IN @People
            UNION ALL
            SELECT person_id, user_id FROM message_opt_outs WHERE channel = @Channel AND user_id IN @Users
            """,
            new { Channel = channel.ToString(), People = people, Users = users },
            cancellationToken: cancellationToken));
        return rows.Select(r => new MessageRecipient(r.PersonId, r.UserId)).ToHashSet();
    }

    public async Task RecordOutcomes(IReadOnlyList<DispatchOutcome> outcomes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Only the claim that took a message records it: a claim that outlived its lease has lost it.
        foreach (var o in outcomes)
        {
            var recorded = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE messages
                SET status = @Status,
                    status_reason = CASE WHEN @Status IN ('suppressed', 'failed') THEN @Detail ELSE NULL END,
                    attempts = CASE WHEN @Status = 'pending' AND @Error IS NULL THEN attempts - 1 ELSE attempts END,
                    last_error = coalesce(@Error, last_error),
                    sender = coalesce(@Sender, sender),
                    provider_reference = coalesce(@ProviderReference, provider_reference),
                    next_attempt_at = coalesce(@NextAttemptAt, next_attempt_at),
                    sent_at = CASE WHEN @Status = 'sent' THEN @Now ELSE sent_at END,
                    claim_id = NULL, updated_at = @Now
                WHERE id = @MessageId AND claim_id = @ClaimId AND status = 'sending'
                """,
                new { o.MessageId, o.ClaimId, o.Status, o.Detail, o.Error, o.Sender, o.ProviderReference, o.NextAttemptAt, Now = now },
                transaction,
                cancellationToken: cancellationToken));
            if (recorded == 1)
            {
                await OutboxWriter.Event(connection, transaction, o.MessageId, now, o.Status, o.Error is null ? o.Detail : $"{o.Detail}: {o.Error}", null, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TrackedMessage>> AwaitingDelivery(string sender, DateTimeOffset sentAfter, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<TrackedMessage>(new CommandDefinition(
            """
            SELECT id, provider_reference FROM messages
            WHERE status = 'sent' AND sender = @Sender AND provider_reference IS NOT NULL AND sent_at > @SentAfter
            ORDER BY sent_at LIMIT {=Max}
            """,
            new { Sender = sender, SentAfter = sentAfter, Max = max },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task RecordDelivery(long messageId, bool delivered, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE messages
            SET status = @Status, delivered_at = CASE WHEN @Delivered THEN @At ELSE NULL END,
                status_reason = CASE WHEN @Delivered THEN NULL ELSE @Detail END, last_error = CASE WHEN @Delivered THEN last_error ELSE @Detail END, updated_at = @At
            WHERE id = @Id AND status = 'sent'
            """,
            new { Id = messageId, Delivered = delivered, Status = delivered ? MessageStatuses.Delivered : MessageStatuses.Failed, Detail = detail, At = at },
            transaction,
            cancellationToken: cancellationToken));
        if (changed == 1)
        {
            await OutboxWriter.Event(connection, transaction, messageId, at, delivered ? MessageStatuses.Delivered : MessageStatuses.Failed, detail, null, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    // Staff see messages about people in their areas (by the person, or the circle they were sent for: message_areas,
    // which triggers keep as messages, people and circles change); messages to users alone (invitations, password
    // resets) are for administrators.
    private static string Reach(Viewer viewer) =>
        viewer.SeesAllAreas ? "1 = 1"
        : !viewer.WorksWithPeople ? "0 = 1"
        : "EXISTS (SELECT 1 FROM message_areas ma WHERE ma.message_id = m.id AND ma.area_id IN @AreaIds)";

    public async Task<Page<MessageSummary>> List(Viewer viewer, MessageFilter filter, Paging paging, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        var parameters = new DynamicParameters();
        parameters.Add("AreaIds", viewer.AreaIds.ToArray());
        if (filter.Status is not null)
        {
            conditions.Add("m.status = @Status");
            parameters.Add("Status", filter.Status);
        }

        if (filter.PersonId is not null)
        {
            conditions.Add("m.person_id = @PersonId");
            parameters.Add("PersonId", filter.PersonId);
        }

        if (filter.CircleId is not null)
        {
            conditions.Add("m.circle_id = @CircleId");
            parameters.Add("CircleId", filter.CircleId);
        }

        if (filter.From is { } from)
        {
            conditions.Add("m.created_at >= @From");
            parameters.Add("From", UkTime.StartOfDayUtc(from));
        }

        if (filter.To is { } to)
        {
            conditions.Add("m.created_at < @To");
            parameters.Add("To", UkTime.StartOfDayUtc(to.AddDays(1)));
        }

        await using var connection = await database.Open(cancellationToken);
        const string Columns = """
            m.id, m.template, m.channel, m.recipient, m.subject, m.status, m.status_reason, m.due_at, m.sent_at, m.attempts,
            m.person_id, p.full_name AS person_name, m.circle_id
            """;
        if (viewer.SeesAllAreas || !viewer.WorksWithPeople)
        {
            var where = "WHERE " + string.Join(" AND ", conditions.Prepend(Reach(viewer)));
            return await CountThenPage<MessageSummary>(
                connection,
                $"SELECT count(*) FROM messages m {where}",
                $"""
                SELECT {Columns}
                FROM messages m LEFT JOIN people p ON p.id = m.person_id
                {where}
                ORDER BY m.created_at DESC, m.id DESC
                {PageLimit}
                """,
                parameters,
                paging,
                cancellationToken);
        }

        // The messages in reach, newest first, straight from message_areas; a message whose person and circle are in
        // two of the viewer's areas is there twice, and is kept once. Other filters join the message itself.
        var inReach = $"""
            FROM message_areas r {(conditions.Count == 0 ? "" : "JOIN messages m ON m.id = r.message_id")}
            WHERE r.area_id IN @AreaIds AND (r.other_area_id IS NULL OR r.other_area_id > r.area_id OR r.other_area_id NOT IN @AreaIds)
            {string.Concat(conditions.Select(c => " AND " + c))}
            """;
        return await CountThenPage<MessageSummary>(
            connection,
            $"SELECT count(*) {inReach}",
            $"""
            WITH page (id, created_at) AS (
                SELECT r.message_id, r.created_at {inReach}
                ORDER BY r.created_at DESC, r.message_id DESC {PageLimit})
            SELECT {Columns}
            FROM page pg JOIN messages m ON m.id = pg.id LEFT JOIN people p ON p.id = m.person_id
            ORDER BY pg.created_at DESC, pg.id DESC
            """,
            parameters,
            paging,
            cancellationToken);
    }

    public async Task<MessageDetails?> Find(Viewer viewer, long messageId, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        parameters.Add("AreaIds", viewer.AreaIds.ToArray());
        parameters.Add("Id", messageId);
        await using var connection = await database.Open(cancellationToken);
        var message = await connection.QuerySingleOrDefaultAsync<MessageDetails>(new CommandDefinition(
            $"""
            SELECT m.id, m.dedupe_key, m.template, m.channel, m.recipient, m.subject, m.body, m.status, m.status_reason, m.due_at, m.next_attempt_at,
                   m.expires_at, m.attempts, m.last_error, m.sender, m.provider_reference, m.sent_at, m.delivered_at, m.created_at,
                   m.person_id, p.full_name AS person_name, m.user_id, m.circle_id
            FROM messages m LEFT JOIN people p ON p.id = m.person_id
            WHERE m.id = @Id AND {Reach(viewer)}
            """,
            parameters,
            cancellationToken: cancellationToken));
        if (message is null)
        {
            return null;
        }

        var history = await connection.QueryAsync<MessageEvent>(new CommandDefinition(
            """
            SELECT e.at, e.status, e.detail, u.display_name AS by_name
            FROM message_events e LEFT JOIN users u ON u.id = e.user_id
            WHERE e.message_id = @Id ORDER BY e.id
            """,
            new { Id = messageId },
            cancellationToken: cancellationToken));
        return message with { History = history.ToList() };
    }

    public async Task<bool> Resend(long messageId, long byUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE messages SET status = 'pending', status_reason = NULL, attempts = 0, next_attempt_at = @Now, expires_at = NULL, updated_at = @Now
            WHERE id = @Id AND status = 'failed'
            """,
            new { Id = messageId, Now = now },
            transaction,
            cancellationToken: cancellationToken)) == 1;
        if (changed)
        {
            await OutboxWriter.Event(connection, transaction, messageId, now, MessageStatuses.Pending, "Sent again by staff", byUserId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<IReadOnlyList<StatusCount>> CountByStatus(CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<StatusCount>(new CommandDefinition(
            "SELECT status, count(*) AS count FROM messages GROUP BY status", cancellationToken: cancellationToken));
        var counts = rows.ToDictionary(r => r.Status, r => r.Count);
        return MessageStatuses.All.Select(s => new StatusCount { Status = s, Count = counts.GetValueOrDefault(s) }).ToList();
    }

    public async Task<IReadOnlyList<OptOut>> OptOuts(MessageRecipient recipient, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var rows = await connection.QueryAsync<OptOut>(new CommandDefinition(
            $"""
            SELECT o.channel, o.opted_out_at, o.how, u.display_name AS recorded_by_name
            FROM message_opt_outs o LEFT JOIN users u ON u.id = o.recorded_by
            WHERE {(recipient.PersonId is null ? "o.user_id = @UserId" : "o.person_id = @PersonId")}
            ORDER BY o.channel
            """,
            new { recipient.PersonId, recipient.UserId },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<int> OptOut(MessageRecipient recipient, MessageChannel channel, string how, long? recordedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var reason = channel == MessageChannel.Email ? "Asked not to get emails" : "Asked not to get text messages";
        var stopped = await OptOut(connection, transaction, recipient, channel, how, reason, recordedBy, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stopped;
    }

    /// <summary>Records an opt-out (once) and stops that recipient's waiting messages on the channel, inside the caller's transaction.</summary>
    internal static async Task<int> OptOut(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, MessageRecipient recipient, MessageChannel channel,
        string how, string reason, long? recordedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var who = recipient.PersonId is null ? "user_id = @UserId" : "person_id = @PersonId";
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO message_opt_outs (person_id, user_id, channel, opted_out_at, how, recorded_by)
            SELECT @PersonId, @UserId, @Channel, @At, @How, @By
            WHERE NOT EXISTS (SELECT 1 FROM message_opt_outs WHERE {who} AND channel = @Channel)
            """,
            new { recipient.PersonId, recipient.UserId, Channel = channel.ToString(), How = how, By = recordedBy, At = at },
            transaction,
            cancellationToken: cancellationToken));
        var stopped = (await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            UPDATE messages SET status = 'suppressed', status_reason = @Reason, updated_at = @At
            WHERE {who} AND channel = @Channel AND status = 'pending'
            RETURNING id
            """,
            new { recipient.PersonId, recipient.UserId, Channel = channel.ToString(), Reason = reason, At = at },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var id in stopped)
        {
            await OutboxWriter.Event(connection, transaction, id, at, MessageStatuses.Suppressed, reason, recordedBy, cancellationToken);
        }

        return stopped.Count;
    }

    public async Task<bool> OptIn(MessageRecipient recipient, MessageChannel channel, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM message_opt_outs WHERE {(recipient.PersonId is null ? "user_id = @UserId" : "person_id = @PersonId")} AND channel = @Channel",
            new { recipient.PersonId, recipient.UserId, Channel = channel.ToString() },
            cancellationToken: cancellationToken)) > 0;
    }
}
