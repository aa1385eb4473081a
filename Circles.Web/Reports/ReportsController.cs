using System.Globalization;
using Circles.Core.Areas;
using Circles.Core.Common;
using Circles.Core.Reporting;
using Circles.Web.Hosting;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Circles.Web.Reports;

/// <summary>
/// The outcomes dashboard (exact numbers, for staff) and the report for commissioners (small numbers suppressed),
/// each as a page and a CSV file, for a period and some areas.
/// </summary>
[Authorize(Policy = CirclesHost.PeoplePolicy)]
[Route("reports")]
public sealed class ReportsController(IMediator mediator, ICurrentViewer viewer, TimeProvider clock) : CirclesController
{
    public const string ReportKey = "Report";
    public const string AreasKey = "Areas";

    [HttpGet("")]
    public Task<IActionResult> Index(GetOutcomesQuery query, CancellationToken cancellationToken) => Page(query, forCommissioners: false, cancellationToken);

    [HttpGet("commissioner")]
    public Task<IActionResult> Commissioner(GetOutcomesQuery query, CancellationToken cancellationToken) => Page(query, forCommissioners: true, cancellationToken);

    [HttpGet("outcomes.csv")]
    public Task<IActionResult> IndexCsv(GetOutcomesQuery query, CancellationToken cancellationToken) => Csv(query, forCommissioners: false, cancellationToken);

    [HttpGet("commissioner.csv")]
    public Task<IActionResult> CommissionerCsv(GetOutcomesQuery query, CancellationToken cancellationToken) => Csv(query, forCommissioners: true, cancellationToken);

    private async Task<IActionResult> Page(GetOutcomesQuery query, bool forCommissioners, CancellationToken cancellationToken)
    {
        if (!ReportRules.MayReport(viewer.Current))
        {
            return NotFound();
        }

        query = WithDefaults(query) with { ForCommissioners = forCommissioners };
        ViewData[ReportKey] = await mediator.Send(query, cancellationToken);
        await PrepareForm(query, cancellationToken);
        return View(query);
    }

    private async Task<IActionResult> Csv(GetOutcomesQuery query, bool forCommissioners, CancellationToken cancellationToken)
    {
        if (!ReportRules.MayReport(viewer.Current))
        {
            return NotFound();
        }

        var report = await mediator.Send(WithDefaults(query) with { ForCommissioners = forCommissioners }, cancellationToken);
        return File(FigureCsv.Write(report), "text/csv; charset=utf-8", FigureCsv.FileName(report));
    }

    /// <summary>No dates at all: the last twelve months.</summary>
    private GetOutcomesQuery WithDefaults(GetOutcomesQuery query)
    {
        if (new[] { query.FromDay, query.FromMonth, query.FromYear, query.ToDay, query.ToMonth, query.ToYear }.Any(p => !string.IsNullOrWhiteSpace(p)))
        {
            return query;
        }

        var (from, to) = ReportRules.DefaultPeriod(UkTime.Today(clock));
        return query with { FromDay = Day(from), FromMonth = Month(from), FromYear = Year(from), ToDay = Day(to), ToMonth = Month(to), ToYear = Year(to) };
    }

    protected override async Task PrepareForm(object form, CancellationToken cancellationToken)
    {
        var who = viewer.Current;
        ViewData[AreasKey] = (await mediator.Send(new ListAreasQuery(), cancellationToken))
            .Where(a => who.CanSeeArea(a.Id))
            .Select(a => new Choice(a.Id.ToString(CultureInfo.InvariantCulture), a.Name))
            .ToList();
    }
}

public static class ReportLinks
{
    /// <summary>The same period and areas, for a link to the other report or a CSV.</summary>
    public static string With(string path, GetOutcomesQuery query) =>
        path + new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(
            new[]
            {
                new KeyValuePair<string, string>(nameof(query.FromDay), query.FromDay ?? ""),
                new KeyValuePair<string, string>(nameof(query.FromMonth), query.FromMonth ?? ""),
                new KeyValuePair<string, string>(nameof(query.FromYear), query.FromYear ?? ""),
                new KeyValuePair<string, string>(nameof(query.ToDay), query.ToDay ?? ""),
                new KeyValuePair<string, string>(nameof(query.ToMonth), query.ToMonth ?? ""),
                new KeyValuePair<string, string>(nameof(query.ToYear), query.ToYear ?? ""),
            }.Concat(query.Areas.Select(a => new KeyValuePair<string, string>(nameof(query.Areas), a))));
}
