namespace Circles.Core.Auditing;

/// <summary>
/// One thing that happened, for the audit log. <see cref="Detail"/> says what changed in words an
/// administrator can read; it never holds passwords, tokens, scores or notes.
/// </summary>
public sealed record AuditEntry(string Action, string EntityType, string? EntityId, string? Detail = null);

public sealed record AuditRecord(
    long Id,
    DateTimeOffset OccurredAt,
    long? UserId,
    string? UserDisplayName,
    string Action,
    string EntityType,
    string? EntityId,
    string? Detail,
    string? IpAddress);

public sealed record AuditFilter(
    string? Action,
    string? EntityType,
    string? EntityId,
    long? UserId,
    DateOnly? From,
    DateOnly? To);
