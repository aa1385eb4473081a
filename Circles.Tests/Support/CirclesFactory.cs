using Circles.Data.Settings;
using Circles.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Support;

/// <summary>
/// The real site on a temporary SQLite file, with the Hangfire server off. Tests reset the
/// database between them; <see cref="Reset"/> also forgets cached settings and set-up state.
/// </summary>
public sealed class CirclesFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _services;

    public CirclesFactory(TestDatabase database, IDictionary<string, string?>? overrides = null, bool kestrel = false, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Database = database;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Circles"] = database.ConnectionString,
            ["Circles:DataPath"] = database.Folder,
            ["Hangfire:ServerEnabled"] = "false",
            ["Circles:PublicBaseUrl"] = "https://circles.example.org.uk",
            ["Security:SignInPermitsPerIpPerMinute"] = "100000",
            ["Security:SignInPermitsPerAccountPerMinute"] = "100000",
            ["Security:OpenDataPermitsPerIpPerMinute"] = "100000",
            ["Security:PublicFormPermitsPerIpPerMinute"] = "100000",
            ["Serilog:WriteTo:0:Args:restrictedToMinimumLevel"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        Kestrel = kestrel;
        if (kestrel)
        {
            UseKestrel(0);
        }
        else
        {
            ClientOptions.BaseAddress = new Uri("https://localhost");
        }
    }

    public TestDatabase Database { get; }

    public bool Kestrel { get; }

    public string LogFolder => Path.Combine(Database.Folder, "logs");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The address of the Kestrel server (browser tests).</summary>
    public string ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        }
    }

    public async Task Reset()
    {
        await Database.Reset();
        Services.GetRequiredService<SettingsStore>().Forget();
        Services.GetRequiredService<SetupState>().Reset();
    }
}
