using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Circles.Core.People;
using Circles.Core.Privacy;
using Circles.Web.Hosting;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.Privacy;

/// <summary>People's data rights: a subject access export of everything held about a person.</summary>
[Authorize(Policy = CirclesHost.PeoplePolicy)]
public sealed class DataRightsController(IMediator mediator, Circles.Core.Common.ICurrentViewer viewer) : CirclesController
{
    private static readonly JsonSerializerOptions ExportJson = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [HttpGet("people/{personId:long}/data")]
    public async Task<IActionResult> Index(long personId, CancellationToken cancellationToken)
    {
        if (!DataRights.CanAct(viewer.Current))
        {
            return NotFound();
        }

        return View(new DataRightsPage(await mediator.Send(new GetPersonQuery(personId), cancellationToken), await mediator.Send(new GetErasureStateQuery(personId), cancellationToken)));
    }

    [HttpPost("people/{personId:long}/legal-hold")]
    public async Task<IActionResult> LegalHold(long personId, bool hold, string? reason, CancellationToken cancellationToken)
    {
        await mediator.Send(new SetLegalHoldCommand(personId, hold, reason), cancellationToken);
        TempData["Notice"] = hold ? "Legal hold set: their records cannot be erased until it is released." : "Legal hold released.";
        return RedirectToAction(nameof(Index), new { personId });
    }

    [HttpPost("people/{personId:long}/erase")]
    public async Task<IActionResult> Erase(long personId, bool confirmed, CancellationToken cancellationToken)
    {
        await mediator.Send(new ErasePersonCommand(personId, confirmed), cancellationToken);
        TempData["Notice"] = "Their details have been erased. Anonymous counts remain for reports.";
        return RedirectToAction(nameof(Index), new { personId });
    }

    /// <summary>A ZIP of one JSON file per kind of record and a readable summary. A POST: making it is audited.</summary>
    [HttpPost("people/{personId:long}/data/export")]
    public async Task<IActionResult> Export(long personId, CancellationToken cancellationToken)
    {
        var export = await mediator.Send(new ExportPersonDataQuery(personId), cancellationToken);
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var section in export.Sections.Where(s => s.Rows.Count > 0))
            {
                await using var entry = await archive.CreateEntry($"{section.Name}.json", CompressionLevel.Optimal).OpenAsync(cancellationToken);
                await JsonSerializer.SerializeAsync(entry, section.Rows, ExportJson, cancellationToken);
            }

            await using var summary = await archive.CreateEntry("summary.html", CompressionLevel.Optimal).OpenAsync(cancellationToken);
            var html = Encoding.UTF8.GetBytes(SubjectAccessSummary.Html(export));
            await summary.WriteAsync(html, cancellationToken);
        }

        zip.Position = 0;
        return File(zip, "application/zip", $"person-{export.PersonId}-data-{export.GeneratedAt:yyyy-MM-dd}.zip");
    }
}

public sealed record DataRightsPage(PersonDetails Person, ErasureState Erasure);

/// <summary>The export's readable page: every section as a table, every value HTML-encoded.</summary>
public static class SubjectAccessSummary
{
    public static string Html(PersonDataExport export)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Information held about {e.Encode(export.FullName)}</title></head><body>");
        html.Append(System.Globalization.CultureInfo.InvariantCulture,
            $"<h1>Information held about {e.Encode(export.FullName)}</h1><p>Made on {e.Encode(Core.Common.Display.DateTime(export.GeneratedAt))}. Each section is also in this file as JSON.</p>");
        foreach (var section in export.Sections)
        {
            html.Append(System.Globalization.CultureInfo.InvariantCulture, $"<h2>{e.Encode(section.Name.Replace('_', ' '))}</h2>");
            if (section.Rows.Count == 0)
            {
                html.Append("<p>Nothing held.</p>");
                continue;
            }

            var columns = section.Rows[0].Keys.ToList();
            html.Append("<table><thead><tr>");
            foreach (var column in columns)
            {
                html.Append(System.Globalization.CultureInfo.InvariantCulture, $"<th scope=\"col\">{e.Encode(column)}</th>");
            }

            html.Append("</tr></thead><tbody>");
            foreach (var row in section.Rows)
            {
                html.Append("<tr>");
                foreach (var column in columns)
                {
                    html.Append(System.Globalization.CultureInfo.InvariantCulture, $"<td>{e.Encode(Convert.ToString(row.GetValueOrDefault(column), System.Globalization.CultureInfo.InvariantCulture) ?? "")}</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table>");
        }

        return html.Append("</body></html>").ToString();
    }
}
