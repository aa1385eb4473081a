using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Messaging;

public enum MessageChannel
{
    Email,
    Text,
}

/// <summary>A message ready to send: already rendered, addressed to one recipient.</summary>
public sealed record OutgoingMessage(MessageChannel Channel, string Recipient, string Template, string Subject, string Body);

/// <summary>Sends a message now. The messaging issue replaces direct sends with the database outbox.</summary>
public interface IMessageSender
{
    Task<long> Send(OutgoingMessage message, CancellationToken cancellationToken);
}

public sealed record MessageRecord
{
    public long Id { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public MessageChannel Channel { get; init; }

    public string Recipient { get; init; } = "";

    public string Template { get; init; } = "";

    public string Subject { get; init; } = "";

    public string Body { get; init; } = "";

    public string Status { get; init; } = "";
}

public interface IMessageStore
{
    Task<long> RecordSent(OutgoingMessage message, string senderName, DateTimeOffset sentAt, CancellationToken cancellationToken);

    Task<Page<MessageRecord>> List(Paging paging, CancellationToken cancellationToken);
}

public sealed record ListMessagesQuery(int? Page) : IQuery<Page<MessageRecord>>;

public sealed class ListMessagesHandler(IMessageStore messages) : IQueryHandler<ListMessagesQuery, Page<MessageRecord>>
{
    public async ValueTask<Page<MessageRecord>> Handle(ListMessagesQuery query, CancellationToken cancellationToken) =>
        await messages.List(Paging.From(query.Page), cancellationToken);
}
