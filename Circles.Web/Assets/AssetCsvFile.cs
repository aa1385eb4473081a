using System.Globalization;
using System.Text;
using Circles.Core.Assets;
using Circles.Core.Common;
using CsvHelper;
using CsvHelper.Configuration;
using Circles.Web.Infrastructure;
using ValidationException = Circles.Core.Common.ValidationException;

namespace Circles.Web.Assets;

/// <summary>
/// Reads and writes the asset CSV file (columns in <see cref="AssetCsv.Columns"/>, a heading line first, lists split
/// by semicolons). Reading only turns text into rows with their line numbers; the rules are Core's.
/// </summary>
public static class AssetCsvFile
{
    private static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture)
    {
        PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
        TrimOptions = TrimOptions.None,
        DetectColumnCountChanges = false,
        BadDataFound = null,
        MissingFieldFound = null,
    };

    public static IReadOnlyList<AssetCsvRow> Read(Stream stream)
    {
        // Bytes that are not UTF-8 (Excel's plain "CSV" is Windows-1252) are refused, never turned silently into �.
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, Configuration);
        var rows = new List<AssetCsvRow>();
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            {
                throw ValidationException.For("File", "The file is empty: the first line must name the columns, like name,kind,area");
            }

            var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
            var missing = AssetCsv.Required.Where(c => !columns.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                throw ValidationException.For("File", $"The first line must name the columns: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} missing. Download an export to see them all");
            }

            // A file that changes assets must say everything about them: a missing column would otherwise wipe what is stored.
            var absent = AssetCsv.Columns.Where(c => !columns.Contains(c)).ToList();
            if (columns.Contains("id") && absent.Count > 0)
            {
                throw ValidationException.For("File",
                    $"A file with an id column changes assets, so it needs every column; {string.Join(", ", absent)} {(absent.Count == 1 ? "is" : "are")} missing. Start from a downloaded file");
            }

            while (csv.Read())
            {
                if (rows.Count >= AssetCsv.MaxRows)
                {
                    throw ValidationException.For("File", $"The file has more than {AssetCsv.MaxRows:N0} assets: import at most {AssetCsv.MaxRows:N0} at a time");
                }

                string? Field(string name) =>
                    columns.Contains(name) && csv.TryGetField<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) ? Spreadsheet.Unescape(value) : null;
                var line = csv.Parser.Row;
                if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                rows.Add(new AssetCsvRow
                {
                    Line = line,
                    Id = Field("id"),
                    Name = Field("name"),
                    Kind = Field("kind")?.Trim().ToLowerInvariant(),
                    Description = Field("description"),
                    Tags = Field("tags")?.Replace(';', ','),
                    Address = Field("address"),
                    Postcode = Field("postcode"),
                    Latitude = Field("latitude"),
                    Longitude = Field("longitude"),
                    ScheduleFreq = Field("schedule_freq"),
                    ScheduleInterval = Field("schedule_interval"),
                    ScheduleByDay = Field("schedule_byday"),
                    OpensAt = Field("opens_at"),
                    ClosesAt = Field("closes_at"),
                    ContactName = Field("contact_name"),
                    ContactEmail = Field("contact_email"),
                    ContactPhone = Field("contact_phone"),
                    Website = Field("website"),
                    Cost = Field("cost"),
                    Accessibility = (Field("accessibility") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => a.ToLowerInvariant()).ToList(),
                    Status = Field("status")?.Trim().ToLowerInvariant() ?? AssetStatuses.Active,
                    Area = Field("area"),
                    LastVerifiedOn = Field("last_verified_on"),
                });
            }
        }
        catch (CsvHelperException problem)
        {
            throw ValidationException.For("File", $"Line {problem.Context?.Parser?.Row}: the line cannot be read as CSV. Check its quotation marks");
        }
        catch (DecoderFallbackException)
        {
            throw ValidationException.For("File", "The file is not plain text: save it from your spreadsheet as “CSV UTF-8”");
        }

        return rows;
    }

    public static async Task Write(IAsyncEnumerable<AssetDetails> assets, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, Configuration);
        foreach (var column in AssetCsv.Columns)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        await foreach (var asset in assets.WithCancellation(cancellationToken))
        {
            var schedule = asset.Schedules.Count > 0 ? asset.Schedules[0] : null;
            foreach (var value in new[]
            {
                asset.Uid, asset.Name, asset.Kind, asset.Description, string.Join("; ", asset.Tags), asset.Address, asset.Postcode,
                asset.Latitude?.ToString("0.######", CultureInfo.InvariantCulture), asset.Longitude?.ToString("0.######", CultureInfo.InvariantCulture),
                schedule?.Freq, schedule?.Interval.ToString(CultureInfo.InvariantCulture), schedule?.ByDay,
                schedule?.OpensAt?.ToString("HH:mm", CultureInfo.InvariantCulture), schedule?.ClosesAt?.ToString("HH:mm", CultureInfo.InvariantCulture),
                asset.ContactName, asset.ContactEmail, asset.ContactPhone, asset.Website, asset.Cost, string.Join("; ", asset.Accessibility),
                asset.Status, asset.AreaName, asset.LastVerifiedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            })
            {
                csv.WriteField(Spreadsheet.Safe(value));
            }

            await csv.NextRecordAsync();
        }
    }
}
