using Mediator;

namespace Circles.Core.Scheduling;

public sealed record JobRun
{
    public string JobId { get; init; } = "";

    public DateTimeOffset LastRunAt { get; init; }

    public int RunCount { get; init; }
}

public interface ISchedulerStore
{
    Task RecordRun(string jobId, DateTimeOffset ranAt, CancellationToken cancellationToken);

    Task<IReadOnlyList<JobRun>> ListRuns(CancellationToken cancellationToken);
}

/// <summary>Proves the scheduler is alive: the heartbeat job sends this every minute.</summary>
public sealed record RecordHeartbeatCommand(string JobId) : ICommand;

public sealed class RecordHeartbeatHandler(ISchedulerStore store, TimeProvider clock) : ICommandHandler<RecordHeartbeatCommand>
{
    public async ValueTask<Unit> Handle(RecordHeartbeatCommand command, CancellationToken cancellationToken)
    {
        await store.RecordRun(command.JobId, clock.GetUtcNow(), cancellationToken);
        return Unit.Value;
    }
}

public sealed record ListJobRunsQuery : IQuery<IReadOnlyList<JobRun>>;

public sealed class ListJobRunsHandler(ISchedulerStore store) : IQueryHandler<ListJobRunsQuery, IReadOnlyList<JobRun>>
{
    public async ValueTask<IReadOnlyList<JobRun>> Handle(ListJobRunsQuery query, CancellationToken cancellationToken) =>
        await store.ListRuns(cancellationToken);
}
