using System.Globalization;
using System.Text;
using Circles.Core.Reporting;
using Circles.Web.Infrastructure;

namespace Circles.Web.Reports;

/// <summary>
/// A figure as horizontal bars drawn on the server: one group per row, one bar per column, each bar labelled with its
/// number so colour is never the only way to tell the bars apart. The table under the chart has the same numbers.
/// </summary>
public static class FigureChartSvg
{
    private const int Width = 680;
    private const int Left = 240;
    private const int Right = 70;
    private const int BarHeight = 18;
    private const int BarGap = 4;
    private const int GroupGap = 12;
    private const int Top = 10;

    public static string Render(Figure figure)
    {
        var rows = figure.Parts;
        var columns = figure.ChartColumns;
        var legendHeight = columns.Count > 1 ? 30 : 0;
        var groupHeight = (columns.Count * (BarHeight + BarGap)) - BarGap;
        var height = Top + legendHeight + (rows.Count * (groupHeight + GroupGap)) + 10;
        var largest = rows.SelectMany(r => columns.Select(c => r.Cells[c].Value)).DefaultIfEmpty(0).Max();
        var scale = largest == 0 ? 0 : (Width - Left - Right) / (double)largest;
        var id = "chart-" + figure.Key;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"circles-chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(figure.Title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{Encode(Summary(figure))} The table below the chart has every number.</desc>");
        if (columns.Count > 1)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                var x = Left + (i * 150);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{Top}\" width=\"16\" height=\"16\" class=\"circles-bar circles-bar--{i}\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 22}\" y=\"{Top + 13}\" class=\"circles-chart-label\">{Encode(figure.Columns[columns[i]])}</text>");
            }
        }

        var y = Top + legendHeight;
        foreach (var row in rows)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left - 8}\" y=\"{y + (groupHeight / 2.0) + 5:0.#}\" text-anchor=\"end\" class=\"circles-chart-label\">{Encode(row.Label)}</text>");
            for (var i = 0; i < columns.Count; i++)
            {
                var cell = row.Cells[columns[i]];
                var width = (double)cell.Value * scale;
                var text = cell.Text(figure.Unit);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{Left}\" y=\"{y}\" width=\"{width:0.#}\" height=\"{BarHeight}\" class=\"circles-bar circles-bar--{i}\"><title>{Encode(row.Label)}, {Encode(figure.Columns[columns[i]])}: {Encode(text)}</title></rect>");
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{Left + width + 6:0.#}\" y=\"{y + 14}\" class=\"circles-chart-label\">{Encode(text)}</text>");
                y += BarHeight + BarGap;
            }

            y += GroupGap - BarGap;
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Summary(Figure figure)
    {
        var total = figure.Rows.FirstOrDefault(r => r.IsTotal);
        return total is null
            ? string.Join("; ", figure.Rows.Select(r => $"{r.Label}: {string.Join(", ", r.Cells.Select(c => c.Text(figure.Unit)))}")) + "."
            : $"{total.Label}: {string.Join(", ", total.Cells.Select((c, i) => $"{figure.Columns[i]} {c.Text(figure.Unit)}"))}.";
    }

    private static string Encode(string value) => Html.Encoder.Encode(value);
}
