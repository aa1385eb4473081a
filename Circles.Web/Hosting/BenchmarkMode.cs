using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Circles.Data.Sqlite;
using Dapper;

namespace Circles.Web.Hosting;

/// <summary>
/// For bench/run.sh only, and only with <c>Benchmark:Enabled=true</c>. A request sent with the header
/// <c>X-Bench-Record: NAME</c> has every SQL command it runs kept under NAME. Then <c>GET /_bench/baseline/NAME</c> runs
/// exactly those commands through Dapper, reading every value of every row, and writes a line of HTML. No MVC, sign-in, mediator or
/// Razor are involved, so the page's throughput divided by the baseline's is the cost of everything around the SQL.
/// </summary>
public static class BenchmarkMode
{
    public const string EnabledKey = "Benchmark:Enabled";
    public const string RecordHeader = "X-Bench-Record";

    private static readonly ConcurrentDictionary<string, IReadOnlyList<RecordedCommand>> Recordings = new(StringComparer.Ordinal);

    public static bool IsOn(IConfiguration configuration) => configuration.GetValue<bool>(EnabledKey);

    public static void AddServices(IServiceCollection services) =>
        services.AddSingleton<IDbConnectionFactory>(sp => new RecordingConnectionFactory(sp.GetRequiredService<SqliteConnectionFactory>(), recordAll: false));

    public static void UseRecorder(WebApplication app) => app.Use(async (context, next) =>
    {
        if (context.Request.Headers[RecordHeader].FirstOrDefault() is not { Length: > 0 and <= 40 } name)
        {
            await next(context);
            return;
        }

        var log = RecordingConnectionFactory.Capture();
        await next(context);
        Recordings[name] = [.. log];
    });

    public static void MapBaseline(WebApplication app) => app.MapGet("/_bench/baseline/{name}", async (string name, IServiceProvider services, HttpContext context, CancellationToken cancellationToken) =>
    {
        if (!Recordings.TryGetValue(name, out var commands))
        {
            return Results.NotFound();
        }

        var rows = 0;
        var timings = context.Request.Query.ContainsKey("timings") ? new StringBuilder() : null;
        // ?timings&repeat=N runs each command N times and shows the mean, for a warm figure.
        var repeat = timings is not null && int.TryParse(context.Request.Query["repeat"], out var times) ? Math.Clamp(times, 1, 10_000) : 1;
        await using (var connection = await services.GetRequiredService<SqliteConnectionFactory>().Open(cancellationToken))
        {
            foreach (var command in commands)
            {
                var parameters = new DynamicParameters();
                foreach (var (parameter, value) in command.Parameters)
                {
                    parameters.Add(parameter, value is DBNull ? null : value);
                }

                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                for (var time = 0; time < repeat; time++)
                {
                    await using (DbDataReader reader = await connection.ExecuteReaderAsync(new CommandDefinition(command.Sql, parameters, cancellationToken: cancellationToken)))
                    {
                        do
                        {
                            // Every value is read, as the page must: SQLite decodes text only when it is asked for.
                            var values = new object[reader.FieldCount];
                            while (await reader.ReadAsync(cancellationToken))
                            {
                                reader.GetValues(values);
                                rows++;
                            }
                        }
                        while (await reader.NextResultAsync(cancellationToken));
                    }
                }

                // ?timings shows how long each command took, and its query plan, to find the slow one behind a page.
                if (timings is not null)
                {
                    var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds / repeat;
                    var plan = command.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)
                        ? string.Join("\n           ", (await connection.QueryAsync(new CommandDefinition("EXPLAIN QUERY PLAN " + command.Sql, parameters, cancellationToken: cancellationToken)))
                            .Select(row => Convert.ToString(((IDictionary<string, object>)row)["detail"], System.Globalization.CultureInfo.InvariantCulture)))
                        : "";
                    timings.Append(System.Globalization.CultureInfo.InvariantCulture,
                        $"{elapsed,8:F2} ms  {System.Text.RegularExpressions.Regex.Replace(command.Sql, @"\s+", " ")}\n           {string.Join(", ", command.Parameters.Select(p => $"{p.Name}={p.Value}"))}\n           {plan}\n\n");
                }
            }
        }

        if (timings is not null)
        {
            return Results.Text(timings.ToString());
        }

        return Results.Content($"<!DOCTYPE html><html lang=\"en\"><title>{name}</title><p>{commands.Count} commands, {rows} rows</p></html>", "text/html", Encoding.UTF8);
    }).AllowAnonymous();
}
