using Circles.Core.Messaging;

namespace Circles.Web.Messaging;

/// <summary>
/// The default sender, so a fresh install works with no configuration: nothing leaves the server. The message
/// stays in the outbox, marked sent, for staff to read on the Messages page; the log says so with ids only.
/// </summary>
public sealed class LogOnlyMessageSender(ILogger<LogOnlyMessageSender> log) : IMessageSender
{
    public string Name => MessagingOptions.LogOnly;

    public Task<SendOutcome> Send(ClaimedMessage message, CancellationToken cancellationToken)
    {
        log.LogInformation("Message {MessageId} ({Template}, {Channel}) kept by the log-only sender", message.Id, message.Template, message.Channel);
        return Task.FromResult(SendOutcome.Sent());
    }
}
