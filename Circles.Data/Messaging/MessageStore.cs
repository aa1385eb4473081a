using Circles.Core.Common;
using Circles.Core.Messaging;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Messaging;

public sealed class MessageStore(IDbConnectionFactory database) : IMessageStore
{
    public async Task<long> RecordSent(OutgoingMessage message, string senderName, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO messages (created_at, channel, recipient, template, subject, body, status, sender, sent_at)
            VALUES (@SentAt, @Channel, @Recipient, @Template, @Subject, @Body, 'sent', @Sender, @SentAt)
            RETURNING id
            """,
            new { SentAt = sentAt, Channel = message.Channel.ToString(), message.Recipient, message.Template, message.Subject, message.Body, Sender = senderName },
            cancellationToken: cancellationToken));
    }

    public async Task<Page<MessageRecord>> List(Paging paging, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM messages", cancellationToken: cancellationToken));
        paging = paging.Within(total);
        var rows = await connection.QueryAsync<MessageRecord>(new CommandDefinition(
            """
            SELECT id, created_at, channel, recipient, template, subject, body, status
            FROM messages
            ORDER BY created_at DESC, id DESC
            LIMIT @PageSize OFFSET @Offset
            """,
            new { paging.PageSize, paging.Offset },
            cancellationToken: cancellationToken));
        return new Page<MessageRecord>(rows.ToList(), paging.PageNumber, paging.PageSize, total);
    }
}
