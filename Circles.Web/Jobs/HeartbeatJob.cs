using Circles.Core.Scheduling;

namespace Circles.Web.Jobs;

/// <summary>Proves the scheduler runs: its last run time shows on the status page.</summary>
public sealed class HeartbeatJob(IMediator mediator)
{
    public async Task Run(CancellationToken cancellationToken) =>
        await mediator.Send(new RecordHeartbeatCommand(RecurringJobIds.Heartbeat), cancellationToken);
}
