using Circles.Core.Settings;
using Mediator;

namespace Circles.Core.Messaging;

/// <summary>What a provider said about one send.</summary>
public sealed record SendOutcome(bool Accepted, bool Permanent, string? ProviderReference, string? Error)
{
    public static SendOutcome Sent(string? providerReference = null) => new(true, false, providerReference, null);

    /// <summary>Worth trying again later: the provider was down, busy or slow.</summary>
    public static SendOutcome TryAgain(string error) => new(false, false, null, error);

    /// <summary>Never worth trying again as it is: the provider refused this message (a bad address, say).</summary>
    public static SendOutcome Refused(string error) => new(false, true, null, error);
}

/// <summary>Sends one message on one channel (log-only, SMTP, GOV.UK Notify…). Must be safe to call in parallel.</summary>
public interface IMessageSender
{
    string Name { get; }

    Task<SendOutcome> Send(ClaimedMessage message, CancellationToken cancellationToken);
}

/// <summary>The sender configured for each channel.</summary>
public interface IMessageSenders
{
    IMessageSender For(MessageChannel channel);
}

public sealed class DispatchOptions
{
    public const string Section = "Messaging";

    /// <summary>How many messages one claim takes.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>After this many tries a message is marked failed, for staff to see and resend.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>A claim not recorded after this long is taken to have been lost in a crash, and the message goes back in the queue.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many emails per dispatcher run (it runs every minute).</summary>
    public int EmailsPerMinute { get; set; } = 1_000;

    /// <summary>At most this many texts per dispatcher run (it runs every minute).</summary>
    public int TextsPerMinute { get; set; } = 500;

    /// <summary>How many sends are in flight at once.</summary>
    public int Parallelism { get; set; } = 4;

    public int PerMinute(MessageChannel channel) => channel == MessageChannel.Email ? EmailsPerMinute : TextsPerMinute;
}

public sealed record DispatchDueMessagesCommand : ICommand<DispatchResult>;

public sealed record DispatchResult(int Released, int Sent, int Retrying, int Failed, int NotSent, int Waiting, bool ReachedLimit)
{
    public int Claimed => Sent + Retrying + Failed + NotSent + Waiting;
}

