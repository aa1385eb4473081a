using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Circles.Data.Migrations;

public sealed record MigrationScript(int Version, string Name, string Sql)
{
    public string FileName => $"{Version:D4}_{Name}.sql";

    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n")))).ToLowerInvariant();
}

public sealed class MigrationSetException(string message) : Exception(message);

public static partial class MigrationSet
{
    [GeneratedRegex(@"^(?<version>\d{4})_(?<name>[a-z0-9]+(?:_[a-z0-9]+)*)\.sql$")]
    private static partial Regex FileNamePattern();

    /// <summary>
    /// Checks a set of migration files: names like 0007_add_things.sql, numbered 0001 upwards with
    /// no gaps or repeats, each starting with a comment that says what it does.
    /// </summary>
    public static IReadOnlyList<MigrationScript> Parse(IEnumerable<(string FileName, string Sql)> files)
    {
        var scripts = new List<MigrationScript>();
        var problems = new List<string>();
        foreach (var (fileName, sql) in files)
        {
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                problems.Add($"{fileName}: name must be NNNN_snake_case.sql");
                continue;
            }

            if (!sql.TrimStart().StartsWith("--", StringComparison.Ordinal))
            {
                problems.Add($"{fileName}: first line must be a comment saying what the migration does");
            }

            scripts.Add(new MigrationScript(int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture), match.Groups["name"].Value, sql));
        }

        foreach (var duplicate in scripts.GroupBy(s => s.Version).Where(g => g.Count() > 1))
        {
            problems.Add($"version {duplicate.Key:D4} is used by {string.Join(" and ", duplicate.Select(s => s.FileName))}");
        }

        var ordered = scripts.OrderBy(s => s.Version).ToList();
        var expected = 1;
        foreach (var version in ordered.Select(s => s.Version).Distinct())
        {
            if (version != expected)
            {
                problems.Add($"expected migration {expected:D4} but found {version:D4}: numbers must run 0001, 0002, … with no gaps");
                break;
            }

            expected++;
        }

        if (problems.Count > 0)
        {
            throw new MigrationSetException("Migration files are not in order: " + string.Join("; ", problems));
        }

        return ordered;
    }

    /// <summary>The migrations compiled into this assembly from the top-level migrations/ folder.</summary>
    public static IReadOnlyList<MigrationScript> Embedded()
    {
        var assembly = typeof(MigrationSet).Assembly;
        var files = new List<(string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            files.Add((resource["migrations/".Length..], reader.ReadToEnd()));
        }

        return Parse(files);
    }
}
