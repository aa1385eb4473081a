using Circles.Core.Messaging;
using Circles.Core.Scheduling;
using Circles.Web.Messaging;
using Hangfire;

namespace Circles.Web.Jobs;

/// <summary>
/// Sends what is due. Takes no arguments: the outbox is the schedule, so a restart (Hangfire.InMemory forgets
/// everything) loses nothing, and no personal data ever reaches the Hangfire dashboard.
/// </summary>
public sealed class DispatchMessagesJob(IMediator mediator, ILogger<DispatchMessagesJob> log)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task Run(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new DispatchDueMessagesCommand(), cancellationToken);
        await mediator.Send(new RecordHeartbeatCommand(GetMessagingOverviewHandler.DispatchJobId), cancellationToken);
        if (result.Claimed > 0 || result.Released > 0)
        {
            log.LogInformation(
                "Dispatched messages: {Sent} sent, {Retrying} to retry, {Failed} failed, {NotSent} not sent, {Waiting} waiting, {Released} released",
                result.Sent, result.Retrying, result.Failed, result.NotSent, result.Waiting, result.Released);
        }
    }
}

/// <summary>Adds time-driven messages (actions due and overdue, and later kinds) to the outbox ahead of their time.</summary>
public sealed class PlanMessagesJob(IMediator mediator)
{
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 0)]
    public async Task Run(CancellationToken cancellationToken)
    {
        await mediator.Send(new PlanScheduledMessagesCommand(), cancellationToken);
        await mediator.Send(new RecordHeartbeatCommand(GetMessagingOverviewHandler.PlanningJobId), cancellationToken);
    }
}

public sealed class TrackDeliveriesJob(IMediator mediator)
{
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 0)]
    public async Task Run(CancellationToken cancellationToken) => await mediator.Send(new TrackDeliveriesCommand(), cancellationToken);
}

/// <summary>Turns check-in questions nobody answered in time into tasks for a person. No arguments, like every job.</summary>
public sealed class CheckInFollowUpsJob(IMediator mediator)
{
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 0)]
    public async Task Run(CancellationToken cancellationToken) => await mediator.Send(new Core.CheckIns.CreateNoReplyFollowUpsCommand(), cancellationToken);
}

/// <summary>Runs the dispatcher now rather than at the next minute, for messages someone is waiting for (a password reset).</summary>
public sealed class DispatchSoon(IBackgroundJobClient jobs)
{
    public void Now() => jobs.Enqueue<DispatchMessagesJob>(job => job.Run(CancellationToken.None));
}

/// <summary>Nightly: erases people whose involvement ended longer ago than the organisation keeps records, unless on hold.</summary>
public sealed class RetentionJob(IMediator mediator)
{
    public async Task Run(CancellationToken cancellationToken) => await mediator.Send(new Core.Privacy.RunRetentionCommand(), cancellationToken);
}
