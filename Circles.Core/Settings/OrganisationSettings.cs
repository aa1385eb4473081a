using Circles.Core.Messaging;

namespace Circles.Core.Settings;

public sealed record OrganisationSettings(string OrganisationName, IReadOnlyList<string> TwoFactorRequiredRoles)
{
    public const int OrganisationNameMaxLength = 120;

    public static IReadOnlyList<int> DefaultMeetingReminderHours { get; } = [48, 2];

    /// <summary>How many hours before a meeting each member is reminded; empty for no reminders.</summary>
    public IReadOnlyList<int> MeetingReminderHours { get; init; } = DefaultMeetingReminderHours;

    public QuietHours QuietHours { get; init; } = QuietHours.Default;

    public bool RequiresTwoFactor(IEnumerable<string> roles) => roles.Any(TwoFactorRequiredRoles.Contains);
}

public static class SettingKeys
{
    public const string OrganisationName = "organisation.name";
    public const string TwoFactorRequiredRoles = "security.two_factor_required_roles";
    public const string MeetingReminderHours = "messaging.meeting_reminder_hours";
    public const string QuietHours = "messaging.quiet_hours";
}

/// <summary>Organisation-wide settings an administrator changes at run time (configuration files hold the rest).</summary>
public interface ISettingsStore
{
    Task<IReadOnlyDictionary<string, string>> GetAll(CancellationToken cancellationToken);

    Task Set(string key, string value, DateTimeOffset changedAt, CancellationToken cancellationToken);
}
