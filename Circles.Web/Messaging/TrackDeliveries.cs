using Circles.Core.Messaging;
using Microsoft.Extensions.Options;

namespace Circles.Web.Messaging;

/// <summary>Asks GOV.UK Notify what became of messages it accepted in the last week, and records delivered or failed.</summary>
public sealed record TrackDeliveriesCommand : ICommand<int>;

public sealed class TrackDeliveriesHandler(
    IOutboxStore outbox, NotifyMessageSender notify, IOptions<MessagingOptions> options, TimeProvider clock, ILogger<TrackDeliveriesHandler> log)
    : ICommandHandler<TrackDeliveriesCommand, int>
{
    public const int BatchSize = 200;

    public async ValueTask<int> Handle(TrackDeliveriesCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.EmailSender != MessagingOptions.Notify && settings.TextSender != MessagingOptions.Notify)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var recorded = 0;
        // Notify keeps notifications for 7 days; older ones can no longer be asked about.
        foreach (var message in await outbox.AwaitingDelivery(MessagingOptions.Notify, now.AddDays(-7), BatchSize, cancellationToken))
        {
            try
            {
                var (delivered, status) = await notify.DeliveryStatus(message.ProviderReference, cancellationToken);
                if (delivered is { } done)
                {
                    await outbox.RecordDelivery(message.Id, done, done ? "Notify: delivered" : $"Notify: {status}", clock.GetUtcNow(), cancellationToken);
                    recorded++;
                }
            }
            catch (HttpRequestException exception)
            {
                log.LogWarning("Could not ask Notify about message {MessageId}: {Error}", message.Id, exception.GetType().Name);
            }
        }

        return recorded;
    }
}
