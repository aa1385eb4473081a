using Circles.Core.Messaging;
using Hangfire;

namespace Circles.Web.Jobs;

/// <summary>Every recurring job, registered in one place. Job arguments never carry personal data.</summary>
public static class RecurringJobIds
{
    public const string Heartbeat = "heartbeat";
    public const string DispatchMessages = GetMessagingOverviewHandler.DispatchJobId;
    public const string PlanMessages = GetMessagingOverviewHandler.PlanningJobId;
    public const string TrackDeliveries = "track-deliveries";
    public const string CheckInFollowUps = "check-in-follow-ups";
    public const string Retention = "retention";

    public static void Register(IRecurringJobManager jobs)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        jobs.AddOrUpdate<HeartbeatJob>(Heartbeat, job => job.Run(CancellationToken.None), Cron.Minutely(), utc);
        jobs.AddOrUpdate<DispatchMessagesJob>(DispatchMessages, job => job.Run(CancellationToken.None), Cron.Minutely(), utc);
        jobs.AddOrUpdate<PlanMessagesJob>(PlanMessages, job => job.Run(CancellationToken.None), "*/15 * * * *", utc);
        jobs.AddOrUpdate<TrackDeliveriesJob>(TrackDeliveries, job => job.Run(CancellationToken.None), "*/5 * * * *", utc);
        jobs.AddOrUpdate<CheckInFollowUpsJob>(CheckInFollowUps, job => job.Run(CancellationToken.None), "7,37 * * * *", utc);
        jobs.AddOrUpdate<RetentionJob>(Retention, job => job.Run(CancellationToken.None), "30 2 * * *", utc);
    }
}
