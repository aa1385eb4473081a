using System.Globalization;
using System.Text;
using Circles.Core.Reporting;
using Circles.Web.Infrastructure;
using CsvHelper;

namespace Circles.Web.Reports;

/// <summary>
/// Every figure as one long table, a line per number: figure, row, column, value and a note. A suppressed number has
/// no value, only its note, so a spreadsheet cannot add it up by mistake.
/// </summary>
public static class FigureCsv
{
    public static readonly string[] Columns = ["figure", "row", "column", "value", "note"];

    public static byte[] Write(OutcomeReport report)
    {
        using var output = new MemoryStream();
        using (var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var figure in report.Figures)
            {
                foreach (var row in figure.Rows)
                {
                    for (var c = 0; c < row.Cells.Count; c++)
                    {
                        var cell = row.Cells[c];
                        csv.WriteField(Spreadsheet.Safe(figure.Title));
                        csv.WriteField(Spreadsheet.Safe(row.Label));
                        csv.WriteField(Spreadsheet.Safe(figure.Columns[c]));
                        csv.WriteField(cell.IsSuppressed ? "" : cell.Value.ToString("0.##", CultureInfo.InvariantCulture));
                        csv.WriteField(cell.State switch
                        {
                            CellState.FewerThanFive => cell.Text(figure.Unit),
                            CellState.Hidden => "hidden so that a smaller number cannot be worked out",
                            _ => "",
                        });
                        csv.NextRecord();
                    }
                }
            }
        }

        return output.ToArray();
    }

    public static string FileName(OutcomeReport report) =>
        $"{(report.Suppressed ? "commissioner-report" : "outcomes")}-{report.From:yyyy-MM-dd}-to-{report.To:yyyy-MM-dd}.csv";
}
