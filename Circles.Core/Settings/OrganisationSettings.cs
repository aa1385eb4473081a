using Circles.Core.CheckIns;
using Circles.Core.Messaging;

namespace Circles.Core.Settings;

public sealed record OrganisationSettings(string OrganisationName, IReadOnlyList<string> TwoFactorRequiredRoles)
{
    public const int OrganisationNameMaxLength = 120;

    public static IReadOnlyList<int> DefaultMeetingReminderHours { get; } = [48, 2];

    /// <summary>How many hours before a meeting each member is reminded; empty for no reminders.</summary>
    public IReadOnlyList<int> MeetingReminderHours { get; init; } = DefaultMeetingReminderHours;

    public QuietHours QuietHours { get; init; } = QuietHours.Default;

    /// <summary>The cadence a person starts with when someone first sets up their check-ins.</summary>
    public Cadence DefaultCadence { get; init; } = Cadence.Default;

    /// <summary>The UCLA 3-item score at or above which a check-in is followed up. There is no official cut-off.</summary>
    public int UclaThreshold { get; init; } = Ucla3.DefaultThreshold;

    /// <summary>Days after the check-in question is sent with no reply before the connector is given a task.</summary>
    public int NoReplyDays { get; init; } = DefaultNoReplyDays;

    /// <summary>The organisation's SWEMWBS licence reference. SWEMWBS is offered only when this is set.</summary>
    public string? SwemwbsLicence { get; init; }

    /// <summary>An asset not checked for this many months appears on its coordinators' list and monthly email.</summary>
    public int AssetStaleMonths { get; init; } = DefaultAssetStaleMonths;

    /// <summary>
    /// The map tile address, like https://tile.openstreetmap.org/{z}/{x}/{y}.png. None by default: every map view
    /// tells the tile server where the viewer is looking, so an organisation chooses a server it trusts.
    /// </summary>
    public string? MapTileUrl { get; init; }

    /// <summary>The credit the tile server's licence asks for, shown on the map.</summary>
    public string? MapAttribution { get; init; }

    /// <summary>Years after issue (the organisation's policy) that a volunteer's DBS check is done again.</summary>
    public int DbsRecheckYears { get; init; } = Volunteering.DbsLevels.DefaultRecheckYears;

    /// <summary>Years after someone's involvement ends that their details are erased (unless on legal hold).</summary>
    public int RetentionYears { get; init; } = Privacy.RetentionRule.DefaultYears;

    public const int DefaultAssetStaleMonths = 12;

    public const int MaxAssetStaleMonths = 60;

    public const int MapSettingMaxLength = 300;

    public const int DefaultNoReplyDays = 3;

    public const int MaxNoReplyDays = 30;

    public const int SwemwbsLicenceMaxLength = 100;

    public bool RequiresTwoFactor(IEnumerable<string> roles) => roles.Any(TwoFactorRequiredRoles.Contains);
}

public static class SettingKeys
{
    public const string OrganisationName = "organisation.name";
    public const string TwoFactorRequiredRoles = "security.two_factor_required_roles";
    public const string MeetingReminderHours = "messaging.meeting_reminder_hours";
    public const string QuietHours = "messaging.quiet_hours";
    public const string DefaultCadence = "check_ins.default_cadence";
    public const string UclaThreshold = "check_ins.ucla_threshold";
    public const string NoReplyDays = "check_ins.no_reply_days";
    public const string SwemwbsLicence = "check_ins.swemwbs_licence";
    public const string AssetStaleMonths = "assets.stale_months";
    public const string MapTileUrl = "assets.map_tile_url";
    public const string MapAttribution = "assets.map_attribution";
    public const string DbsRecheckYears = "volunteers.dbs_recheck_years";
    public const string RetentionYears = "privacy.retention_years";
}

/// <summary>Organisation-wide settings an administrator changes at run time (configuration files hold the rest).</summary>
public interface ISettingsStore
{
    Task<IReadOnlyDictionary<string, string>> GetAll(CancellationToken cancellationToken);

    Task Set(string key, string value, DateTimeOffset changedAt, CancellationToken cancellationToken);
}
