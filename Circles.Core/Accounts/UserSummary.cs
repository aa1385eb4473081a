namespace Circles.Core.Accounts;

public sealed record UserSummary(
    long Id,
    string DisplayName,
    string Email,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Areas,
    bool TwoFactorEnabled,
    bool InvitationPending,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? LastSignInAt);

public sealed record UserAccess(long UserId, string DisplayName, string Email, IReadOnlyList<string> Roles, IReadOnlyList<long> AreaIds, bool Disabled, bool InvitationPending);
