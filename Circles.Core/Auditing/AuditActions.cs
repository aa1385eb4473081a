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
    public const string PersonCreated = "person.created";
    public const string PersonViewed = "person.viewed";
    public const string PersonChanged = "person.changed";
    public const string IntroductionRecorded = "introduction.recorded";
    public const string IntroductionChanged = "introduction.changed";
    public const string CircleOpened = "circle.opened";
    public const string CircleViewed = "circle.viewed";
    public const string CircleChanged = "circle.changed";
    public const string MeetingScheduled = "meeting.scheduled";
    public const string MeetingRecorded = "meeting.recorded";
    public const string MeetingViewed = "meeting.viewed";
    public const string ActionAgreed = "action.agreed";
    public const string ActionChanged = "action.changed";
    public const string VolunteerProfileChanged = "volunteer.profile-changed";
    public const string MeetingMoved = "meeting.moved";
    public const string MessageResent = "message.resent";
    public const string MessageOptOut = "message.opted-out";
    public const string MessageOptIn = "message.opted-in";
    public const string CheckInRecorded = "check-in.recorded";
    public const string CheckInsViewed = "check-in.viewed";
    public const string CheckInAnswered = "check-in.answered";
    public const string FollowUpViewed = "follow-up.viewed";
    public const string FollowUpClosed = "follow-up.closed";
    public const string AssetCreated = "asset.created";
    public const string AssetChanged = "asset.changed";
    public const string AssetVerified = "asset.verified";
    public const string AssetsImported = "asset.imported";
    public const string AssetsExported = "asset.exported";
    public const string AssetConnectionRecorded = "asset.connection-recorded";
    public const string OpportunityCreated = "opportunity.created";
    public const string OpportunityChanged = "opportunity.changed";
    public const string VolunteerApplied = "volunteer.applied";
    public const string VolunteerViewed = "volunteer.viewed";
    public const string VolunteerScreened = "volunteer.screened";
    public const string VolunteerApproved = "volunteer.approved";
    public const string DbsRecorded = "volunteer.dbs-recorded";
    public const string DbsViewed = "volunteer.dbs-viewed";
    public const string HoursLogged = "volunteer.hours-logged";
    public const string HoursReviewed = "volunteer.hours-reviewed";
    public const string SubjectAccessExported = "person.data-exported";
    public const string LegalHoldSet = "person.legal-hold-set";
    public const string LegalHoldReleased = "person.legal-hold-released";
    public const string PersonErased = "person.erased";
    public const string ReportViewed = "report.viewed";
    public const string ConsentRecorded = "person.consent-recorded";
    public const string ConsentWithdrawn = "person.consent-withdrawn";

    /// <summary>The action in words, for the audit page.</summary>
    public static string Describe(string action) => action switch
    {
        SetupCompleted => "Set up Circles",
        SignInSucceeded => "Signed in",
        SignInFailed => "Failed to sign in",
        SignInLockedOut => "Locked out after failed sign-ins",
        SignInTwoFactorFailed => "Entered a wrong two-factor code",
        SignedOut => "Signed out",
        PasswordChanged => "Changed password",
        PasswordResetRequested => "Asked for a password reset",
        PasswordReset => "Reset password",
        UserInvited => "Invited a user",
        InvitationResent => "Sent a new invitation",
        InvitationAccepted => "Accepted an invitation",
        UserCreated => "Created a user",
        UserDisabled => "Disabled a user",
        UserEnabled => "Enabled a user",
        RolesChanged => "Changed roles",
        AreasChanged => "Changed areas",
        TwoFactorEnabled => "Turned on two-factor sign-in",
        TwoFactorDisabled => "Turned off two-factor sign-in",
        RecoveryCodesGenerated => "Made new recovery codes",
        AreaCreated => "Added an area",
        AreaRenamed => "Renamed an area",
        SettingChanged => "Changed a setting",
        PersonCreated => "Added a person",
        PersonViewed => "Looked at a person’s record",
        PersonChanged => "Changed a person’s record",
        IntroductionRecorded => "Recorded an introduction",
        IntroductionChanged => "Changed an introduction",
        CircleOpened => "Opened a circle",
        CircleViewed => "Looked at a circle",
        CircleChanged => "Changed a circle",
        MeetingScheduled => "Scheduled a meeting",
        MeetingRecorded => "Recorded a meeting",
        MeetingViewed => "Looked at a meeting",
        ActionAgreed => "Agreed an action",
        ActionChanged => "Changed an action",
        VolunteerProfileChanged => "Changed a volunteer profile",
        MeetingMoved => "Moved a meeting",
        MessageResent => "Resent a message",
        MessageOptOut => "Stopped messages on a channel",
        MessageOptIn => "Restarted messages on a channel",
        CheckInRecorded => "Recorded a check-in",
        CheckInsViewed => "Looked at check-in answers",
        CheckInAnswered => "Answered a check-in question",
        FollowUpViewed => "Looked at a follow-up",
        FollowUpClosed => "Closed a follow-up",
        AssetCreated => "Added a community asset",
        AssetChanged => "Changed a community asset",
        AssetVerified => "Checked a community asset",
        AssetsImported => "Imported community assets",
        AssetsExported => "Exported community assets",
        AssetConnectionRecorded => "Recorded a connection to a community asset",
        OpportunityCreated => "Wrote a volunteering opportunity",
        OpportunityChanged => "Changed a volunteering opportunity",
        VolunteerApplied => "Offered to volunteer",
        VolunteerViewed => "Looked at a volunteer’s application",
        VolunteerScreened => "Recorded screening for a volunteer",
        VolunteerApproved => "Approved a volunteer and invited them",
        DbsRecorded => "Recorded a DBS check",
        DbsViewed => "Looked at DBS certificate numbers",
        HoursLogged => "Logged volunteering hours",
        HoursReviewed => "Approved or queried volunteering hours",
        SubjectAccessExported => "Exported everything held about a person",
        LegalHoldSet => "Set a legal hold on a person's records",
        LegalHoldReleased => "Released a legal hold",
        PersonErased => "Erased a person's details",
        ReportViewed => "Looked at the outcomes dashboard or commissioner report",
        ConsentRecorded => "Recorded a person's consent to hold their details",
        ConsentWithdrawn => "Recorded that a person withdrew consent to hold their details",
        _ => action,
    };

    public static IReadOnlyList<string> All { get; } =
    [
        SetupCompleted, SignInSucceeded, SignInFailed, SignInLockedOut, SignInTwoFactorFailed, SignedOut,
        PasswordChanged, PasswordResetRequested, PasswordReset, UserInvited, InvitationResent, InvitationAccepted,
        UserCreated, UserDisabled, UserEnabled, RolesChanged, AreasChanged, TwoFactorEnabled, TwoFactorDisabled,
        RecoveryCodesGenerated, AreaCreated, AreaRenamed, SettingChanged, PersonCreated, PersonViewed, PersonChanged, IntroductionRecorded, IntroductionChanged,
        CircleOpened, CircleViewed, CircleChanged, MeetingScheduled, MeetingRecorded, MeetingViewed, ActionAgreed, ActionChanged, VolunteerProfileChanged,
        MeetingMoved, MessageResent, MessageOptOut, MessageOptIn, CheckInRecorded, CheckInsViewed, CheckInAnswered, FollowUpViewed, FollowUpClosed,
        AssetCreated, AssetChanged, AssetVerified, AssetsImported, AssetsExported, AssetConnectionRecorded,
        OpportunityCreated, OpportunityChanged, VolunteerApplied, VolunteerViewed, VolunteerScreened, VolunteerApproved, DbsRecorded, DbsViewed, HoursLogged, HoursReviewed, SubjectAccessExported, LegalHoldSet, LegalHoldReleased, PersonErased,
        ReportViewed, ConsentRecorded, ConsentWithdrawn,
    ];
}
