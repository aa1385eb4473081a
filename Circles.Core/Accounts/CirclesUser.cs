namespace Circles.Core.Accounts;

/// <summary>
/// A person who signs in. ASP.NET Core Identity manages these through our own Dapper store, so
/// the class carries the fields Identity needs and nothing from Identity itself.
/// </summary>
public sealed class CirclesUser
{
    public long Id { get; set; }

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string Email { get; set; } = "";

    public string NormalizedEmail { get; set; } = "";

    public bool EmailConfirmed { get; set; }

    public string DisplayName { get; set; } = "";

    public string? PasswordHash { get; set; }

    public string SecurityStamp { get; set; } = "";

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString();

    public DateTimeOffset? LockoutEnd { get; set; }

    public bool LockoutEnabled { get; set; } = true;

    public int AccessFailedCount { get; set; }

    public bool TwoFactorEnabled { get; set; }

    public string? AuthenticatorKey { get; set; }

    public string? RecoveryCodes { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>An invited user has no password until they accept the invitation.</summary>
    public bool IsInvitationPending => PasswordHash is null && !IsDisabled;
}
