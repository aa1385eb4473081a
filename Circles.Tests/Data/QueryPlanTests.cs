using System.Text.RegularExpressions;
using Circles.Data.Sqlite;
using Circles.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Circles.Tests.Data;

/// <summary>
/// With 100,000 people and 10,000 circles, the pages a connector uses most read through indexes:
/// no query behind them scans a large table from end to end.
/// </summary>
public sealed partial class QueryPlanTests
{
    private static readonly string[] LargeTables =
        ["people", "circles", "circle_members", "meetings", "actions", "introductions", "audit_events", "messages", "message_areas", "relationships", "person_interests"];

    [GeneratedRegex(@"^SCAN (?<table>\w+)(?! VIRTUAL TABLE)")]
    private static partial Regex FullScan();

    [GeneratedRegex(@"\b(?:FROM|JOIN)\s+(?<table>\w+)(?:\s+(?:AS\s+)?(?<alias>\w+))?", RegexOptions.IgnoreCase)]
    private static partial Regex TableAlias();

    // Plans name tables by their alias ("SCAN p"): map each alias back to its table.
    private static string TableOf(string nameInPlan, string sql) =>
        TableAlias().Matches(sql).Where(m => m.Groups["alias"].Value == nameInPlan).Select(m => m.Groups["table"].Value).FirstOrDefault() ?? nameInPlan;

