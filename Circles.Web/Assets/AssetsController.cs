using System.Globalization;
using Circles.Core.Areas;
using Circles.Core.Assets;
using Circles.Core.Common;
using Circles.Core.People;
using Circles.Core.Settings;
using Circles.Web.Hosting;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.Assets;

[Authorize(Policy = CirclesHost.PeoplePolicy)]
public sealed class AssetsController(IMediator mediator, ICurrentViewer viewer, TimeProvider clock) : CirclesController
{
    public const string AreaChoicesKey = "AssetAreaChoices";
    public const string PersonNameKey = "ConnectionPersonName";
    public const string AssetNameKey = "ConnectionAssetName";

    /// <summary>Largest CSV file accepted: 20,000 assets with long descriptions fit well inside it.</summary>
    public const long MaxImportBytes = 20 * 1024 * 1024;

    [HttpGet("assets")]
    public async Task<IActionResult> Index([FromQuery] SearchAssetsQuery query, long? @for, CancellationToken cancellationToken)
    {
        var search = await mediator.Send(query, cancellationToken);
        var settings = await mediator.Send(new GetOrganisationSettingsQuery(), cancellationToken);
        var forPerson = @for is { } personId ? await mediator.Send(new GetPersonQuery(personId), cancellationToken) : null;
        if (MapTiles.Origin(settings.MapTileUrl) is { } origin)
        {
            HttpContext.Items[SecurityHeaders.MapTileOriginKey] = origin;
        }

        return View(new AssetSearchPage(search, settings.MapTileUrl, settings.MapAttribution, forPerson, AssetAccess.CanManageAny(viewer.Current)));
    }

