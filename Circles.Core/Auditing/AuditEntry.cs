namespace Circles.Core.Auditing;

/// <summary>
/// One thing that happened, for the audit log. <see cref="Detail"/> says what changed in words an
/// administrator can read; it never holds passwords, tokens, scores or notes.
/// </summary>
public sealed record AuditEntry(string Action, string EntityType, string? EntityId, string? Detail = null);

public sealed record AuditRecord
{
    public long Id { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public long? UserId { get; init; }

    public string? UserDisplayName { get; init; }

    public string Action { get; init; } = "";

    public string EntityType { get; init; } = "";

    public string? EntityId { get; init; }

    public string? Detail { get; init; }

    public string? IpAddress { get; init; }
}

public sealed record AuditFilter(
    string? Event,
    string? EntityType,
    string? EntityId,
    long? UserId,
    DateOnly? From,
    DateOnly? To);
