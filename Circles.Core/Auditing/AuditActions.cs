namespace Circles.Core.Auditing;

/// <summary>Stable names for audit actions; the audit page filters by them.</summary>
public static class AuditActions
{
    public const string SetupCompleted = "setup.completed";
    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";
    public const string SignInLockedOut = "sign-in.locked-out";
    public const string SignInTwoFactorFailed = "sign-in.two-factor-failed";
    public const string SignedOut = "sign-out";
    public const string PasswordChanged = "password.changed";
    public const string PasswordResetRequested = "password.reset-requested";
    public const string PasswordReset = "password.reset";
    public const string UserInvited = "user.invited";
    public const string InvitationResent = "user.invitation-resent";
    public const string InvitationAccepted = "user.invitation-accepted";
    public const string UserCreated = "user.created";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string RolesChanged = "user.roles-changed";
    public const string AreasChanged = "user.areas-changed";
    public const string TwoFactorEnabled = "two-factor.enabled";
    public const string TwoFactorDisabled = "two-factor.disabled";
    public const string RecoveryCodesGenerated = "two-factor.recovery-codes-generated";
    public const string AreaCreated = "area.created";
    public const string AreaRenamed = "area.renamed";
    public const string SettingChanged = "setting.changed";

    public static IReadOnlyList<string> All { get; } =
    [
        SetupCompleted, SignInSucceeded, SignInFailed, SignInLockedOut, SignInTwoFactorFailed, SignedOut,
        PasswordChanged, PasswordResetRequested, PasswordReset, UserInvited, InvitationResent, InvitationAccepted,
        UserCreated, UserDisabled, UserEnabled, RolesChanged, AreasChanged, TwoFactorEnabled, TwoFactorDisabled,
        RecoveryCodesGenerated, AreaCreated, AreaRenamed, SettingChanged,
    ];
}