    [HttpGet("assets/new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken)
    {
        var command = new SaveAssetCommand { Status = AssetStatuses.Active, ScheduleInterval = "1", AreaId = viewer.Current.AreaIds.Count == 1 ? viewer.Current.AreaIds[0] : null };
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("assets/new")]
    public async Task<IActionResult> New(SaveAssetCommand command, CancellationToken cancellationToken)
    {
        var id = await mediator.Send(command with { AssetId = null }, cancellationToken);
        TempData["Notice"] = "Community asset added.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("assets/{id:long}")]
    public async Task<IActionResult> Details(long id, long? @for, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new GetAssetQuery(id), cancellationToken);
        var forPerson = @for is { } personId ? await mediator.Send(new GetPersonQuery(personId), cancellationToken) : null;
        return View(new AssetDetailsPage(page, forPerson));
    }

    [HttpGet("assets/{id:long}/edit")]
    public async Task<IActionResult> Edit(long id, CancellationToken cancellationToken)
    {
        var page = await mediator.Send(new GetAssetQuery(id), cancellationToken);
        if (!page.CanManage)
        {
            return NotFound();
        }

        var command = SaveAssetCommand.From(page.Asset);
        await PrepareForm(command, cancellationToken);
        return View(command);
    }

    [HttpPost("assets/{id:long}/edit")]
    public async Task<IActionResult> Edit(long id, SaveAssetCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command with { AssetId = id }, cancellationToken);
        TempData["Notice"] = "Changes saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpPost("assets/{id:long}/verified")]
    public async Task<IActionResult> Verified(long id, string? returnTo, CancellationToken cancellationToken)
    {
        await mediator.Send(new VerifyAssetCommand(id), cancellationToken);
        TempData["Notice"] = "Marked as checked today.";
        return returnTo == "stale" ? RedirectToAction(nameof(Stale)) : RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet("assets/stale")]
    public async Task<IActionResult> Stale(int? page, CancellationToken cancellationToken) =>
        View(await mediator.Send(new ListStaleAssetsQuery(page), cancellationToken));

    [HttpGet("assets/import")]
    public IActionResult Import() => AssetAccess.CanManageAny(viewer.Current) ? View(new ImportAssetsForm()) : NotFound();

    [HttpPost("assets/import")]
    [RequestSizeLimit(MaxImportBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxImportBytes + 64 * 1024)]
    public async Task<IActionResult> Import(ImportAssetsForm form, CancellationToken cancellationToken)
    {
        if (!AssetAccess.CanManageAny(viewer.Current))
        {
            return NotFound();
        }

        if (form.File is not { Length: > 0 } file)
        {
            throw ValidationException.For("File", "Choose a CSV file to import");
        }

        if (file.Length > MaxImportBytes)
        {
            throw ValidationException.For("File", $"The file must be smaller than {MaxImportBytes / 1024 / 1024} MB");
        }

        IReadOnlyList<AssetCsvRow> rows;
        await using (var stream = file.OpenReadStream())
        {
            rows = AssetCsvFile.Read(stream);
        }

        var result = await mediator.Send(new ImportAssetsCommand(rows), cancellationToken);
        TempData["Notice"] = $"Imported {result.Added + result.Updated:N0} assets: {result.Added:N0} new, {result.Updated:N0} updated.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("assets/export")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        var assets = await mediator.Send(new ExportAssetsQuery(), cancellationToken);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"community-assets-{UkTime.Today(clock):yyyy-MM-dd}.csv\"";
        await AssetCsvFile.Write(assets, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    [HttpGet("people/{personId:long}/connections/new")]
    public async Task<IActionResult> Connect(long personId, long asset, CancellationToken cancellationToken)
    {
        var today = UkTime.Today(clock);
        var command = new RecordConnectionCommand
        {
            PersonId = personId,
            AssetId = asset,
            OnDay = Day(today),
            OnMonth = Month(today),
            OnYear = Year(today),
        };
        await PrepareForm(command, cancellationToken);
        return View(command with { Status = ViewData["ConnectionStatus"] as string ?? ConnectionStatuses.Suggested });
    }

    [HttpPost("people/{personId:long}/connections/new")]
    public async Task<IActionResult> Connect(long personId, RecordConnectionCommand command, CancellationToken cancellationToken)
    {
        await mediator.Send(command with { PersonId = personId }, cancellationToken);
        TempData["Notice"] = "Connection recorded.";
        return Redirect($"/people/{personId}#connections");
    }

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        switch (form)
        {
            case SaveAssetCommand:
                var areas = await mediator.Send(new ListAreasQuery(), cancellationToken);
                ViewData[AreaChoicesKey] = areas.Where(a => AssetAccess.CanManage(viewer.Current, a.Id))
                    .Select(a => new Choice(a.Id.ToString(CultureInfo.InvariantCulture), a.Name)).ToList();
                break;
            case RecordConnectionCommand connection:
                var person = await mediator.Send(new GetPersonQuery(connection.PersonId), cancellationToken);
                var asset = await mediator.Send(new GetAssetQuery(connection.AssetId), cancellationToken);
                ViewData[PersonNameKey] = person.PreferredName ?? person.FullName;
                ViewData[AssetNameKey] = asset.Asset.Name;
                var current = (await mediator.Send(new ListPersonConnectionsQuery(connection.PersonId), cancellationToken)).FirstOrDefault(c => c.AssetId == connection.AssetId);
                ViewData["ConnectionStatus"] = current?.Status;
                break;
        }
    }
}

public sealed record AssetSearchPage(AssetSearch Search, string? MapTileUrl, string? MapAttribution, PersonDetails? ForPerson, bool CanManage);

public sealed record AssetDetailsPage(AssetPage Page, PersonDetails? ForPerson);

public sealed class ImportAssetsForm
{
    public IFormFile? File { get; set; }
}

public static class AssetChoices
{
    public static IReadOnlyList<Choice> Kinds { get; } = AssetKinds.All.Select(k => new Choice(k.Key, k.Label)).ToList();

    public static IReadOnlyList<Choice> Statuses { get; } = AssetStatuses.All.Select(s => new Choice(s.Key, s.Label)).ToList();

    public static IReadOnlyList<Choice> Accessibility { get; } = AccessibilityFeatures.All.Select(f => new Choice(f.Key, f.Label)).ToList();

    public static IReadOnlyList<Choice> Days { get; } = AssetSchedule.Days.Select(d => new Choice(d.Key, d.Label)).ToList();

    public static IReadOnlyList<Choice> Weeks { get; } = AssetSchedule.WeeksOfMonth.Select(w => new Choice(w.Key, w.Label)).ToList();

    public static IReadOnlyList<Choice> Frequencies { get; } =
    [
        new("", "No regular times"),
        new(AssetSchedule.Weekly, "Every week, or every few weeks"),
        new(AssetSchedule.Monthly, "On set weeks of the month", "For example, the 2nd and 4th Tuesday"),
    ];

    public static IReadOnlyList<Choice> ConnectionStatuses { get; } = Core.Assets.ConnectionStatuses.All.Select(s => new Choice(s.Key, s.Label)).ToList();

    public static string Distance(double? kilometres) => kilometres switch
    {
        null => "",
        < 0.16 => "under 0.1 miles",
        { } km => $"{km / 1.609344:0.0} miles",
    };
}
