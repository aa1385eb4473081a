using Circles.Core.Accounts;
using Circles.Core.Common;
using Circles.Core.Messaging;
using Mediator;

namespace Circles.Core.Settings;

public sealed record GetOrganisationSettingsQuery : IQuery<OrganisationSettings>;

public sealed class GetOrganisationSettingsHandler(ISettingsStore settings) : IQueryHandler<GetOrganisationSettingsQuery, OrganisationSettings>
{
    public const string DefaultOrganisationName = "Circles";

    public async ValueTask<OrganisationSettings> Handle(GetOrganisationSettingsQuery query, CancellationToken cancellationToken) =>
        Read(await settings.GetAll(cancellationToken));

    public static OrganisationSettings Read(IReadOnlyDictionary<string, string> values)
    {
        var name = values.TryGetValue(SettingKeys.OrganisationName, out var n) && !string.IsNullOrWhiteSpace(n) ? n : DefaultOrganisationName;
        var roles = values.TryGetValue(SettingKeys.TwoFactorRequiredRoles, out var r)
            ? r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(Roles.IsKnown).ToArray()
            : [];
        var settings = new OrganisationSettings(name, roles);
        if (values.TryGetValue(SettingKeys.MeetingReminderHours, out var hours) && MessagingSettingRules.ReadHours(hours) is { } parsed)
        {
            settings = settings with { MeetingReminderHours = parsed };
        }

        if (values.TryGetValue(SettingKeys.QuietHours, out var quiet) && quiet.Split('-') is [var start, var end]
            && TimeOnly.TryParseExact(start, "HH:mm", out var s) && TimeOnly.TryParseExact(end, "HH:mm", out var e))
        {
            settings = settings with { QuietHours = new QuietHours(s, e) };
        }

        return settings;
    }
}

public static class MessagingSettingRules
{
    public const int MaxReminderHours = 24 * 14;

    /// <summary>"48, 2" as hours before a meeting, largest first; null when it cannot be read. Blank means none.</summary>
    public static IReadOnlyList<int>? ReadHours(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var hours = new List<int>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var h) || h is < 1 or > MaxReminderHours)
            {
                return null;
            }

            hours.Add(h);
        }

        return hours.Count > 5 ? null : hours.Distinct().OrderDescending().ToList();
    }

    public static string WriteHours(IEnumerable<int> hours) => string.Join(", ", hours);

    public static string WriteQuietHours(QuietHours quiet) => $"{quiet.Start:HH\\:mm}-{quiet.End:HH\\:mm}";
}
