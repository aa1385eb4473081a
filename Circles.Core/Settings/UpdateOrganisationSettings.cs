using Circles.Core.Accounts;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Messaging;
using Mediator;

namespace Circles.Core.Settings;

public sealed record UpdateOrganisationSettingsCommand(string? OrganisationName, IReadOnlyList<string> TwoFactorRequiredRoles) : ICommand
{
    public string? MeetingReminderHours { get; init; }

    public string? QuietHoursStart { get; init; }

    public string? QuietHoursEnd { get; init; }

    public string? DefaultIdealDays { get; init; }

    public string? DefaultMaximumDays { get; init; }

    public string? UclaThreshold { get; init; }

    public string? NoReplyDays { get; init; }

    public string? SwemwbsLicence { get; init; }

    public string? AssetStaleMonths { get; init; }

    public string? MapTileUrl { get; init; }

    public string? MapAttribution { get; init; }

    public string? DbsRecheckYears { get; init; }

    public string? RetentionYears { get; init; }
}

public sealed class UpdateOrganisationSettingsValidator : Validator<UpdateOrganisationSettingsCommand>
{
    protected override void Rules(UpdateOrganisationSettingsCommand command, Failures failures)
    {
        failures.Required("OrganisationName", command.OrganisationName, "Enter your organisation’s name");
        failures.MaxLength("OrganisationName", command.OrganisationName?.Trim(), OrganisationSettings.OrganisationNameMaxLength, "The organisation’s name");
        if (command.TwoFactorRequiredRoles.Any(r => !Roles.IsKnown(r)))
        {
            failures.Add("TwoFactorRequiredRoles", "Choose roles from the list");
        }

        failures.MaxLength("MeetingReminderHours", command.MeetingReminderHours, 100, "Meeting reminders");
        if (!failures.Has("MeetingReminderHours") && MessagingSettingRules.ReadHours(command.MeetingReminderHours) is null)
        {
            failures.Add("MeetingReminderHours",
                $"Enter up to 5 whole numbers of hours between 1 and {MessagingSettingRules.MaxReminderHours}, separated by commas, like 48, 2");
        }

        var hasStart = !string.IsNullOrWhiteSpace(command.QuietHoursStart);
        var hasEnd = !string.IsNullOrWhiteSpace(command.QuietHoursEnd);
        if (hasStart != hasEnd)
        {
            failures.Add(hasStart ? "QuietHoursEnd" : "QuietHoursStart", "Enter both times for quiet hours, or neither for no quiet hours");
        }

        if (hasStart && UkFormats.ReadTime(command.QuietHoursStart, "time quiet hours start", out _) is { } startProblem)
        {
            failures.Add("QuietHoursStart", startProblem);
        }

        if (hasEnd && UkFormats.ReadTime(command.QuietHoursEnd, "time quiet hours end", out _) is { } endProblem)
        {
            failures.Add("QuietHoursEnd", endProblem);
        }

        // The check-in numbers are each left as they are when not given (a form that does not show them).
        var ideal = Text.WholeNumber(command.DefaultIdealDays);
        var maximum = Text.WholeNumber(command.DefaultMaximumDays);
        if (command.DefaultIdealDays is not null && ideal is null)
        {
            failures.Add("DefaultIdealDays", $"Enter how often, ideally, as a number of days from 1 to {CheckIns.Cadence.LongestDays}");
        }

        if (command.DefaultMaximumDays is not null && maximum is null)
        {
            failures.Add("DefaultMaximumDays", $"Enter the longest gap as a number of days from 1 to {CheckIns.Cadence.LongestDays}");
        }

        if ((command.DefaultIdealDays is null) != (command.DefaultMaximumDays is null))
        {
            failures.Add(command.DefaultIdealDays is null ? "DefaultIdealDays" : "DefaultMaximumDays", "Enter both numbers of days for the usual check-in");
        }

        if (ideal is { } i && maximum is { } m && CheckIns.Cadence.Problem(i, m) is { } problem)
        {
            failures.Add(i is < 1 or > CheckIns.Cadence.LongestDays ? "DefaultIdealDays" : "DefaultMaximumDays", problem);
        }

        if (command.UclaThreshold is not null && Text.WholeNumber(command.UclaThreshold) is not (>= CheckIns.Ucla3.MinimumScore and <= CheckIns.Ucla3.MaximumScore))
        {
            failures.Add("UclaThreshold", $"Enter a UCLA score from {CheckIns.Ucla3.MinimumScore} to {CheckIns.Ucla3.MaximumScore}, like {CheckIns.Ucla3.DefaultThreshold}");
        }

        if (command.NoReplyDays is not null && Text.WholeNumber(command.NoReplyDays) is not (>= 1 and <= OrganisationSettings.MaxNoReplyDays))
        {
            failures.Add("NoReplyDays", $"Enter a number of days from 1 to {OrganisationSettings.MaxNoReplyDays}");
        }

        failures.MaxLength("SwemwbsLicence", command.SwemwbsLicence?.Trim(), OrganisationSettings.SwemwbsLicenceMaxLength, "The SWEMWBS licence reference");
        if (command.AssetStaleMonths is not null && Text.WholeNumber(command.AssetStaleMonths) is not (>= 1 and <= OrganisationSettings.MaxAssetStaleMonths))
        {
            failures.Add("AssetStaleMonths", $"Enter a number of months from 1 to {OrganisationSettings.MaxAssetStaleMonths}, like {OrganisationSettings.DefaultAssetStaleMonths}");
        }

        failures.MaxLength("MapTileUrl", command.MapTileUrl?.Trim(), OrganisationSettings.MapSettingMaxLength, "The tile address");
        if (!failures.Has("MapTileUrl") && !string.IsNullOrWhiteSpace(command.MapTileUrl) && MapTiles.Problem(command.MapTileUrl.Trim()) is { } tileProblem)
        {
            failures.Add("MapTileUrl", tileProblem);
        }

        if (command.RetentionYears is not null && Text.WholeNumber(command.RetentionYears) is not (>= 1 and <= 50))
        {
            failures.Add("RetentionYears", "Enter a number of years from 1 to 50, like 6");
        }

        if (command.DbsRecheckYears is not null && Text.WholeNumber(command.DbsRecheckYears) is not (>= 1 and <= 10))
        {
            failures.Add("DbsRecheckYears", "Enter a number of years from 1 to 10, like 3");
        }

        failures.MaxLength("MapAttribution", command.MapAttribution?.Trim(), OrganisationSettings.MapSettingMaxLength, "The map credit");
        if (!string.IsNullOrWhiteSpace(command.MapTileUrl) && string.IsNullOrWhiteSpace(command.MapAttribution))
        {
            failures.Add("MapAttribution", "Enter the credit the tile server asks for, like © OpenStreetMap contributors");
        }
    }
}

