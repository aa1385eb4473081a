using Circles.Core.Common;

namespace Circles.Core.Auditing;

/// <summary>The one way anything records an audit entry. Who and where come from <see cref="ICurrentActor"/>.</summary>
public interface IAuditLog
{
    Task Record(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>For the moments the actor is not yet signed in: signing in, accepting an invitation, resetting a password.</summary>
    Task RecordAs(long? userId, AuditEntry entry, CancellationToken cancellationToken);
}

public interface IAuditStore
{
    Task Append(AuditEntry entry, long? userId, string? ipAddress, DateTimeOffset occurredAt, CancellationToken cancellationToken);

    Task<Page<AuditRecord>> Search(AuditFilter filter, Paging paging, CancellationToken cancellationToken);
}

public sealed class AuditLog(IAuditStore store, ICurrentActor actor, TimeProvider clock) : IAuditLog
{
    // The change being audited has already been committed: a browser closing now must not cancel its record.
    public Task Record(AuditEntry entry, CancellationToken cancellationToken) =>
        store.Append(entry, actor.UserId, actor.IpAddress, clock.GetUtcNow(), CancellationToken.None);

    public Task RecordAs(long? userId, AuditEntry entry, CancellationToken cancellationToken) =>
        store.Append(entry, userId, actor.IpAddress, clock.GetUtcNow(), CancellationToken.None);
}
