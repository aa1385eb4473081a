using Circles.Data.Migrations;
using Circles.Tests.Support;

namespace Circles.Tests.Data;

public sealed class MigrationTests
{
    private static IEnumerable<(string, string)> Files(params string[] names) =>
        names.Select(n => (n, "-- does something\nCREATE TABLE t_" + n.Replace(".sql", "", StringComparison.Ordinal) + " (id INTEGER);"));

    [Test]
    public void The_migrations_folder_is_numbered_in_order_without_duplicates()
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, "migrations");
        var files = Directory.GetFiles(folder).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();
        Assert.That(files, Is.Not.Empty);
        Assert.That(() => MigrationSet.Parse(files), Throws.Nothing);
    }

    [Test]
    public void The_embedded_migrations_are_exactly_the_files_in_the_folder()
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, "migrations");
        var onDisk = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
        Assert.That(MigrationSet.Embedded().Select(m => m.FileName).Order().ToList(), Is.EqualTo(onDisk));
    }

    [Test]
    public void Duplicate_numbers_are_refused() =>
        Assert.That(() => MigrationSet.Parse(Files("0001_a.sql", "0002_b.sql", "0002_c.sql")),
            Throws.TypeOf<MigrationSetException>().With.Message.Contains("0002"));

    [Test]
    public void Gaps_in_numbering_are_refused() =>
        Assert.That(() => MigrationSet.Parse(Files("0001_a.sql", "0003_c.sql")),
            Throws.TypeOf<MigrationSetException>().With.Message.Contains("expected migration 0002"));

    [TestCase("1_short.sql")]
    [TestCase("0001-dashes.sql")]
    [TestCase("0001_CamelCase.sql")]
    [TestCase("0001_no_extension")]
    [TestCase("00001_five_digits.sql")]
    public void Badly_named_files_are_refused(string name) =>
        Assert.That(() => MigrationSet.Parse(Files(name)), Throws.TypeOf<MigrationSetException>().With.Message.Contains(name));

    [Test]
    public void A_migration_must_start_with_a_comment_saying_what_it_does() =>
        Assert.That(() => MigrationSet.Parse([("0001_a.sql", "CREATE TABLE a (id INTEGER);")]),
            Throws.TypeOf<MigrationSetException>().With.Message.Contains("first line must be a comment"));

    [Test]
    public async Task Each_migration_runs_in_its_own_transaction_and_a_failure_keeps_earlier_ones()
    {
        using var db = new TestDatabase(TestPaths.NewTempFolder("migration-failure"));
        var scripts = MigrationSet.Parse([
            ("0001_first.sql", "-- first\nCREATE TABLE first (id INTEGER PRIMARY KEY);"),
            ("0002_broken.sql", "-- broken half way\nCREATE TABLE second (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);"),
        ]);
        var runner = new MigrationRunner(db.Factory, TimeProvider.System) { Scripts = scripts };

        Assert.That(() => runner.Apply(CancellationToken.None), Throws.Exception);

        var tables = await db.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        Assert.Multiple(async () =>
        {
            Assert.That(tables, Does.Contain("first"));
            Assert.That(tables, Does.Not.Contain("second"), "the failed migration's first statement must roll back");
            Assert.That(await db.Scalar<long>("SELECT max(version) FROM schema_migrations"), Is.EqualTo(1));
            Assert.That((await runner.Status(CancellationToken.None)).Pending, Is.EqualTo(new[] { "0002_broken.sql" }));
        });
    }

    [Test]
    public async Task Applying_twice_does_nothing_the_second_time()
    {
        using var db = await TestDatabase.CreateMigrated("migration-twice");
        var runner = new MigrationRunner(db.Factory, TimeProvider.System);
        Assert.That(await runner.Apply(CancellationToken.None), Is.Empty);
        Assert.That((await runner.Status(CancellationToken.None)).IsCurrent, Is.True);
    }

    [Test]
    public async Task An_edited_migration_stops_start_up()
    {
        using var db = new TestDatabase(TestPaths.NewTempFolder("migration-edited"));
        await new MigrationRunner(db.Factory, TimeProvider.System) { Scripts = MigrationSet.Parse([("0001_a.sql", "-- a\nCREATE TABLE a (id INTEGER);")]) }
            .Apply(CancellationToken.None);
        var edited = new MigrationRunner(db.Factory, TimeProvider.System) { Scripts = MigrationSet.Parse([("0001_a.sql", "-- a, edited\nCREATE TABLE a (id INTEGER);")]) };
        Assert.That(() => edited.Apply(CancellationToken.None), Throws.TypeOf<MigrationSetException>().With.Message.Contains("has changed"));
    }
}