/// <summary>
/// One run of the dispatcher: returns abandoned claims to the queue, then for each channel claims due messages
/// in batches (atomically, so two servers never take the same one), checks the rules that may have changed since
/// the message was written (opt-outs, quiet hours, expiry), sends, and records every outcome with its history.
/// The database is the schedule; Hangfire only runs this every minute.
/// </summary>
public sealed class DispatchDueMessagesHandler(
    IOutboxStore outbox, IMessageSenders senders, ISettingsStore settingsStore, DispatchOptions options, TimeProvider clock)
    : ICommandHandler<DispatchDueMessagesCommand, DispatchResult>
{
    public async ValueTask<DispatchResult> Handle(DispatchDueMessagesCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var quiet = GetOrganisationSettingsHandler.Read(await settingsStore.GetAll(cancellationToken)).QuietHours;
        var released = await outbox.ReleaseAbandonedClaims(now - options.ClaimLease, now, cancellationToken);
        var tally = new Tally();
        var reachedLimit = false;
        foreach (var channel in Enum.GetValues<MessageChannel>())
        {
            var sender = senders.For(channel);
            var budget = options.PerMinute(channel);
            while (budget > 0)
            {
                var claimId = Guid.NewGuid().ToString("N");
                var batch = await outbox.Claim(channel, Math.Min(options.BatchSize, budget), claimId, clock.GetUtcNow(), cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                budget -= batch.Count;
                var outcomes = await DispatchBatch(batch, claimId, sender, quiet, cancellationToken);
                await outbox.RecordOutcomes(outcomes, clock.GetUtcNow(), cancellationToken);
                tally.Add(outcomes);
            }

            reachedLimit |= budget <= 0;
        }

        return new DispatchResult(released, tally.Sent, tally.Retrying, tally.Failed, tally.NotSent, tally.Waiting, reachedLimit);
    }

    private async Task<IReadOnlyList<DispatchOutcome>> DispatchBatch(
        IReadOnlyList<ClaimedMessage> batch, string claimId, IMessageSender sender, QuietHours quiet, CancellationToken cancellationToken)
    {
        var channel = batch[0].Channel;
        var optedOut = await outbox.OptedOut(
            channel, batch.Select(m => new MessageRecipient(m.PersonId, m.UserId)).Where(r => r.PersonId is not null || r.UserId is not null).Distinct().ToList(),
            cancellationToken);
        var outcomes = new DispatchOutcome[batch.Count];
        await Parallel.ForAsync(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var message = batch[i];
                var now = clock.GetUtcNow();
                outcomes[i] = Blocked(message, claimId, now, quiet, optedOut) ?? await Send(message, claimId, sender, ct);
            });
        return outcomes;
    }

    private DispatchOutcome? Blocked(ClaimedMessage message, string claimId, DateTimeOffset now, QuietHours quiet, IReadOnlySet<MessageRecipient> optedOut)
    {
        if (message.Recipient is null)
        {
            return new(message.Id, claimId, MessageStatuses.Suppressed, "No way to reach them", null, null, null, null);
        }

        if ((message.PersonId is not null || message.UserId is not null) && optedOut.Contains(new MessageRecipient(message.PersonId, message.UserId)))
        {
            return new(message.Id, claimId, MessageStatuses.Suppressed,
                message.Channel == MessageChannel.Email ? "Asked not to get emails" : "Asked not to get text messages", null, null, null, null);
        }

        if (message.ExpiresAt is { } expires && now >= expires)
        {
            return new(message.Id, claimId, MessageStatuses.Suppressed, "Too late to be useful: what it was about had already happened", null, null, null, null);
        }

        if (message.Channel == MessageChannel.Text && quiet.Contains(now))
        {
            return new(message.Id, claimId, MessageStatuses.Pending, $"Waiting for quiet hours ({quiet.Describe()}) to end", null, null, null, quiet.NextAllowed(now));
        }

        return null;
    }

    private async Task<DispatchOutcome> Send(ClaimedMessage message, string claimId, IMessageSender sender, CancellationToken cancellationToken)
    {
        SendOutcome result;
        try
        {
            result = await sender.Send(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-send: leave the claim unrecorded; it returns to the queue when its lease ends.
            throw;
        }
        catch (Exception exception)
        {
            result = SendOutcome.TryAgain($"{exception.GetType().Name}: {exception.Message}");
        }

        var now = clock.GetUtcNow();
        if (result.Accepted)
        {
            return new(message.Id, claimId, MessageStatuses.Sent, $"Sent by {sender.Name}", null, sender.Name, result.ProviderReference, null);
        }

        if (result.Permanent || message.Attempts >= options.MaxAttempts)
        {
            var why = result.Permanent ? "The provider refused it" : $"Gave up after {message.Attempts} tries";
            return new(message.Id, claimId, MessageStatuses.Failed, why, result.Error, sender.Name, null, null);
        }

        var next = now + Backoff.After(message.Attempts);
        return new(message.Id, claimId, MessageStatuses.Pending, $"Try {message.Attempts} did not work; trying again", result.Error, sender.Name, null, next);
    }

    private sealed class Tally
    {
        public int Sent { get; private set; }

        public int Retrying { get; private set; }

        public int Failed { get; private set; }

        public int NotSent { get; private set; }

        public int Waiting { get; private set; }

        public void Add(IEnumerable<DispatchOutcome> outcomes)
        {
            foreach (var outcome in outcomes)
            {
                switch (outcome.Status)
                {
                    case MessageStatuses.Sent: Sent++; break;
                    case MessageStatuses.Failed: Failed++; break;
                    case MessageStatuses.Suppressed: NotSent++; break;
                    case MessageStatuses.Pending when outcome.Error is null: Waiting++; break;
                    default: Retrying++; break;
                }
            }
        }
    }
}
