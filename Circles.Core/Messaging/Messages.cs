using Circles.Core.Common;

namespace Circles.Core.Messaging;

public enum MessageChannel
{
    Email,
    Text,
}

public static class MessageChannels
{
    /// <summary>Reads channels stored as a comma-separated list ("Email,Text"), as opt-outs are gathered in SQL.</summary>
    public static IReadOnlyList<MessageChannel> ParseList(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<MessageChannel>).ToList();
}

public static class MessageStatuses
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Suppressed = "suppressed";

    public static IReadOnlyList<string> All { get; } = [Pending, Sending, Sent, Delivered, Failed, Cancelled, Suppressed];

    public static string Describe(string status) => status switch
    {
        Pending => "Waiting to send",
        Sending => "Sending",
        Sent => "Sent",
        Delivered => "Delivered",
        Failed => "Failed",
        Cancelled => "Cancelled",
        Suppressed => "Not sent",
        _ => status,
    };
}

/// <summary>
/// Every kind of message Circles sends. A later feature adds a kind by adding its template name here and
/// writing outbox rows (see <see cref="IScheduledMessageSource"/> and docs/decisions/0008); the dispatcher never changes.
/// </summary>
public static class MessageTemplates
{
    public const string AccountInvitation = "account-invitation";
    public const string PasswordReset = "password-reset";
    public const string MeetingReminder = "meeting-reminder";
    public const string ActionDueSoon = "action-due-soon";
    public const string ActionOverdue = "action-overdue";
    public const string CircleInvitation = "circle-invitation";
    public const string CheckInDue = "check-in-due";
    public const string CheckInOverdue = "check-in-overdue";
    public const string CheckInQuestion = "check-in-question";
    public const string AssetDigest = "asset-digest";
    public const string VolunteerApplication = "volunteer-application";
    public const string DbsRecheck = "dbs-recheck";

    public static IReadOnlyList<string> All { get; } =
        [AccountInvitation, PasswordReset, MeetingReminder, ActionDueSoon, ActionOverdue, CircleInvitation, CheckInDue, CheckInOverdue, CheckInQuestion, AssetDigest, VolunteerApplication, DbsRecheck];

    public static string Describe(string template) => template switch
    {
        AccountInvitation => "Account invitation",
        PasswordReset => "Password reset",
        MeetingReminder => "Meeting reminder",
        ActionDueSoon => "Action due soon",
        ActionOverdue => "Action overdue",
        CircleInvitation => "Circle invitation",
        CheckInDue => "Check-in due",
        CheckInOverdue => "Check-in overdue",
        CheckInQuestion => "Check-in question",
        AssetDigest => "Community assets to check",
        VolunteerApplication => "Volunteer application received",
        DbsRecheck => "DBS re-check due",
        _ => template,
    };
}

/// <summary>
/// A message to put in the outbox. The dedupe key says what caused it, which occurrence, the channel and the
/// recipient, so writing the same message twice keeps one row.
/// </summary>
public sealed record OutboxMessage
{
    public required string DedupeKey { get; init; }

    public required string Template { get; init; }

    public MessageChannel Channel { get; init; }

    /// <summary>The email address or mobile number; null when there is no way to reach them.</summary>
    public string? Recipient { get; init; }

    public long? PersonId { get; init; }

    public long? UserId { get; init; }

    public long? CircleId { get; init; }

    public string? SourceType { get; init; }

    public long? SourceId { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    public string? UnsubscribeUrl { get; init; }

    public DateTimeOffset DueAt { get; init; }

    /// <summary>After this it is no use (a reminder for a meeting that has started): it is not sent.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Set when the message must not go (opted out, no way to reach): kept, visibly, as not sent.</summary>
    public string? SuppressedBecause { get; init; }
}

/// <summary>A message the dispatcher has claimed and must send now.</summary>
public sealed record ClaimedMessage
{
    public long Id { get; init; }

    public MessageChannel Channel { get; init; }

    public string? Recipient { get; init; }

    public string Template { get; init; } = "";

    public string Subject { get; init; } = "";

    public string Body { get; init; } = "";

    public string? UnsubscribeUrl { get; init; }

    public long? PersonId { get; init; }

    public long? UserId { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public int Attempts { get; init; }

    /// <summary>The reference given to providers that accept one, so a send repeated after a crash can be recognised.</summary>
    public string Reference => $"circles-message-{Id}";
}

public sealed record MessageSummary
{
    public long Id { get; init; }

    public string Template { get; init; } = "";

    public MessageChannel Channel { get; init; }

    public string? Recipient { get; init; }

    public string Subject { get; init; } = "";

    public string Status { get; init; } = "";

    public string? StatusReason { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public int Attempts { get; init; }

    public long? PersonId { get; init; }

    public string? PersonName { get; init; }

    public long? CircleId { get; init; }
}

public sealed record MessageEvent
{
    public DateTimeOffset At { get; init; }

