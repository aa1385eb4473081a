using System.Globalization;
using Circles.Core.Areas;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Matching;
using Mediator;

namespace Circles.Core.Assets;

/// <summary>One line of an asset CSV file, as written in it.</summary>
public sealed record AssetCsvRow : AssetFields
{
    public int Line { get; init; }

    public string? Id { get; init; }

    public string? Area { get; init; }

    public string? ScheduleFreq { get; init; }

    public string? ScheduleInterval { get; init; }

    public string? ScheduleByDay { get; init; }

    public string? OpensAt { get; init; }

    public string? ClosesAt { get; init; }

    public string? LastVerifiedOn { get; init; }
}

public static class AssetCsv
{
    /// <summary>The columns, in order. Lists (tags, accessibility) are separated by semicolons.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "name", "kind", "description", "tags", "address", "postcode", "latitude", "longitude",
        "schedule_freq", "schedule_interval", "schedule_byday", "opens_at", "closes_at",
        "contact_name", "contact_email", "contact_phone", "website", "cost", "accessibility", "status", "area", "last_verified_on",
    ];

    public static IReadOnlyList<string> Required { get; } = ["name", "kind", "area"];

    public const int MaxRows = 50_000;

    /// <summary>How many line errors are listed before the rest are counted.</summary>
    public const int MaxErrorsShown = 50;
}

/// <summary>Imports a whole file of assets: every line is checked first, and either all are saved or none are.</summary>
public sealed record ImportAssetsCommand(IReadOnlyList<AssetCsvRow> Rows) : ICommand<ImportResult>;

public sealed record ImportResult(int Added, int Updated);

