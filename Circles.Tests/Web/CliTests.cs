using Circles.Tests.Support;
using Circles.Web.Cli;

namespace Circles.Tests.Web;

[NonParallelizable]
public sealed class CliTests
{
    private static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        var original = Console.Out;
        var error = Console.Error;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        Console.SetError(writer);
        try
        {
            var exit = await CliVerbs.Run(args);
            return (exit, writer.ToString());
        }
        finally
        {
            Console.SetOut(original);
            Console.SetError(error);
        }
    }

    private static string[] Config(TestDatabase db) =>
        [$"--ConnectionStrings:Circles={db.ConnectionString}", $"--Circles:DataPath={db.Folder}", "--Serilog:WriteTo:0:Args:restrictedToMinimumLevel=Warning"];

    [Test]
    public async Task Migrate_brings_a_new_database_up_to_date()
    {
        using var db = new TestDatabase(TestPaths.NewTempFolder("cli-migrate"));
        var (exit, output) = await Run(["migrate", .. Config(db)]);
        Assert.Multiple(async () =>
        {
            Assert.That(exit, Is.Zero, output);
            Assert.That(output, Does.Contain("up to date"));
            Assert.That(await db.Scalar<long>("SELECT max(version) FROM schema_migrations"), Is.GreaterThanOrEqualTo(5));
        });
    }

    [Test]
    public async Task Create_admin_makes_an_administrator_who_can_sign_in_and_setup_is_then_gone()
    {
        using var db = new TestDatabase(TestPaths.NewTempFolder("cli-admin"));
        var (exit, output) = await Run(["create-admin", "--email", "ops@example.org", "--name", "Olive Ops", .. Config(db)]);
        Assert.That(exit, Is.Zero, output);
        var password = output.Split('\n').Single(l => l.StartsWith("Password: ", StringComparison.Ordinal))["Password: ".Length..].Trim();

        await using var site = new CirclesFactory(db);
        using var session = new WebSession(site);
        await session.Get("/setup", System.Net.HttpStatusCode.NotFound);
        await session.SignIn("ops@example.org", password);
        Assert.That(await session.Get("/admin/users"), Does.Contain("Olive Ops"));
    }

    [Test]
    public async Task Create_admin_explains_what_is_wrong()
    {
        using var db = new TestDatabase(TestPaths.NewTempFolder("cli-admin-bad"));
        var (missing, missingOutput) = await Run(["create-admin", .. Config(db)]);
        var (bad, badOutput) = await Run(["create-admin", "--email", "not-an-email", "--name", "X", .. Config(db)]);
        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.EqualTo(2));
            Assert.That(missingOutput, Does.Contain("--email"));
            Assert.That(bad, Is.EqualTo(1));
            Assert.That(badOutput, Does.Contain("Email: Enter an email address in the correct format"));
        });
    }

    [Test]
    public async Task Seed_demo_creates_an_organisation_two_areas_and_a_user_per_role_and_can_run_twice()
    {
        using var db = new TestDatabase(TestPaths.NewTempFolder("cli-demo"));
        var (exit, output) = await Run(["seed-demo", .. Config(db)]);
        var (again, againOutput) = await Run(["seed-demo", .. Config(db)]);
        Assert.Multiple(async () =>
        {
            Assert.That(exit, Is.Zero, output);
            Assert.That(again, Is.Zero, againOutput);
            Assert.That(againOutput, Does.Contain("already exists"));
            Assert.That(await db.Scalar<long>("SELECT count(*) FROM areas"), Is.EqualTo(2));
            Assert.That(await db.Query<string>("SELECT role FROM user_roles ORDER BY role"), Is.EqualTo(new[] { "Administrator", "Connector", "Coordinator", "Volunteer" }));
        });

        var line = output.Split('\n').Single(l => l.Contains("connector@demo.circles.example", StringComparison.Ordinal));
        var password = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        await using var site = new CirclesFactory(db);
        using var session = new WebSession(site);
        await session.SignIn("connector@demo.circles.example", password);
    }

    [Test]
    public async Task Import_postcodes_reads_the_ONS_directory_and_Code_Point_Open_and_says_what_it_skipped()
    {
        using var db = new TestDatabase(TestPaths.NewTempFolder("cli-postcodes"));
        var onspd = Path.Combine(db.Folder, "onspd.csv");
        await File.WriteAllTextAsync(onspd,
            """
            pcd,pcd2,pcds,dointr,doterm,lat,long
            "EF1 2AB","EF1  2AB","EF1 2AB",198001,,51.501400,-0.141900
            "ef13cd","EF1  3CD","ef1 3cd",198001,,51.506400,-0.141900
            "ZZ991ZZ","ZZ99 1ZZ","ZZ99 1ZZ",198001,,99.999999,0.000000
            "NOTAPC","","not a postcode",198001,,51.5,-0.1
            """);
        var codePoint = Path.Combine(db.Folder, "codepoint");
        Directory.CreateDirectory(codePoint);
        // Code-Point Open: no heading line; postcode, positional quality, eastings, northings on the British National Grid.
        await File.WriteAllTextAsync(Path.Combine(codePoint, "sw.csv"),
            """
            "SW1A 1AA",10,529090,179645,"E92000001","E19000003","E18000007","","E09000033","E05013806"
            "SW1A 0ZZ",90,0,0,"E92000001","","","","",""
            """);

        var (exit, output) = await Run(["import-postcodes", onspd, codePoint, .. Config(db)]);

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("Imported 3 postcodes from 2 files").And.Contain("Skipped 2 postcodes with no location and 1 lines that are not postcodes"));
        Assert.That(output, Does.Contain("ZZ99 1ZZ no location given"));
        Assert.That(await db.Scalar<long>("SELECT count(*) FROM postcodes WHERE postcode IN ('EF1 2AB', 'EF1 3CD', 'SW1A 1AA')"), Is.EqualTo(3));
        Assert.That(await db.Scalar<long>("SELECT count(*) FROM postcodes WHERE postcode = 'ZZ99 1ZZ' OR latitude = 0 OR longitude = 0"), Is.Zero, "never a silent zero");
        // The grid reference lands on the ONS Postcode Directory's own latitude and longitude for SW1A 1AA, within a few metres.
        Assert.That(await db.Scalar<double>("SELECT latitude FROM postcodes WHERE postcode = 'SW1A 1AA'"), Is.EqualTo(51.501009).Within(0.0002));
        Assert.That(await db.Scalar<double>("SELECT longitude FROM postcodes WHERE postcode = 'SW1A 1AA'"), Is.EqualTo(-0.141588).Within(0.0003));
    }

    [Test]
    public async Task Import_postcodes_refuses_a_file_it_cannot_read_and_a_missing_one()
    {
        using var db = new TestDatabase(TestPaths.NewTempFolder("cli-postcodes-bad"));
        var file = Path.Combine(db.Folder, "people.csv");
        await File.WriteAllTextAsync(file, "name,age\nMary,80\n");
        var (exit, output) = await Run(["import-postcodes", file, .. Config(db)]);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("not one Circles can read"));

        (exit, output) = await Run(["import-postcodes", Path.Combine(db.Folder, "missing.csv"), .. Config(db)]);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Does.Contain("There is no file or folder"));
    }
}