    public string Status { get; init; } = "";

    public string? Detail { get; init; }

    public string? ByName { get; init; }
}

public sealed record MessageDetails
{
    public long Id { get; init; }

    public string DedupeKey { get; init; } = "";

    public string Template { get; init; } = "";

    public MessageChannel Channel { get; init; }

    public string? Recipient { get; init; }

    public string Subject { get; init; } = "";

    public string Body { get; init; } = "";

    public string Status { get; init; } = "";

    public string? StatusReason { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public DateTimeOffset NextAttemptAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public int Attempts { get; init; }

    public string? LastError { get; init; }

    public string? Sender { get; init; }

    public string? ProviderReference { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public long? PersonId { get; init; }

    public string? PersonName { get; init; }

    public long? UserId { get; init; }

    public long? CircleId { get; init; }

    public IReadOnlyList<MessageEvent> History { get; init; } = [];
}

public sealed record MessageFilter(string? Status, long? PersonId, long? CircleId, DateOnly? From, DateOnly? To);

public sealed record StatusCount
{
    public string Status { get; init; } = "";

    public long Count { get; init; }
}

public sealed record OptOut
{
    public MessageChannel Channel { get; init; }

    public DateTimeOffset OptedOutAt { get; init; }

    public string How { get; init; } = "";

    public string? RecordedByName { get; init; }
}

/// <summary>Who a message is for: a person (most members have no account) or a user.</summary>
public readonly record struct MessageRecipient(long? PersonId, long? UserId)
{
    public static MessageRecipient Person(long id) => new(id, null);

    public static MessageRecipient User(long id) => new(null, id);

    public override string ToString() => PersonId is { } p ? $"person:{p}" : $"user:{UserId}";
}

/// <summary>What became of one claimed message.</summary>
public sealed record DispatchOutcome(long MessageId, string ClaimId, string Status, string? Detail, string? Error, string? Sender, string? ProviderReference, DateTimeOffset? NextAttemptAt);

/// <summary>A message a provider accepted, whose delivery can still be checked.</summary>
public sealed record TrackedMessage
{
    public long Id { get; init; }

    public string ProviderReference { get; init; } = "";
}

/// <summary>
/// The outbox: every message Circles will send. Rows are written in the same transaction as the change that
/// causes them (stores call the outbox writer themselves), or through <see cref="Enqueue"/> when nothing else changes.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Adds messages; one whose dedupe key is already there is left as it is.</summary>
    Task Enqueue(IReadOnlyList<OutboxMessage> messages, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the waiting messages of these source types due in the window match <paramref name="wanted"/>: new ones
    /// added, ones no longer wanted cancelled. Their text is not rewritten, so signed links in them stay as sent.
    /// </summary>
    Task ReplaceScheduled(IReadOnlyList<string> sourceTypes, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<OutboxMessage> wanted, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Returns to the queue messages a dispatcher claimed but never recorded (it stopped or crashed).</summary>
    Task<int> ReleaseAbandonedClaims(DateTimeOffset claimedBefore, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Atomically marks up to <paramref name="max"/> due messages on a channel as sending, for this claim only.</summary>
    Task<IReadOnlyList<ClaimedMessage>> Claim(MessageChannel channel, int max, string claimId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Which of these recipients have opted out of the channel.</summary>
    Task<IReadOnlySet<MessageRecipient>> OptedOut(MessageChannel channel, IReadOnlyCollection<MessageRecipient> recipients, CancellationToken cancellationToken);

    Task RecordOutcomes(IReadOnlyList<DispatchOutcome> outcomes, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<TrackedMessage>> AwaitingDelivery(string sender, DateTimeOffset sentAfter, int max, CancellationToken cancellationToken);

    Task RecordDelivery(long messageId, bool delivered, string detail, DateTimeOffset at, CancellationToken cancellationToken);

    Task<Page<MessageSummary>> List(Viewer viewer, MessageFilter filter, Paging paging, CancellationToken cancellationToken);

    Task<MessageDetails?> Find(Viewer viewer, long messageId, CancellationToken cancellationToken);

    /// <summary>Puts a failed (or not sent) message back in the queue to go now.</summary>
    Task<bool> Resend(long messageId, long byUserId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<StatusCount>> CountByStatus(CancellationToken cancellationToken);

    Task<IReadOnlyList<OptOut>> OptOuts(MessageRecipient recipient, CancellationToken cancellationToken);

    /// <summary>Records an opt-out and stops that recipient's waiting messages on the channel in the same transaction.</summary>
    Task<int> OptOut(MessageRecipient recipient, MessageChannel channel, string how, long? recordedBy, DateTimeOffset at, CancellationToken cancellationToken);

    Task<bool> OptIn(MessageRecipient recipient, MessageChannel channel, CancellationToken cancellationToken);
}
