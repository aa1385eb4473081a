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

        if (values.TryGetValue(SettingKeys.DefaultCadence, out var cadence) && cadence.Split(',') is [var ideal, var maximum]
            && Text.WholeNumber(ideal) is { } i && Text.WholeNumber(maximum) is { } m && CheckIns.Cadence.Problem(i, m) is null)
        {
            settings = settings with { DefaultCadence = new CheckIns.Cadence(i, m) };
        }

        if (values.TryGetValue(SettingKeys.UclaThreshold, out var threshold) && Text.WholeNumber(threshold) is { } t
            && t is >= CheckIns.Ucla3.MinimumScore and <= CheckIns.Ucla3.MaximumScore)
        {
            settings = settings with { UclaThreshold = t };
        }

        if (values.TryGetValue(SettingKeys.NoReplyDays, out var days) && Text.WholeNumber(days) is { } d && d is >= 1 and <= OrganisationSettings.MaxNoReplyDays)
        {
            settings = settings with { NoReplyDays = d };
        }

        if (values.TryGetValue(SettingKeys.SwemwbsLicence, out var licence) && !string.IsNullOrWhiteSpace(licence))
        {
            settings = settings with { SwemwbsLicence = licence };
        }

        if (values.TryGetValue(SettingKeys.AssetStaleMonths, out var months) && Text.WholeNumber(months) is { } mo && mo is >= 1 and <= OrganisationSettings.MaxAssetStaleMonths)
        {
            settings = settings with { AssetStaleMonths = mo };
        }

        if (values.TryGetValue(SettingKeys.DbsRecheckYears, out var dbsYears) && Text.WholeNumber(dbsYears) is { } y && y is >= 1 and <= 10)
        {
            settings = settings with { DbsRecheckYears = y };
        }

        if (values.TryGetValue(SettingKeys.RetentionYears, out var keep) && Text.WholeNumber(keep) is { } k && k is >= 1 and <= 50)
        {
            settings = settings with { RetentionYears = k };
        }

        if (values.TryGetValue(SettingKeys.MapTileUrl, out var tiles) && MapTiles.Problem(tiles) is null)
        {
            settings = settings with { MapTileUrl = tiles };
        }

        if (values.TryGetValue(SettingKeys.MapAttribution, out var attribution) && !string.IsNullOrWhiteSpace(attribution))
        {
            settings = settings with { MapAttribution = attribution };
        }

        return settings;
    }
}

public static class MapTiles
{
    /// <summary>What is wrong with a tile address; null for a usable https one with {z}, {x} and {y}.</summary>
    public static string? Problem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Enter the tile address";
        }

        var probe = url.Replace("{s}", "a", StringComparison.Ordinal).Replace("{z}", "1", StringComparison.Ordinal)
            .Replace("{x}", "1", StringComparison.Ordinal).Replace("{y}", "1", StringComparison.Ordinal).Replace("{r}", "", StringComparison.Ordinal);
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || uri.Scheme != "https" || probe.Contains('{', StringComparison.Ordinal)
            || url.Contains('\'' , StringComparison.Ordinal) || url.Contains('"', StringComparison.Ordinal) || url.Contains(' ', StringComparison.Ordinal))
        {
            return "Enter an https address with {z}, {x} and {y} in it, like https://tile.openstreetmap.org/{z}/{x}/{y}.png";
        }

        return new[] { "{z}", "{x}", "{y}" }.All(p => url.Contains(p, StringComparison.Ordinal))
            ? null
            : "The tile address must contain {z}, {x} and {y}, like https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    }

    /// <summary>The scheme and host the browser fetches tiles from, for the page's content security policy.</summary>
    public static string? Origin(string? url)
    {
        if (Problem(url) is not null)
        {
            return null;
        }

        var uri = new Uri(url!.Replace("{s}", "a", StringComparison.Ordinal).Replace("{z}", "1", StringComparison.Ordinal)
            .Replace("{x}", "1", StringComparison.Ordinal).Replace("{y}", "1", StringComparison.Ordinal).Replace("{r}", "", StringComparison.Ordinal));
        // {s} subdomains (a., b., c.) all need to be allowed.
        var host = url.Contains("{s}.", StringComparison.Ordinal) ? "*." + uri.Host[(uri.Host.IndexOf('.', StringComparison.Ordinal) + 1)..] : uri.Host;
        return $"https://{host}" + (uri.IsDefaultPort ? "" : $":{uri.Port}");
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
            if (Text.WholeNumber(part) is not { } h || h is < 1 or > MaxReminderHours)
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
