using System.Globalization;
using System.Text;
using Circles.Core.CheckIns;
using Circles.Core.Common;
using Circles.Web.Infrastructure;

namespace Circles.Web.CheckIns;

/// <summary>
/// Draws how someone's answers have changed: one point per check-in, oldest on the left, lonelier higher up.
/// Each point has its own title, and the page always shows the same numbers as a table, so the picture is never
/// the only way to read them.
/// </summary>
public static class LonelinessChartSvg
{
    private const int Width = 640;
    private const int Height = 280;
    private const int Left = 150;
    private const int Right = 20;
    private const int Top = 20;
    private const int Bottom = 50;

    /// <summary>The ONS direct question: five answers, "Often/always" at the top.</summary>
    public static string OnsDirect(string id, IReadOnlyList<(DateTimeOffset TakenAt, AnswerOption Answer)> points)
    {
        var options = OnsDirectQuestion.Question.Options;
        // Scores run 1 (often/always) to 5 (never); the top of the chart is the loneliest answer.
        var levels = options.Select(o => (o.Score, o.Wording)).ToList();
        var summary = points.Count == 0 ? "No answers yet." :
            $"{points.Count} answers from {Display.Date(points[0].TakenAt)} to {Display.Date(points[^1].TakenAt)}. First: {points[0].Answer.Wording}. Latest: {points[^1].Answer.Wording}.";
        return Render(id, "How often do you feel lonely?", summary, levels, minimum: 1, maximum: 5, lonelierIsHigher: false,
            points.Select(p => (p.TakenAt, p.Answer.Score, p.Answer.Wording)).ToList());
    }

    /// <summary>UCLA 3-item scores, 3 to 9, higher is lonelier, with the organisation's threshold marked.</summary>
    public static string Ucla(string id, IReadOnlyList<(DateTimeOffset TakenAt, int Score)> points, int threshold)
    {
        var levels = Enumerable.Range(Ucla3.MinimumScore, Ucla3.MaximumScore - Ucla3.MinimumScore + 1)
            .Select(s => (s, s == threshold ? $"{s} (threshold)" : s.ToString(CultureInfo.InvariantCulture))).ToList();
        var summary = points.Count == 0 ? "No scores yet." :
            $"{points.Count} scores from {Display.Date(points[0].TakenAt)} to {Display.Date(points[^1].TakenAt)}. First: {points[0].Score}. Latest: {points[^1].Score}. Follow-up threshold: {threshold}.";
        return Render(id, "UCLA loneliness score (3 to 9, higher is lonelier)", summary, levels, Ucla3.MinimumScore, Ucla3.MaximumScore, lonelierIsHigher: true,
            points.Select(p => (p.TakenAt, p.Score, p.Score.ToString(CultureInfo.InvariantCulture))).ToList());
    }

    private static string Render(
        string id, string title, string summary, IReadOnlyList<(int Value, string Label)> levels, int minimum, int maximum, bool lonelierIsHigher,
        IReadOnlyList<(DateTimeOffset At, int Value, string Label)> points)
    {
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double Y(int value)
        {
            var fraction = (double)(value - minimum) / (maximum - minimum);
            return Top + (lonelierIsHigher ? 1 - fraction : fraction) * plotHeight;
        }

        double X(int index) => points.Count == 1 ? Left + (plotWidth / 2.0) : Left + (index * plotWidth / (double)(points.Count - 1));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"circles-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{Encode(summary)} The table below the chart lists every answer.</desc>");
        foreach (var (value, label) in levels)
        {
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" class=\"circles-chart-grid\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{y + 5:0.#}\" text-anchor=\"end\" class=\"circles-chart-label\">{Encode(label)}</text>");
        }

        if (points.Count > 1)
        {
            var line = string.Join(' ', points.Select((p, i) => $"{X(i).ToString("0.#", CultureInfo.InvariantCulture)},{Y(p.Value).ToString("0.#", CultureInfo.InvariantCulture)}"));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{line}\" class=\"circles-chart-line\"/>");
        }

        for (var i = 0; i < points.Count; i++)
        {
            var (at, value, label) = points[i];
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle cx=\"{X(i):0.#}\" cy=\"{Y(value):0.#}\" r=\"6\" class=\"circles-chart-point\"><title>{Encode(Display.Date(at))}: {Encode(label)}</title></circle>");
        }

        // Dates under the first and last points; the table has every date.
        if (points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(0):0.#}\" y=\"{Height - 15}\" text-anchor=\"{(points.Count == 1 ? "middle" : "start")}\" class=\"circles-chart-label\">{Encode(Display.Date(points[0].At))}</text>");
        }

        if (points.Count > 1)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(points.Count - 1):0.#}\" y=\"{Height - 15}\" text-anchor=\"end\" class=\"circles-chart-label\">{Encode(Display.Date(points[^1].At))}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Encode(string value) => Html.Encoder.Encode(value);
}
