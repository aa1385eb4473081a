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
}
