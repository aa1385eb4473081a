using System.Collections.Concurrent;
using Circles.Core.Messaging;

namespace Circles.Tests.Support;

/// <summary>A clock tests set by hand, to any moment, forwards or back.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Stands in for the configured senders: whatever sender a test puts in <see cref="Current"/> sends everything.</summary>
public sealed class TestSenders : IMessageSenders
{
    public IMessageSender Current { get; set; } = null!;

    public IMessageSender For(MessageChannel channel) => Current;
}

/// <summary>Records every send and the time it happened; a test can make sends fail.</summary>
public sealed class RecordingSender(TimeProvider clock) : IMessageSender
{
    public ConcurrentQueue<(ClaimedMessage Message, DateTimeOffset At)> Sent { get; } = new();

    public Func<ClaimedMessage, SendOutcome>? Outcome { get; set; }

    public string Name => "recording";

    public Task<SendOutcome> Send(ClaimedMessage message, CancellationToken cancellationToken)
    {
        var outcome = Outcome?.Invoke(message) ?? SendOutcome.Sent($"ref-{message.Id}");
        if (outcome.Accepted)
        {
            Sent.Enqueue((message, clock.GetUtcNow()));
        }

        return Task.FromResult(outcome);
    }
}

/// <summary>Sends through another sender, then "crashes": the dispatcher stops before recording what happened.</summary>
public sealed class CrashAfterSending(IMessageSender inner, CancellationTokenSource crash) : IMessageSender
{
    public string Name => inner.Name;

    public async Task<SendOutcome> Send(ClaimedMessage message, CancellationToken cancellationToken)
    {
        await inner.Send(message, cancellationToken);
        await crash.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException("The crash should have stopped the dispatcher");
    }
}
