using Circles.Core.Scheduling;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Data.Scheduling;

public sealed class SchedulerStore(IDbConnectionFactory database) : ISchedulerStore
{
    public async Task RecordRun(string jobId, DateTimeOffset ranAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO job_runs (job_id, last_run_at, run_count) VALUES (@JobId, @RanAt, 1)
            ON CONFLICT (job_id) DO UPDATE SET last_run_at = excluded.last_run_at, run_count = job_runs.run_count + 1
            """,
            new { JobId = jobId, RanAt = ranAt },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<JobRun>> ListRuns(CancellationToken cancellationToken)
    {
        await using var connection = await database.Open(cancellationToken);
        var runs = await connection.QueryAsync<JobRun>(new CommandDefinition(
            "SELECT job_id, last_run_at, run_count FROM job_runs ORDER BY job_id", cancellationToken: cancellationToken));
        return runs.ToList();
    }
}