    [Test]
    public async Task People_search_person_page_circle_list_and_home_page_use_indexes_at_scale()
    {
        using var db = await TestDatabase.CreateMigrated("query-plans");
        await db.Execute(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "bench", "seed-people-circles.sql")));
        Assert.That(await db.Scalar<long>("SELECT count(*) FROM people"), Is.EqualTo(100_000));
        Assert.That(await db.Scalar<long>("SELECT count(*) FROM circles"), Is.EqualTo(10_000));

        RecordingConnectionFactory? recorder = null;
        await using var site = new CirclesFactory(db, services: services => services.AddSingleton<IDbConnectionFactory>(sp =>
            recorder = new RecordingConnectionFactory(sp.GetRequiredService<SqliteConnectionFactory>())));
        var connector = await TestUsers.Create(site, "bench.connector@example.org", "Connector");
        await db.Execute("INSERT INTO user_areas (user_id, area_id) SELECT @Id, id FROM areas WHERE name = 'Bench area 1'", new { connector.Id });
        await db.Execute("UPDATE circles SET connector_user_id = @Id WHERE area_id = (SELECT id FROM areas WHERE name = 'Bench area 1')", new { connector.Id });
        using var session = new WebSession(site);
        await session.SignIn("bench.connector@example.org");
        var person = await db.Scalar<long>("SELECT focus_person_id FROM circles WHERE connector_user_id = @Id LIMIT 1", new { connector.Id });
        var circle = await db.Scalar<long>("SELECT id FROM circles WHERE connector_user_id = @Id LIMIT 1", new { connector.Id });

        // The check itself must be able to fail: a search on an unindexed column is a full scan.
        const string Unindexed = "SELECT p.id FROM people p WHERE p.notes LIKE '%tea%'";
        var plan = await Plan(db, new RecordedCommand(Unindexed, []));
        Assert.That(plan.Any(step => FullScan().Match(step) is { Success: true } m && TableOf(m.Groups["table"].Value, Unindexed) == "people"), Is.True, string.Join("; ", plan));

        var (checkedQueries, problems) = await FullScans(db, session, recorder!, LargeTables,
            ["/people", "/people?search=smith", "/people?search=EF1", "/people?page=40", $"/people/{person}", "/circles", "/circles?mine=true&status=active", $"/circles/{circle}", "/"]);
        Assert.That(checkedQueries, Is.GreaterThan(30), "the pages' queries were recorded");
        Assert.That(problems, Is.Empty);
    }

    /// <summary>
    /// The benchmark's key pages over the tier S seed (the same scheme as tiers M and L, smaller): no query behind them
    /// reads the whole of people, contacts, check-ins, messages or the audit log.
    /// </summary>
    [Test]
    public async Task The_benchmark_pages_read_no_large_table_end_to_end_at_tier_S()
    {
        using var db = await TestDatabase.CreateMigrated("query-plans-tier-s");
        RecordingConnectionFactory? recorder = null;
        await using var site = new CirclesFactory(db, services: services => services.AddSingleton<IDbConnectionFactory>(sp =>
            recorder = new RecordingConnectionFactory(sp.GetRequiredService<SqliteConnectionFactory>())));
        var hash = site.Services.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<Circles.Core.Accounts.CirclesUser>>()
            .HashPassword(new Circles.Core.Accounts.CirclesUser(), WebSession.DefaultPassword);
        await new Circles.Data.Seeding.TierSeeder(db.Factory).Seed(Circles.Data.Seeding.SeedTier.S, hash, CancellationToken.None);
        Assert.That(await db.Scalar<long>("SELECT count(*) FROM people"), Is.EqualTo(2_000));
        Assert.That(await db.Scalar<long>("SELECT count(*) FROM contacts") + await db.Scalar<long>("SELECT count(*) FROM check_ins"), Is.EqualTo(20_000));
        Assert.That(await db.Scalar<long>("SELECT count(*) FROM community_assets"), Is.EqualTo(1_000));
        Assert.That(await db.Scalar<long>("SELECT count(*) FROM volunteers"), Is.EqualTo(500));
        Assert.That(new FileInfo(Path.Combine(db.Folder, "circles.db-wal")).Length, Is.Zero,
            "the seed empties its write-ahead log, so the site's first write does not have to copy it in while it serves");

        using var session = new WebSession(site);
        await session.SignIn("bench.connector@example.org");
        var (checkedQueries, problems) = await FullScans(db, session, recorder!, 
            ["people", "contacts", "check_ins", "messages", "message_areas", "audit_events", "meeting_attendance", "meetings", "actions", "circle_members"], Circles.Data.Seeding.BenchmarkPages.Tier("S"));
        Assert.That(checkedQueries, Is.GreaterThan(20), "the pages' queries were recorded");
        Assert.That(problems, Is.Empty);

        // Each page reads a thing once: the circle page read its circle, members, meetings and actions twice (once to
        // show them, again to choose a facilitator), and each panel of the person page asked again whether the person
        // was in the viewer's reach.
        // And each query is compiled once, then kept (ADR 0016): SQLite compiles a statement again whenever a
        // parameter it planned with is bound afresh, as it does with a bound LIMIT, so every paged list was compiled
        // on every request. The check must be able to fail: a bound LIMIT recompiles.
        Assert.That(Recompiles(db, new RecordedCommand("SELECT id FROM people ORDER BY id LIMIT @Size", [("@Size", 5L)])), Is.GreaterThan(0));
        var recompiled = new List<string>();
        var repeats = new List<string>();
        foreach (var page in Circles.Data.Seeding.BenchmarkPages.Tier("S"))
        {
            while (recorder!.Commands.TryDequeue(out _))
            {
            }

            await session.Get(page);
            recompiled.AddRange(recorder.Commands
                .Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && Recompiles(db, c) > 0)
                .Select(c => $"{page}: {Regex.Replace(c.Sql, @"\s+", " ")[..Math.Min(120, c.Sql.Length)]}"));
            repeats.AddRange(recorder.Commands
                .Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                .GroupBy(c => c.Sql + "|" + string.Join(",", c.Parameters.Select(p => $"{p.Name}={p.Value}")))
                .Where(g => g.Count() > 1)
                .Select(g => $"{page}: {g.Count()} times {Regex.Replace(g.First().Sql, @"\s+", " ")[..Math.Min(120, g.First().Sql.Length)]}"));
        }

        Assert.That(repeats, Is.Empty);
        Assert.That(recompiled, Is.Empty, "queries SQLite compiles again each time they run");

        // Open Referral UK lists every public asset, so its unfiltered list reads the public assets in id order and stops
        // at the page; its count is the one triggers keep (migration 0037), not a walk of every public asset.
        while (recorder!.Commands.TryDequeue(out _))
        {
        }

        await session.Get("/api/oruk/services");
        Assert.That(recorder.Commands.Select(c => c.Sql), Has.None.Contains("asset_schedules").And.None.Contains("interests"),
            "a list of service summaries reads neither interests nor regular times, which it does not show");
        Assert.That(recorder.Commands.Select(c => c.Sql), Has.None.Contains("count(*)"), "the unfiltered count is kept, not counted");
        Assert.That(recorder.Commands.Select(c => c.Sql), Has.One.EqualTo("SELECT n FROM public_asset_count"));
    }

    private static async Task<(int Checked, List<string> Problems)> FullScans(
        TestDatabase db, WebSession session, RecordingConnectionFactory recorder, IReadOnlyCollection<string> largeTables, IEnumerable<string> pages)
    {
        var problems = new List<string>();
        var checkedQueries = 0;
        foreach (var page in pages)
        {
            while (recorder.Commands.TryDequeue(out _))
            {
            }

            await session.Get(page);
            foreach (var command in recorder.Commands.Where(c => c.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)))
            {
                checkedQueries++;
                foreach (var step in await Plan(db, command))
                {
                    var scan = FullScan().Match(step);
                    if (scan.Success && largeTables.Contains(TableOf(scan.Groups["table"].Value, command.Sql)))
                    {
                        problems.Add($"{page}: {step}\n    in: {Regex.Replace(command.Sql, @"\s+", " ")[..Math.Min(200, command.Sql.Length)]}");
                    }
                }
            }
        }

        return (checkedQueries, problems);
    }

    // SQLITE_STMTSTATUS_REPREPARE in sqlite3.h; SQLitePCL.raw names no constant for it.
    private const int StatementStatusReprepare = 5;

    /// <summary>How many times SQLite compiled the statement again when it was run twice with its own parameters.</summary>
    private static int Recompiles(TestDatabase db, RecordedCommand command)
    {
        using var connection = new SqliteConnection(db.ConnectionString);
        connection.Open();
        var handle = connection.Handle!;
        Assert.That(SQLitePCL.raw.sqlite3_prepare_v2(handle, command.Sql, out var statement), Is.EqualTo(SQLitePCL.raw.SQLITE_OK), command.Sql);
        using (statement)
        {
            for (var run = 0; run < 2; run++)
            {
                foreach (var (name, value) in command.Parameters)
                {
                    var index = SQLitePCL.raw.sqlite3_bind_parameter_index(statement, name.StartsWith('@') ? name : "@" + name);
                    _ = index == 0 ? 0 : value switch
                    {
                        null or DBNull => SQLitePCL.raw.sqlite3_bind_null(statement, index),
                        long or int or short or byte or bool => SQLitePCL.raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)),
                        double or float or decimal => SQLitePCL.raw.sqlite3_bind_double(statement, index, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
                        _ => SQLitePCL.raw.sqlite3_bind_text(statement, index, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
                    };
                }

                while (SQLitePCL.raw.sqlite3_step(statement) == SQLitePCL.raw.SQLITE_ROW)
                {
                }

                SQLitePCL.raw.sqlite3_reset(statement);
            }

            return SQLitePCL.raw.sqlite3_stmt_status(statement, StatementStatusReprepare, 0);
        }
    }

    private static async Task<IReadOnlyList<string>> Plan(TestDatabase db, RecordedCommand command)
    {
        await using var connection = await db.Factory.Open(CancellationToken.None);
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
        foreach (var (name, value) in command.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            explain.Parameters.Add(parameter);
        }

        var steps = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }
}
