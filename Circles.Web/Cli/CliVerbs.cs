using System.Security.Cryptography;
using Circles.Core.Accounts;
using Circles.Core.Areas;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Settings;
using Circles.Web.Accounts;
using Circles.Web.Hosting;

namespace Circles.Web.Cli;

/// <summary>
/// Command-line verbs for servers: `dotnet Circles.Web.dll VERB [options]`. Configuration options
/// (such as --ConnectionStrings:Circles=…) work as they do for the site.
/// </summary>
public static class CliVerbs
{
    private static readonly string[] Verbs = ["migrate", "create-admin", "seed-demo", "seed", "dispatch", "import-postcodes", "help", "--help"];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> Run(string[] args)
    {
        var verb = args[0];
        if (verb is "help" or "--help")
        {
            PrintHelp();
            return 0;
        }

        // Files are the verb's own arguments; anything starting with -- is configuration or an option.
        var files = verb == "import-postcodes" ? args[1..].Where(a => !a.StartsWith('-')).ToList() : [];
        var options = ParseOptions(args[1..].Where(a => !files.Contains(a)).ToArray(), out var configurationArgs);
        var builder = CirclesHost.CreateBuilder(configurationArgs);
        builder.Configuration["Hangfire:ServerEnabled"] = "false";
        CirclesHost.AddCircles(builder);
        await using var app = builder.Build();
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            await CirclesHost.PrepareDatabase(app.Services, cancel.Token);
            await using var scope = app.Services.CreateAsyncScope();
            return verb switch
            {
                "migrate" => Migrated(),
                "create-admin" => await CreateAdmin(scope.ServiceProvider, options, cancel.Token),
                "seed-demo" => await SeedDemo(scope.ServiceProvider, cancel.Token),
                "seed" => await SeedTier(scope.ServiceProvider, options, cancel.Token),
                "dispatch" => await Dispatch(scope.ServiceProvider, cancel.Token),
                "import-postcodes" => await ImportPostcodes(scope.ServiceProvider, files, cancel.Token),
                _ => 2,
            };
        }
        catch (ValidationException invalid)
        {
            foreach (var failure in invalid.Failures)
            {
                await Console.Error.WriteLineAsync($"{failure.Field}: {failure.Message}");
            }

            return 1;
        }
    }

    private static async Task<int> Dispatch(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<Core.Messaging.DispatchOptions>();
        options.EmailsPerMinute = options.TextsPerMinute = int.MaxValue;
        var mediator = services.GetRequiredService<IMediator>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await mediator.Send(new Core.Messaging.DispatchDueMessagesCommand(), cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"Sent {result.Sent}, retrying {result.Retrying}, failed {result.Failed}, not sent {result.NotSent}, waiting {result.Waiting} " +
            $"in {seconds:F2} s ({result.Claimed / Math.Max(seconds, 0.001):F0} messages per second)");
        return 0;
    }

    private static async Task<int> ImportPostcodes(IServiceProvider services, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            await Console.Error.WriteLineAsync("import-postcodes needs a FILE: an ONS Postcode Directory CSV, or an OS Code-Point Open CSV or folder of them");
            return 2;
        }

        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                await Console.Error.WriteLineAsync($"There is no file or folder at {path}");
                return 2;
            }
        }

        var store = services.GetRequiredService<Core.Assets.IPostcodeStore>();
        var (saved, unlocated, unreadable) = (0, 0, 0);
        var examples = new List<string>();
        var batch = new List<(string, Core.Matching.Location)>(10_000);
        foreach (var file in files)
        {
            using var reader = new StreamReader(file);
            try
            {
                foreach (var line in PostcodeFile.Read(reader))
                {
                    if (line.Centroid is { } centroid)
                    {
                        batch.Add((line.Postcode!, centroid));
                        if (batch.Count == batch.Capacity)
                        {
                            saved += await store.Save(batch, cancellationToken);
                            batch.Clear();
                        }
                    }
                    else
                    {
                        _ = line.Postcode is null ? unreadable++ : unlocated++;
                        if (examples.Count < 5)
                        {
                            examples.Add($"{Path.GetFileName(file)} line {line.Line}: {line.Postcode ?? ""} {line.Problem}".Replace("  ", " ", StringComparison.Ordinal));
                        }
                    }
                }
            }
            catch (InvalidDataException unknown)
            {
                // Code-Point Open's folder also holds a column-headings file: say so and go on with the rest.
                await Console.Error.WriteLineAsync($"Skipped {file}: {unknown.Message}");
            }
        }

        saved += await store.Save(batch, cancellationToken);
        Console.WriteLine($"Imported {saved:N0} postcodes from {files.Count} {(files.Count == 1 ? "file" : "files")}; {await store.Count(cancellationToken):N0} are now known.");
        if (unlocated + unreadable > 0)
        {
            Console.WriteLine($"Skipped {unlocated:N0} postcodes with no location and {unreadable:N0} lines that are not postcodes, for example:");
            examples.ForEach(e => Console.WriteLine("  " + e));
        }

        return saved > 0 ? 0 : 1;
    }

    private static int Migrated()
    {
        Console.WriteLine("The database is up to date.");
        return 0;
    }

    /// <summary>Fills an empty database with a benchmark tier. Every seeded user shares one password, read or made here.</summary>
    private static async Task<int> SeedTier(IServiceProvider services, IReadOnlyDictionary<string, string> options, CancellationToken cancellationToken)
    {
        if (Data.Seeding.SeedTier.Named(options.GetValueOrDefault("tier")) is not { } tier)
        {
            await Console.Error.WriteLineAsync("seed needs --tier S, M or L");
            return 2;
        }

        var generated = !options.ContainsKey("password-stdin");
        var password = generated ? NewPassword() : (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n') ?? "";
        var failures = new Failures();
        UserAccounts.CheckNewPassword(password, password, "bench.connector@example.org", "Bench connector", failures);
        if (failures.Any)
        {
            throw new ValidationException(failures.All);
        }

        var hash = services.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<CirclesUser>>().HashPassword(new CirclesUser(), password);
        var seeder = new Data.Seeding.TierSeeder(services.GetRequiredService<Data.Sqlite.IDbConnectionFactory>());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            foreach (var (table, rows, took) in await seeder.Seed(tier, hash, cancellationToken))
            {
                Console.WriteLine($"  {table,-22} {rows,12:N0} rows  {took.TotalSeconds,7:F1} s");
            }
        }
        catch (InvalidOperationException refused)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            return 1;
        }

        services.GetRequiredService<Infrastructure.SetupState>().MarkComplete();
        Console.WriteLine($"Seeded tier {tier.Name} in {watch.Elapsed.TotalSeconds:F1} s. Sign in as bench.connector@example.org, bench.coordinator@example.org or bench.admin@example.org.");
        if (generated)
        {
            Console.WriteLine($"Password for every seeded user: {password}");
        }

        return 0;
    }

    private static async Task<int> CreateAdmin(IServiceProvider services, IReadOnlyDictionary<string, string> options, CancellationToken cancellationToken)
    {
        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("name", out var name))
        {
            await Console.Error.WriteLineAsync("create-admin needs --email ADDRESS and --name \"FULL NAME\" (and optionally --password-stdin)");
            return 2;
        }

        string password;
        var generated = false;
        if (options.ContainsKey("password-stdin"))
        {
            password = (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n') ?? "";
        }
        else
        {
            password = NewPassword();
            generated = true;
        }

        var failures = new Failures();
        UserAccounts.CheckDetails(name, email, failures);
        UserAccounts.CheckNewPassword(password, password, email, name, failures);
        if (failures.Any)
        {
            throw new ValidationException(failures.All);
        }

        var accounts = services.GetRequiredService<UserAccounts>();
        var user = await accounts.Create(name, email, password, [Roles.Administrator], cancellationToken);
        await services.GetRequiredService<IAuditLog>().Record(
            new AuditEntry(AuditActions.UserCreated, "user", user.Id.ToString(), "Administrator created with the create-admin command"), cancellationToken);
        services.GetRequiredService<Infrastructure.SetupState>().MarkComplete();
        Console.WriteLine($"Created administrator {user.Email} (user {user.Id}).");
        if (generated)
        {
            Console.WriteLine($"Password: {password}");
            Console.WriteLine("Keep it somewhere safe; it is not shown again.");
        }

        return 0;
    }

    private static async Task<int> SeedDemo(IServiceProvider services, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<ISettingsStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var current = await settings.GetAll(cancellationToken);
        if (!current.ContainsKey(SettingKeys.OrganisationName))
        {
            await settings.Set(SettingKeys.OrganisationName, "Eastfield Community Circles (demo)", clock.GetUtcNow(), cancellationToken);
        }

        var areas = services.GetRequiredService<IAreaStore>();
        var areaIds = new List<long>();
        foreach (var areaName in new[] { "Eastfield", "Northside" })
        {
            var existing = (await areas.List(cancellationToken)).FirstOrDefault(a => string.Equals(a.Name, areaName, StringComparison.OrdinalIgnoreCase));
            areaIds.Add(existing?.Id ?? await areas.Add(areaName, clock.GetUtcNow(), cancellationToken));
        }

        var accounts = services.GetRequiredService<UserAccounts>();
        var directory = services.GetRequiredService<IUserDirectory>();
        var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CirclesUser>>();
        Console.WriteLine("Demo organisation, areas Eastfield and Northside, and one user per role:");
        Console.WriteLine();
        foreach (var role in Roles.All)
        {
            var email = $"{role.ToLowerInvariant()}@demo.circles.example";
            if (await users.FindByEmailAsync(email) is not null)
            {
                Console.WriteLine($"  {role,-14} {email,-40} (already exists; password unchanged)");
                continue;
            }

            var password = NewPassword();
            var user = await accounts.Create($"Demo {role}", email, password, [role], cancellationToken);
            if (role is Roles.Coordinator or Roles.Connector or Roles.Volunteer)
            {
                await directory.ReplaceAreas(user.Id, [areaIds[0]], cancellationToken);
            }

            Console.WriteLine($"  {role,-14} {email,-40} {password}");
        }

        services.GetRequiredService<Infrastructure.SetupState>().MarkComplete();
        Console.WriteLine();
        Console.WriteLine("Sign in at /account/sign-in with any of these. The passwords are not shown again.");
        return 0;
    }

    /// <summary>20 random characters: well over the policy's length, never on a common-password list.</summary>
    private static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');

    private static Dictionary<string, string> ParseOptions(string[] args, out string[] configurationArgs)
    {
        var ours = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var key = arg.TrimStart('-');
            if (key is "email" or "name" or "tier" && i + 1 < args.Length)
            {
                ours[key] = args[++i];
            }
            else if (key == "password-stdin")
            {
                ours[key] = "true";
            }
            else
            {
                rest.Add(arg);
            }
        }

        configurationArgs = [.. rest];
        return ours;
    }

    private static void PrintHelp() => Console.WriteLine("""
        Circles command-line verbs (run from Circles.Web, or with the published Circles.Web.dll):

          migrate                         apply pending database migrations and exit
          create-admin --email ADDRESS --name "FULL NAME" [--password-stdin]
                                          create an administrator; prints a generated password
                                          unless one is read from standard input
          seed-demo                       create a demo organisation, two areas and one user per
                                          role, printing their passwords
          seed --tier S|M|L [--password-stdin]
                                          fill an empty database with a deterministic benchmark
                                          scheme (S: 2,000 people; M: 20,000 people and a million
                                          contacts and check-ins; L: 100,000 people, 5 million and
                                          10 million audit rows); every seeded user shares one password
          dispatch                        send every message that is due now, ignoring the per-minute
                                          limits, and print how many went and how fast (the scheduler
                                          does this every minute; see bench/dispatch.sh)
          import-postcodes FILE|FOLDER…   load postcode centroids for distances and the map: the ONS
                                          Postcode Directory CSV (columns pcds, lat, long), OS Code-Point
                                          Open CSVs (postcode, quality, eastings, northings; no heading
                                          line) or a CSV headed postcode,latitude,longitude
          help                            show this help

        Any configuration setting can follow, for example --ConnectionStrings:Circles="Data Source=/srv/circles.db".
        """);
}
