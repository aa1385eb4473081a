namespace Circles.Web.Hosting;

/// <summary>Brings the database up to date before the site takes its first request.</summary>
public sealed class MigrateOnStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => CirclesHost.PrepareDatabase(services, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
