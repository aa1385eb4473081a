using System.Globalization;
using System.Text;
using Circles.Core.People;
using Circles.Web.Infrastructure;

namespace Circles.Web.People;

/// <summary>
/// Draws the relationship circle: the person in the middle, four concentric rings, each name placed
/// in its ring. The same data is always shown as a table next to it, so the picture is never the
/// only way to read it.
/// </summary>
public static class RelationshipCircleSvg
{
    private const int Size = 520;
    private const double Centre = Size / 2.0;
    private static readonly double[] Bounds = [45, 105, 160, 210, 255];

    public static string Render(RelationshipCircle circle)
    {
        var svg = new StringBuilder();
        var summary = string.Join("; ", Enumerable.Range(1, 4).Select(ring =>
            $"ring {ring} ({Rings.Name(ring)}): {circle.Relationships.Count(r => r.Ring == ring)}"));
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"circles-relationships\" viewBox=\"0 0 {Size} {Size}\" role=\"img\" aria-labelledby=\"rc-title rc-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"rc-title\">Relationship circle for {Encode(circle.FullName)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"rc-desc\">People by ring: {Encode(summary)}. The table beside the picture lists everyone.</desc>");
        for (var ring = 4; ring >= 1; ring--)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle cx=\"{Centre}\" cy=\"{Centre}\" r=\"{Bounds[ring]}\" class=\"circles-ring circles-ring--{ring}\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Centre}\" y=\"{Centre + Bounds[ring] - 10}\" class=\"circles-ring-label\" text-anchor=\"middle\">{ring}. {Rings.Name(ring)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Centre}\" cy=\"{Centre}\" r=\"{Bounds[0]}\" class=\"circles-ring-centre\"/>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Centre}\" y=\"{Centre + 5}\" class=\"circles-ring-person\" text-anchor=\"middle\">{Encode(FirstName(circle.FullName))}</text>");
        for (var ring = 1; ring <= 4; ring++)
        {
            var people = circle.Relationships.Where(r => r.Ring == ring).ToList();
            var radius = (Bounds[ring - 1] + Bounds[ring]) / 2 + 4;
            for (var i = 0; i < people.Count; i++)
            {
                // Round the ring from bottom left, over the top, to bottom right: the bottom holds the ring's label.
                var angle = Math.PI * (0.7 + (1.6 * (i + 0.5) / people.Count));
                var x = Centre + (radius * Math.Cos(angle));
                var y = Centre + (radius * Math.Sin(angle));
                var person = people[i];
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{x:0.0}\" y=\"{y:0.0}\" text-anchor=\"middle\" class=\"circles-ring-name{(person.WouldLikeCloser ? " circles-ring-name--closer" : "")}\">" +
                    $"{Encode(Trim(person.Name))}{(person.WouldLikeCloser ? " ↑" : "")}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string FirstName(string fullName) => Trim(fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? fullName);

    private static string Trim(string name) => name.Length > 14 ? name[..13] + "…" : name;

    private static string Encode(string value) => Html.Encoder.Encode(value);
}