public sealed class ImportAssetsHandler(IAssetStore assets, IAreaStore areas, IPostcodeStore postcodes, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<ImportAssetsCommand, ImportResult>
{
    public async ValueTask<ImportResult> Handle(ImportAssetsCommand command, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        if (!AssetAccess.CanManageAny(who))
        {
            throw new NotFoundException("asset", "import");
        }

        if (command.Rows.Count == 0)
        {
            throw ValidationException.For("File", "The file has no assets in it: add a line for each asset under the heading line");
        }

        if (command.Rows.Count > AssetCsv.MaxRows)
        {
            throw ValidationException.For("File", $"The file has {command.Rows.Count:N0} assets: import at most {AssetCsv.MaxRows:N0} at a time");
        }

        var today = UkTime.Today(clock);
        var areaIds = (await areas.List(cancellationToken)).Where(a => AssetAccess.CanManage(who, a.Id))
            .GroupBy(a => a.Name.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        var ids = command.Rows.Select(r => Guid.TryParse(r.Id, out var g) ? g.ToString() : null).OfType<string>().Distinct().ToList();
        var existing = await assets.AreasOf(ids, cancellationToken);
        var wanted = command.Rows.Where(r => string.IsNullOrWhiteSpace(r.Latitude)).Select(r => UkFormats.NormalisePostcode(r.Postcode)).OfType<string>().Distinct().ToList();
        var known = await postcodes.FindMany(wanted, cancellationToken);

        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var toSave = new List<NewAsset>(command.Rows.Count);
        var updated = 0;
        foreach (var row in command.Rows)
        {
            var failures = new Failures();
            AssetRules.Check(row, failures);
            string uid;
            if (string.IsNullOrWhiteSpace(row.Id))
            {
                uid = Guid.NewGuid().ToString();
            }
            else if (!Guid.TryParse(row.Id, out var guid))
            {
                failures.Add("id", "The id must be a UUID, like 3f2504e0-4f89-11d3-9a0c-0305e82c3301, or left blank for a new asset");
                uid = "";
            }
            else
            {
                uid = guid.ToString();
                if (!seen.Add(uid))
                {
                    failures.Add("id", "This id is on an earlier line too: each asset can appear once");
                }
                else if (existing.TryGetValue(uid, out var existingArea))
                {
                    if (!AssetAccess.CanManage(who, existingArea))
                    {
                        failures.Add("id", "This asset is in an area you do not map, so it cannot be changed here");
                    }
                    else
                    {
                        updated++;
                    }
                }
            }

            long areaId = 0;
            if (string.IsNullOrWhiteSpace(row.Area))
            {
                failures.Add("area", "Enter the area the asset is in");
            }
            else if (!areaIds.TryGetValue(row.Area.Trim(), out areaId))
            {
                failures.Add("area", $"“{Shorten(row.Area)}” is not one of your areas: use the area’s name as Circles shows it");
            }

            var schedules = Schedule(row, failures);
            DateOnly? verified = null;
            if (!string.IsNullOrWhiteSpace(row.LastVerifiedOn))
            {
                if (!DateOnly.TryParseExact(row.LastVerifiedOn.Trim(), ["yyyy-MM-dd", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) || on > today)
                {
                    failures.Add("last_verified_on", "The date it was last checked must be a real date, not in the future, like 2026-03-27");
                }
                else
                {
                    verified = on;
                }
            }

            var (location, problem) = AssetRules.Locate(row, known);
            if (problem is not null && !failures.Has("Postcode"))
            {
                failures.Add("Postcode", problem);
            }

            foreach (var failure in failures.All)
            {
                errors.Add($"Line {row.Line}: {failure.Message}");
            }

            if (!failures.Any)
            {
                toSave.Add(AssetRules.ToNewAsset(row, uid, areaId, schedules, location, verified));
            }
        }

        if (errors.Count > 0)
        {
            var shown = errors.Take(AssetCsv.MaxErrorsShown).Select(e => new ValidationFailure("File", e)).ToList();
            if (errors.Count > shown.Count)
            {
                shown.Add(new ValidationFailure("File", $"…and {errors.Count - shown.Count} more problems. Nothing was imported."));
            }

            throw new ValidationException(shown);
        }

        await assets.Import(toSave, who.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.AssetsImported, "asset", "import", $"{toSave.Count - updated} added, {updated} updated"), cancellationToken);
        return new ImportResult(toSave.Count - updated, updated);
    }

    private static IReadOnlyList<AssetSchedule> Schedule(AssetCsvRow row, Failures failures)
    {
        if (string.IsNullOrWhiteSpace(row.ScheduleFreq) && string.IsNullOrWhiteSpace(row.ScheduleByDay))
        {
            return [];
        }

        TimeOnly? opens = null;
        TimeOnly? closes = null;
        if (!string.IsNullOrWhiteSpace(row.OpensAt) && UkFormats.ReadTime(row.OpensAt, "starting time", out opens) is { } opensProblem)
        {
            failures.Add("opens_at", opensProblem);
        }

        if (!string.IsNullOrWhiteSpace(row.ClosesAt) && UkFormats.ReadTime(row.ClosesAt, "finishing time", out closes) is { } closesProblem)
        {
            failures.Add("closes_at", closesProblem);
        }

        var interval = string.IsNullOrWhiteSpace(row.ScheduleInterval) ? 1 : Text.WholeNumber(row.ScheduleInterval) ?? 0;
        var schedule = new AssetSchedule
        {
            Freq = row.ScheduleFreq?.Trim().ToUpperInvariant() ?? "",
            Interval = interval,
            ByDay = (row.ScheduleByDay ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(),
            OpensAt = opens,
            ClosesAt = closes,
        };
        if (schedule.Problem() is { } problem)
        {
            failures.Add("schedule_byday", $"The regular time is not right: {char.ToLowerInvariant(problem[0])}{problem[1..]}");
        }

        return [schedule];
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

/// <summary>Every asset the viewer may export, for a CSV file. Individuals' gifts and skills never leave.</summary>
public sealed record ExportAssetsQuery : IQuery<IAsyncEnumerable<AssetDetails>>;

public sealed class ExportAssetsHandler(IAssetStore assets, ICurrentViewer viewer, IAuditLog audit) : IQueryHandler<ExportAssetsQuery, IAsyncEnumerable<AssetDetails>>
{
    public async ValueTask<IAsyncEnumerable<AssetDetails>> Handle(ExportAssetsQuery query, CancellationToken cancellationToken)
    {
        if (!AssetAccess.CanManageAny(viewer.Current))
        {
            throw new NotFoundException("asset", "export");
        }

        await audit.Record(new AuditEntry(AuditActions.AssetsExported, "asset", "export"), cancellationToken);
        return assets.Export(viewer.Current, cancellationToken);
    }
}
