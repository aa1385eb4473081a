using Hangfire;

namespace Circles.Web.Jobs;

/// <summary>Every recurring job, registered in one place. Job arguments never carry personal data.</summary>
public static class RecurringJobIds
{
    public const string Heartbeat = "heartbeat";

    public static void Register(IRecurringJobManager jobs)
    {
        jobs.AddOrUpdate<HeartbeatJob>(Heartbeat, job => job.Run(CancellationToken.None), Cron.Minutely(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}
