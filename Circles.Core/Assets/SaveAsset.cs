using System.Globalization;
using Circles.Core.Areas;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Matching;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Assets;

/// <summary>The fields that describe an asset as typed, shared by the form and by CSV import.</summary>
public abstract record AssetFields
{
    public string? Name { get; init; }

    public string? Kind { get; init; }

    public string? Description { get; init; }

    public string? Tags { get; init; }

    public string? Address { get; init; }

    public string? Postcode { get; init; }

    public string? Latitude { get; init; }

    public string? Longitude { get; init; }

    public string? ContactName { get; init; }

    public string? ContactEmail { get; init; }

    public string? ContactPhone { get; init; }

    public string? Website { get; init; }

    public string? Cost { get; init; }

    public List<string> Accessibility { get; init; } = [];

    public string? Status { get; init; }
}

/// <summary>Adds an asset (no <see cref="AssetId"/>) or changes one. One regular time is set here; imports may carry more.</summary>
public sealed record SaveAssetCommand : AssetFields, ICommand<long>
{
    public long? AssetId { get; init; }

    public long? AreaId { get; init; }

    /// <summary>Blank for no regular times, or WEEKLY or MONTHLY.</summary>
    public string? ScheduleFrequency { get; init; }

    public List<string> ScheduleDays { get; init; } = [];

    public List<string> ScheduleWeeks { get; init; } = [];

    public string? ScheduleInterval { get; init; }

    public string? OpensAt { get; init; }

    public string? ClosesAt { get; init; }

    public static SaveAssetCommand From(AssetDetails asset)
    {
        var schedule = asset.Schedules.Count > 0 ? asset.Schedules[0] : null;
        return new SaveAssetCommand
        {
            AssetId = asset.Id,
            Name = asset.Name,
            Kind = asset.Kind,
            Description = asset.Description,
            Tags = string.Join(", ", asset.Tags),
            Address = asset.Address,
            Postcode = asset.Postcode,
            Latitude = asset.Latitude?.ToString("0.######", CultureInfo.InvariantCulture),
            Longitude = asset.Longitude?.ToString("0.######", CultureInfo.InvariantCulture),
            ContactName = asset.ContactName,
            ContactEmail = asset.ContactEmail,
            ContactPhone = asset.ContactPhone,
            Website = asset.Website,
            Cost = asset.Cost,
            Accessibility = [.. asset.Accessibility],
            Status = asset.Status,
            AreaId = asset.AreaId,
            ScheduleFrequency = schedule?.Freq ?? "",
            ScheduleDays = schedule?.Parts.Select(p => p.Day).Distinct().ToList() ?? [],
            ScheduleWeeks = schedule?.Parts.Where(p => p.Week is not null).Select(p => p.Week!.Value.ToString(CultureInfo.InvariantCulture)).Distinct().ToList() ?? [],
            ScheduleInterval = (schedule?.Interval ?? 1).ToString(CultureInfo.InvariantCulture),
            OpensAt = schedule?.OpensAt is { } o ? Display.Time(o) : null,
            ClosesAt = schedule?.ClosesAt is { } c ? Display.Time(c) : null,
        };
    }

    /// <summary>The regular time the form describes; null for none. Only call once the command is valid.</summary>
    public AssetSchedule? Schedule(string? uid)
    {
        if (string.IsNullOrEmpty(ScheduleFrequency))
        {
            return null;
        }

        UkFormats.ReadTime(OpensAt, "", out var opens);
        TimeOnly? closes = null;
        if (!string.IsNullOrWhiteSpace(ClosesAt))
        {
            UkFormats.ReadTime(ClosesAt, "", out closes);
        }

        var interval = Text.WholeNumber(ScheduleInterval) ?? 1;
        return AssetSchedule.FromChoices(ScheduleFrequency, ScheduleDays, ScheduleWeeks, interval, string.IsNullOrWhiteSpace(OpensAt) ? null : opens, closes) with { Uid = uid };
    }
}

