using Circles.Core.Messaging;

namespace Circles.Web.Messaging;

/// <summary>
/// The default sender, so a fresh install works with no configuration: the message is kept in the
/// messages table for administrators to read, and the log says that it happened (ids only).
/// </summary>
public sealed class LogOnlyMessageSender(IMessageStore messages, TimeProvider clock, ILogger<LogOnlyMessageSender> log) : IMessageSender
{
    public const string SenderName = "log-only";

    public async Task<long> Send(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var id = await messages.RecordSent(message, SenderName, clock.GetUtcNow(), cancellationToken);
        log.LogInformation("Message {MessageId} ({Template}, {Channel}) recorded by the log-only sender", id, message.Template, message.Channel);
        return id;
    }
}
