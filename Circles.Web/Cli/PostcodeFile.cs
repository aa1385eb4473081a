using System.Globalization;
using Circles.Core.Common;
using Circles.Core.Matching;
using CsvHelper;
using CsvHelper.Configuration;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace Circles.Web.Cli;

/// <summary>One line of a postcode file: a centroid, or why there is none.</summary>
public sealed record PostcodeLine(int Line, string? Postcode, Location? Centroid, string? Problem);

/// <summary>
/// Reads postcode centroids from the files councils can get without a network call at run time:
/// <list type="bullet">
/// <item>the ONS Postcode Directory (ONSPD) CSV: a heading line with <c>pcds</c> (or <c>pcd</c>), <c>lat</c> and <c>long</c>;
/// a postcode with no grid reference has lat 99.999999, and is skipped;</item>
/// <item>OS Code-Point Open CSV: no heading line; column 1 the postcode, 2 the positional quality, 3 eastings and 4 northings
/// on the British National Grid, turned into WGS84 latitude and longitude (quality 90, no coordinates, is skipped);</item>
/// <item>any CSV with a heading line naming <c>postcode</c>, <c>latitude</c> and <c>longitude</c>.</item>
/// </list>
/// </summary>
public static class PostcodeFile
{
    // EPSG:27700 with the OSGB36→WGS84 Helmert parameters: good to a few metres, plenty for a postcode's centre.
    private const string BritishNationalGrid =
        """
        PROJCS["OSGB 1936 / British National Grid",GEOGCS["OSGB 1936",DATUM["OSGB_1936",SPHEROID["Airy 1830",6377563.396,299.3249646],
        TOWGS84[446.448,-125.157,542.06,0.15,0.247,0.842,-20.489]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],
        PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",49],PARAMETER["central_meridian",-2],
        PARAMETER["scale_factor",0.9996012717],PARAMETER["false_easting",400000],PARAMETER["false_northing",-100000],UNIT["metre",1]]
        """;

    private static readonly Lazy<MathTransform> GridToWgs84 = new(() =>
    {
        var grid = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(BritishNationalGrid.ReplaceLineEndings(""));
        return new CoordinateTransformationFactory().CreateFromCoordinateSystems(grid, GeographicCoordinateSystem.WGS84).MathTransform;
    });

    /// <summary>WGS84 latitude and longitude of a British National Grid easting and northing.</summary>
    public static Location FromGrid(double easting, double northing)
    {
        var (longitude, latitude) = GridToWgs84.Value.Transform(easting, northing);
        return new Location(Math.Round(latitude, 6), Math.Round(longitude, 6));
    }

    public static IEnumerable<PostcodeLine> Read(TextReader text)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false, BadDataFound = null, MissingFieldFound = null };
        using var csv = new CsvReader(text, configuration);
        int? postcodeAt = null, latitudeAt = null, longitudeAt = null;
        var codePoint = false;
        while (csv.Read())
        {
            var fields = csv.Parser.Record ?? [];
            var line = csv.Parser.Row;
            if (postcodeAt is null && !codePoint)
            {
                var names = fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
                postcodeAt = First(names, "pcds", "pcd", "postcode");
                latitudeAt = First(names, "lat", "latitude");
                longitudeAt = First(names, "long", "longitude");
                if (postcodeAt is not null && latitudeAt is not null && longitudeAt is not null)
                {
                    continue;
                }

                if (fields.Length >= 4 && UkFormats.NormalisePostcode(fields[0]) is not null)
                {
                    codePoint = true;
                }
                else
                {
                    throw new InvalidDataException(
                        "The file is not one Circles can read: use the ONS Postcode Directory CSV (columns pcds, lat, long), " +
                        "an OS Code-Point Open CSV, or a CSV whose first line names postcode, latitude and longitude");
                }
            }

            yield return codePoint ? CodePoint(line, fields) : Named(line, fields, postcodeAt!.Value, latitudeAt!.Value, longitudeAt!.Value);
        }
    }

    private static int? First(List<string> names, params string[] wanted) =>
        wanted.Select(w => names.IndexOf(w)).Where(i => i >= 0).Select(i => (int?)i).FirstOrDefault();

    private static PostcodeLine Named(int line, string[] fields, int postcodeAt, int latitudeAt, int longitudeAt)
    {
        var raw = postcodeAt < fields.Length ? fields[postcodeAt] : "";
        if (UkFormats.NormalisePostcode(raw) is not { } postcode)
        {
            return new PostcodeLine(line, null, null, $"“{Shorten(raw)}” is not a postcode");
        }

        var latitude = latitudeAt < fields.Length ? Number(fields[latitudeAt]) : null;
        var longitude = longitudeAt < fields.Length ? Number(fields[longitudeAt]) : null;
        // ONSPD marks a postcode with no grid reference as latitude 99.999999 (and longitude 0): never a real place.
        if (latitude is null || longitude is null || latitude > 90 || latitude < 49 || latitude > 61 || longitude < -9 || longitude > 2)
        {
            return new PostcodeLine(line, postcode, null, "no location given");
        }

        return new PostcodeLine(line, postcode, new Location(latitude.Value, longitude.Value), null);
    }

    private static PostcodeLine CodePoint(int line, string[] fields)
    {
        if (UkFormats.NormalisePostcode(fields.Length > 0 ? fields[0] : null) is not { } postcode)
        {
            return new PostcodeLine(line, null, null, $"“{Shorten(fields.Length > 0 ? fields[0] : "")}” is not a postcode");
        }

        var quality = fields.Length > 1 ? fields[1].Trim() : "";
        var easting = fields.Length > 2 ? Number(fields[2]) : null;
        var northing = fields.Length > 3 ? Number(fields[3]) : null;
        if (quality == "90" || easting is not (> 0 and < 700_000) || northing is not (> 0 and < 1_300_000))
        {
            return new PostcodeLine(line, postcode, null, "no location given");
        }

        return new PostcodeLine(line, postcode, FromGrid(easting.Value, northing.Value), null);
    }

    private static double? Number(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