public static class AssetRules
{
    public const int NameMaxLength = 200;
    public const int ShortTextMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int WebsiteMaxLength = 500;

    public static void Check(AssetFields c, Failures failures)
    {
        failures.Required("Name", c.Name, "Enter the asset’s name");
        failures.MaxLength("Name", c.Name?.Trim(), NameMaxLength, "Name");
        if (!AssetKinds.IsKnown(c.Kind))
        {
            failures.Add("Kind", "Choose what kind of asset it is");
        }

        failures.MaxLength("Description", c.Description?.Trim(), DescriptionMaxLength, "Description");
        failures.MaxLength("Tags", c.Tags, 2000, "Interests");
        if (PersonRules.SplitInterests(c.Tags).Count > PersonRules.MaxInterests)
        {
            failures.Add("Tags", $"Enter {PersonRules.MaxInterests} interests or fewer");
        }

        failures.MaxLength("Address", c.Address?.Trim(), 500, "Address");
        if (!string.IsNullOrWhiteSpace(c.Postcode) && UkFormats.NormalisePostcode(c.Postcode) is null)
        {
            failures.Add("Postcode", "Enter a real postcode, like SE1 7PB");
        }

        var hasLatitude = !string.IsNullOrWhiteSpace(c.Latitude);
        var hasLongitude = !string.IsNullOrWhiteSpace(c.Longitude);
        if (hasLatitude != hasLongitude)
        {
            failures.Add(hasLatitude ? "Longitude" : "Latitude", "Enter both latitude and longitude, or neither to use the postcode’s");
        }
        else if (hasLatitude)
        {
            if (ReadCoordinate(c.Latitude, 49, 61) is null)
            {
                failures.Add("Latitude", "Latitude must be a number of degrees in the UK, between 49 and 61, like 51.5014");
            }

            if (ReadCoordinate(c.Longitude, -9, 2) is null)
            {
                failures.Add("Longitude", "Longitude must be a number of degrees in the UK, between -9 and 2, like -0.1419");
            }
        }

        failures.MaxLength("ContactName", c.ContactName?.Trim(), ShortTextMaxLength, "Contact name");
        failures.MaxLength("ContactEmail", c.ContactEmail?.Trim(), EmailAddress.MaxLength, "Contact email");
        failures.Email("ContactEmail", c.ContactEmail, "Enter an email address in the correct format, like name@example.org");
        failures.MaxLength("ContactPhone", c.ContactPhone?.Trim(), 30, "Contact phone");
        if (!string.IsNullOrWhiteSpace(c.ContactPhone) && !failures.Has("ContactPhone") && !UkFormats.IsPhoneNumber(c.ContactPhone))
        {
            failures.Add("ContactPhone", "Enter a phone number, like 01632 960 001 or 07700 900 982");
        }

        failures.MaxLength("Website", c.Website?.Trim(), WebsiteMaxLength, "Website");
        if (!string.IsNullOrWhiteSpace(c.Website) && !failures.Has("Website") && Website(c.Website) is null)
        {
            failures.Add("Website", "Enter a website address, like https://example.org");
        }

        failures.MaxLength("Cost", c.Cost?.Trim(), ShortTextMaxLength, "Cost");
        if (c.Accessibility.Any(f => !AccessibilityFeatures.IsKnown(f)))
        {
            failures.Add("Accessibility", "Choose accessibility features from the list");
        }

        if (!AssetStatuses.IsKnown(c.Status))
        {
            failures.Add("Status", "Choose whether it is running");
        }
    }

