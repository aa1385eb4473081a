using Circles.Tests.Support;
using Circles.Web.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Web;

public sealed class SchedulerTests
{
    [Test]
    public async Task With_the_server_on_the_heartbeat_job_runs_and_records_its_run()
    {
        using var database = await TestDatabase.CreateMigrated("scheduler");
        await using var site = new CirclesFactory(database, new Dictionary<string, string?> { ["Hangfire:ServerEnabled"] = "true", ["Hangfire:WorkerCount"] = "1" });
        using var client = site.CreateClient();
        site.Services.GetRequiredService<IRecurringJobManager>().Trigger(RecurringJobIds.Heartbeat);

        long runs = 0;
        for (var attempt = 0; attempt < 300 && runs == 0; attempt++)
        {
            await Task.Delay(100);
            runs = await database.Scalar<long>("SELECT count(*) FROM job_runs WHERE job_id = 'heartbeat'");
        }

        Assert.That(runs, Is.EqualTo(1), "the heartbeat should have run within 30 seconds of being triggered");
    }

    [Test]
    public void Recurring_jobs_carry_no_arguments_that_could_hold_personal_data()
    {
        var storage = new Hangfire.InMemory.InMemoryStorage();
        var manager = new RecurringJobManager(storage);
        RecurringJobIds.Register(manager);
        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs();
        Assert.That(jobs.Select(j => j.Id), Does.Contain(RecurringJobIds.Heartbeat));
        foreach (var job in jobs)
        {
            Assert.That(job.Job.Args.All(a => a is null or CancellationToken), Is.True, job.Id);
        }
    }
}
