using Circles.Core.Messaging;
using Microsoft.Extensions.Options;

namespace Circles.Web.Messaging;

/// <summary>Picks each channel's sender from configuration (Messaging:EmailSender, Messaging:TextSender).</summary>
public sealed class MessageSenders(IServiceProvider services, IOptions<MessagingOptions> options) : IMessageSenders
{
    public IMessageSender For(MessageChannel channel)
    {
        var name = channel == MessageChannel.Email ? options.Value.EmailSender : options.Value.TextSender;
        return name switch
        {
            MessagingOptions.Smtp when channel == MessageChannel.Email => services.GetRequiredService<SmtpMessageSender>(),
            MessagingOptions.Notify => services.GetRequiredService<NotifyMessageSender>(),
            _ => services.GetRequiredService<LogOnlyMessageSender>(),
        };
    }
}
