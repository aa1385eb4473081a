using Circles.Core.Scheduling;
using Circles.Data.Migrations;
using Microsoft.Extensions.Options;

namespace Circles.Web.Admin;

public sealed record SystemStatus(
    IReadOnlyList<JobRun> JobRuns,
    MigrationStatus Migrations,
    bool SchedulerRunsHere,
    string Version,
    string DataPath,
    DateTimeOffset Now);

[Route("admin/status")]
public sealed class StatusController(
    IMediator mediator, MigrationRunner migrations, IOptions<SchedulerOptions> scheduler, IOptions<CirclesOptions> circles,
    IWebHostEnvironment environment, TimeProvider clock) : AdministrationController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var runs = await mediator.Send(new ListJobRunsQuery(), cancellationToken);
        var version = typeof(StatusController).Assembly.GetName().Version?.ToString() ?? "unknown";
        return View(new SystemStatus(
            runs,
            await migrations.Status(cancellationToken),
            scheduler.Value.ServerEnabled,
            version,
            Path.GetFullPath(circles.Value.DataPath, environment.ContentRootPath),
            clock.GetUtcNow()));
    }
}