public sealed class UpdateOrganisationSettingsHandler(ISettingsStore settings, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<UpdateOrganisationSettingsCommand>
{
    public async ValueTask<Unit> Handle(UpdateOrganisationSettingsCommand command, CancellationToken cancellationToken)
    {
        var current = GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken));
        var now = clock.GetUtcNow();

        async Task Change(string key, string value, string shown)
        {
            await settings.Set(key, value, now, cancellationToken);
            await audit.Record(new AuditEntry(AuditActions.SettingChanged, "setting", key, shown), cancellationToken);
        }

        var name = command.OrganisationName!.Trim();
        if (name != current.OrganisationName)
        {
            await Change(SettingKeys.OrganisationName, name, name);
        }

        var roles = Roles.All.Where(command.TwoFactorRequiredRoles.Contains).ToArray();
        if (!roles.ToHashSet().SetEquals(current.TwoFactorRequiredRoles))
        {
            var value = string.Join(',', roles);
            await Change(SettingKeys.TwoFactorRequiredRoles, value, value.Length == 0 ? "(none)" : value);
        }

        var hours = MessagingSettingRules.ReadHours(command.MeetingReminderHours)!;
        if (!hours.SequenceEqual(current.MeetingReminderHours))
        {
            var value = MessagingSettingRules.WriteHours(hours);
            await Change(SettingKeys.MeetingReminderHours, value, value.Length == 0 ? "(none)" : value);
        }

        UkFormats.ReadTime(command.QuietHoursStart, "", out var start);
        UkFormats.ReadTime(command.QuietHoursEnd, "", out var end);
        var quiet = start is { } s && end is { } e ? new QuietHours(s, e) : new QuietHours(TimeOnly.MinValue, TimeOnly.MinValue);
        if (quiet != current.QuietHours)
        {
            await Change(SettingKeys.QuietHours, MessagingSettingRules.WriteQuietHours(quiet), quiet.Describe());
        }

        var cadence = Text.WholeNumber(command.DefaultIdealDays) is { } ideal && Text.WholeNumber(command.DefaultMaximumDays) is { } maximum
            ? new CheckIns.Cadence(ideal, maximum) : current.DefaultCadence;
        if (cadence != current.DefaultCadence)
        {
            await Change(SettingKeys.DefaultCadence, $"{cadence.IdealDays},{cadence.MaximumDays}", $"Every {cadence.IdealDays} days, at most {cadence.MaximumDays}");
        }

        var threshold = Text.WholeNumber(command.UclaThreshold) ?? current.UclaThreshold;
        if (threshold != current.UclaThreshold)
        {
            await Change(SettingKeys.UclaThreshold, threshold.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{threshold} or more");
        }

        var noReply = Text.WholeNumber(command.NoReplyDays) ?? current.NoReplyDays;
        if (noReply != current.NoReplyDays)
        {
            await Change(SettingKeys.NoReplyDays, noReply.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{noReply} days");
        }

        var licence = Text.Clean(command.SwemwbsLicence);
        if (licence != current.SwemwbsLicence)
        {
            await Change(SettingKeys.SwemwbsLicence, licence ?? "", licence is null ? "(none: SWEMWBS is off)" : "Recorded: SWEMWBS is on");
        }

        var staleMonths = Text.WholeNumber(command.AssetStaleMonths) ?? current.AssetStaleMonths;
        if (staleMonths != current.AssetStaleMonths)
        {
            await Change(SettingKeys.AssetStaleMonths, staleMonths.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{staleMonths} months");
        }

        var tiles = Text.Clean(command.MapTileUrl);
        if (tiles != current.MapTileUrl)
        {
            await Change(SettingKeys.MapTileUrl, tiles ?? "", tiles ?? "(none: no map is shown)");
        }

        var keepYears = Text.WholeNumber(command.RetentionYears) ?? current.RetentionYears;
        if (keepYears != current.RetentionYears)
        {
            await Change(SettingKeys.RetentionYears, keepYears.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{keepYears} years");
        }

        var dbsYears = Text.WholeNumber(command.DbsRecheckYears) ?? current.DbsRecheckYears;
        if (dbsYears != current.DbsRecheckYears)
        {
            await Change(SettingKeys.DbsRecheckYears, dbsYears.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{dbsYears} years");
        }

        var attribution = Text.Clean(command.MapAttribution);
        if (attribution != current.MapAttribution)
        {
            await Change(SettingKeys.MapAttribution, attribution ?? "", attribution ?? "(none)");
        }

        return Unit.Value;
    }
}
