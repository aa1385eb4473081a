namespace Circles.Core.Common;

/// <summary>
/// Who is acting and from where, for audit entries. The web adapter reads it from the request;
/// CLI verbs and scheduled jobs act as the system (no user id).
/// </summary>
public interface ICurrentActor
{
    long? UserId { get; }

    string? IpAddress { get; }
}