    /// <summary>Degrees within the bounds, or null.</summary>
    public static double? ReadCoordinate(string? value, double min, double max) =>
        double.TryParse(value?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
        && d >= min && d <= max ? Math.Round(d, 6) : null;

    /// <summary>An http(s) address, with https:// added when none was typed; null when it is not one.</summary>
    public static string? Website(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return null;
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Contains('.', StringComparison.Ordinal)
            ? uri.ToString()
            : null;
    }

    public static NewAsset ToNewAsset(AssetFields c, string uid, long areaId, IReadOnlyList<AssetSchedule> schedules, Location? location, DateOnly? lastVerifiedOn) =>
        new()
        {
            Uid = uid,
            Name = c.Name!.Trim(),
            Kind = c.Kind!,
            Description = Text.Clean(c.Description),
            Tags = PersonRules.SplitInterests(c.Tags),
            Address = Text.Clean(c.Address),
            Postcode = UkFormats.NormalisePostcode(c.Postcode),
            Latitude = location?.Latitude,
            Longitude = location?.Longitude,
            Schedules = schedules,
            ContactName = Text.Clean(c.ContactName),
            ContactEmail = Text.Clean(c.ContactEmail),
            ContactPhone = Text.Clean(c.ContactPhone),
            Website = Website(c.Website),
            Cost = Text.Clean(c.Cost),
            Accessibility = AccessibilityFeatures.All.Where(f => c.Accessibility.Contains(f.Key)).Select(f => f.Key).ToList(),
            Status = c.Status!,
            AreaId = areaId,
            LastVerifiedOn = lastVerifiedOn,
        };

    /// <summary>The coordinates typed, or else the postcode's centroid; what is wrong when a postcode we do not know is all there is.</summary>
    public static (Location? Location, string? Problem) Locate(AssetFields c, IReadOnlyDictionary<string, Location> known)
    {
        if (ReadCoordinate(c.Latitude, 49, 61) is { } lat && ReadCoordinate(c.Longitude, -9, 2) is { } lon)
        {
            return (new Location(lat, lon), null);
        }

        if (UkFormats.NormalisePostcode(c.Postcode) is not { } postcode)
        {
            return (null, null);
        }

        return known.TryGetValue(postcode, out var centroid)
            ? (centroid, null)
            : (null, Postcodes.Unknown(postcode) + ". Check it, or enter the latitude and longitude");
    }
}

public static class Postcodes
{
    public static string Unknown(string postcode) => $"We do not know where {postcode} is: it is not in the postcode list loaded into Circles";
}

public sealed class SaveAssetValidator : Validator<SaveAssetCommand>
{
    protected override void Rules(SaveAssetCommand c, Failures failures)
    {
        AssetRules.Check(c, failures);
        if (c.AreaId is null)
        {
            failures.Add("AreaId", "Choose the area the asset is in");
        }

        if (string.IsNullOrEmpty(c.ScheduleFrequency))
        {
            if (c.ScheduleDays.Count > 0 || c.ScheduleWeeks.Count > 0 || !string.IsNullOrWhiteSpace(c.OpensAt) || !string.IsNullOrWhiteSpace(c.ClosesAt))
            {
                failures.Add("ScheduleFrequency", "Choose how often it meets, or clear the days and times for no regular times");
            }

            return;
        }

        if (c.ScheduleFrequency is not (AssetSchedule.Weekly or AssetSchedule.Monthly))
        {
            failures.Add("ScheduleFrequency", "Choose every week, every month, or no regular times");
            return;
        }

        if (c.ScheduleDays.Count == 0 || c.ScheduleDays.Any(d => AssetSchedule.Days.All(k => k.Key != d)))
        {
            failures.Add("ScheduleDays", "Choose the day or days it meets");
        }

        if (c.ScheduleFrequency == AssetSchedule.Monthly && (c.ScheduleWeeks.Count == 0 || c.ScheduleWeeks.Any(w => AssetSchedule.WeeksOfMonth.All(k => k.Key != w))))
        {
            failures.Add("ScheduleWeeks", "Choose which weeks of the month it meets, like the 2nd and 4th");
        }

        if (c.ScheduleFrequency == AssetSchedule.Weekly && !string.IsNullOrWhiteSpace(c.ScheduleInterval) && Text.WholeNumber(c.ScheduleInterval) is not (>= 1 and <= 12))
        {
            failures.Add("ScheduleInterval", "Enter how many weeks apart as a number from 1 to 12, like 1 for every week");
        }

        if (string.IsNullOrWhiteSpace(c.OpensAt) && !string.IsNullOrWhiteSpace(c.ClosesAt))
        {
            failures.Add("OpensAt", "Enter the starting time as well as the finishing time");
        }
        else if (!string.IsNullOrWhiteSpace(c.OpensAt) && UkFormats.ReadTime(c.OpensAt, "starting time", out _) is { } opensProblem)
        {
            failures.Add("OpensAt", opensProblem);
        }

        if (!string.IsNullOrWhiteSpace(c.ClosesAt) && UkFormats.ReadTime(c.ClosesAt, "finishing time", out _) is { } closesProblem)
        {
            failures.Add("ClosesAt", closesProblem);
        }

        if (!failures.Has("ScheduleDays") && !failures.Has("ScheduleWeeks") && !failures.Has("ScheduleInterval") && !failures.Has("OpensAt") && !failures.Has("ClosesAt")
            && c.Schedule(null)?.Problem() is { } problem)
        {
            failures.Add("ClosesAt", problem);
        }
    }
}

public sealed class SaveAssetHandler(IAssetStore assets, IAreaStore areas, IPostcodeStore postcodes, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<SaveAssetCommand, long>
{
    public async ValueTask<long> Handle(SaveAssetCommand c, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        AssetDetails? existing = null;
        if (c.AssetId is { } id)
        {
            existing = await assets.Find(id, cancellationToken);
            if (existing is null || !AssetAccess.CanManage(who, existing.AreaId))
            {
                throw new NotFoundException("asset", id);
            }
        }
        else if (!AssetAccess.CanManageAny(who))
        {
            throw new NotFoundException("asset", "new");
        }

        // Another area's id is refused the same way as an unknown one.
        if (!AssetAccess.CanManage(who, c.AreaId) || await areas.Find(c.AreaId!.Value, cancellationToken) is null)
        {
            throw ValidationException.For("AreaId", "Choose the area the asset is in");
        }

        // The form shows the stored location; a new postcode with that location left as it was means the asset moved.
        var fields = existing is not null && UkFormats.NormalisePostcode(c.Postcode) != existing.Postcode
            && AssetRules.ReadCoordinate(c.Latitude, 49, 61) == existing.Latitude && AssetRules.ReadCoordinate(c.Longitude, -9, 2) == existing.Longitude
            ? c with { Latitude = null, Longitude = null }
            : c;
        var known = UkFormats.NormalisePostcode(c.Postcode) is { } postcode && await postcodes.Find(postcode, cancellationToken) is { } centroid
            ? new Dictionary<string, Location> { [postcode] = centroid }
            : [];
        var (location, problem) = AssetRules.Locate(fields, known);
        if (problem is not null)
        {
            throw ValidationException.For("Postcode", problem);
        }

        var now = clock.GetUtcNow();
        var schedule = c.Schedule(existing is { Schedules.Count: > 0 } ? existing.Schedules[0].Uid : Guid.NewGuid().ToString());
        // The form edits the first regular time; any others (from an import) are kept as they are.
        var schedules = (schedule is null ? [] : new[] { schedule }).Concat(existing?.Schedules.Skip(1) ?? []).ToList();
        var asset = AssetRules.ToNewAsset(c, existing?.Uid ?? Guid.NewGuid().ToString(), c.AreaId!.Value, schedules, location, existing?.LastVerifiedOn);
        if (existing is null)
        {
            var newId = await assets.Add(asset, who.UserId, now, cancellationToken);
            await audit.Record(new AuditEntry(AuditActions.AssetCreated, "asset", newId.ToString()), cancellationToken);
            return newId;
        }

        await assets.Change(existing.Id, asset, who.UserId, now, cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.AssetChanged, "asset", existing.Id.ToString()), cancellationToken);
        return existing.Id;
    }
}
