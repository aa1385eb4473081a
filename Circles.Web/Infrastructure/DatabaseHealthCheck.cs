using Circles.Data.Migrations;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Circles.Web.Infrastructure;

public sealed class DatabaseHealthCheck(MigrationRunner migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await migrations.Status(cancellationToken);
            return status.IsCurrent
                ? HealthCheckResult.Healthy($"Database reachable at migration {status.AppliedVersion:D4}")
                : HealthCheckResult.Unhealthy($"Database is at migration {status.AppliedVersion:D4}; {status.Pending.Count} pending");
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable: " + failure.GetType().Name);
        }
    }
}
