using System.Globalization;

namespace Circles.Core.Reporting;

/// <summary>How a number is shown in a report for commissioners.</summary>
public enum CellState
{
    Shown,

    /// <summary>1 to 4: shown as "fewer than 5".</summary>
    FewerThanFive,

    /// <summary>Not small itself, but a small number could be worked out from it, so it is hidden too.</summary>
    Hidden,
}

/// <summary>
/// One number in a figure. <see cref="Id"/> names the quantity: the same quantity shown in two figures (the total
/// of level 2 introductions, say) has the same id in both, so hiding it in one hides it in the other.
/// <see cref="Basis"/> is how many people or records stand behind it, which is what makes it small: for a count
/// it is the count; for hours it is how many volunteers gave them.
/// </summary>
public sealed record Cell(string Id, decimal Value, long Basis)
{
    public CellState State { get; init; } = CellState.Shown;

    public bool IsSuppressed => State != CellState.Shown;

    public string Text(string unit) => State switch
    {
        CellState.FewerThanFive => "fewer than 5",
        CellState.Hidden => "hidden",
        _ => unit == FigureUnits.Hours ? Value.ToString("#,0.##", CultureInfo.InvariantCulture) : Value.ToString("#,0", CultureInfo.InvariantCulture),
    };
}

public sealed record FigureRow(string Label, IReadOnlyList<Cell> Cells, bool IsTotal = false);

public static class FigureUnits
{
    public const string Count = "count";
    public const string Hours = "hours";
}

/// <summary>
/// A table of numbers with its explanation. <see cref="Sums"/> lists every set of cells that add up (each row or
/// column with its total): those are the sums a reader could subtract to work out a hidden number.
/// </summary>
public sealed record Figure
{
    public string Key { get; init; } = "";

    public string Title { get; init; } = "";

    public string Explanation { get; init; } = "";

    public string RowHeading { get; init; } = "";

    public IReadOnlyList<string> Columns { get; init; } = [];

    public IReadOnlyList<FigureRow> Rows { get; init; } = [];

    public string Unit { get; init; } = FigureUnits.Count;

    public IReadOnlyList<IReadOnlyList<string>> Sums { get; init; } = [];

    public IEnumerable<Cell> Cells => Rows.SelectMany(r => r.Cells);

    /// <summary>The rows a chart draws: everything but the totals.</summary>
    public IReadOnlyList<FigureRow> Parts => Rows.Where(r => !r.IsTotal).ToList();

    /// <summary>The columns a chart draws: a "Total" column adds nothing to the bars beside it.</summary>
    public IReadOnlyList<int> ChartColumns =>
        Columns.Count > 1 && Columns[^1] == FigureTable.Total ? Enumerable.Range(0, Columns.Count - 1).ToList() : Enumerable.Range(0, Columns.Count).ToList();
}

/// <summary>Builds figures whose totals are counted, never typed, so every total is the sum of what it totals.</summary>
public static class FigureTable
{
    public const string Total = "Total";

    /// <summary>
    /// Rows of counts, with a "Total" column when there is more than one column, and a "Total" row. Total cells are
    /// named from <paramref name="concept"/> so a figure that breaks the same things down another way shares them.
    /// </summary>
    public static Figure Counts(
        string key, string concept, string title, string explanation, string rowHeading, IReadOnlyList<string> columns,
        IReadOnlyList<(string Label, IReadOnlyList<long> Values)> rows, string totalLabel = Total, bool rowTotals = true, Func<string, string>? totalId = null)
    {
        var withRowTotals = rowTotals && columns.Count > 1;
        var allColumns = withRowTotals ? [.. columns, Total] : columns;
        var figureRows = new List<FigureRow>();
        var sums = new List<IReadOnlyList<string>>();
        foreach (var (label, values) in rows)
        {
            var cells = values.Select((v, c) => new Cell($"{key}/{label}/{columns[c]}", v, v)).ToList();
            if (withRowTotals)
            {
                var total = values.Sum();
                cells.Add(new Cell($"{key}/{label}/{Total}", total, total));
                sums.Add(cells.Select(c => c.Id).ToList());
            }

            figureRows.Add(new FigureRow(label, cells));
        }

        var totals = new List<Cell>();
        for (var c = 0; c < allColumns.Count; c++)
        {
            var column = c;
            var sum = figureRows.Sum(r => (long)r.Cells[column].Value);
            var cell = new Cell(totalId?.Invoke(allColumns[c]) ?? $"{concept}/{Total}/{allColumns[c]}", sum, sum);
            totals.Add(cell);
            sums.Add([.. figureRows.Select(r => r.Cells[column].Id), cell.Id]);
        }

        if (withRowTotals)
        {
            sums.Add(totals.Select(t => t.Id).ToList());
        }

        figureRows.Add(new FigureRow(totalLabel, totals, IsTotal: true));
        return new Figure
        {
            Key = key, Title = title, Explanation = explanation, RowHeading = rowHeading, Columns = allColumns, Rows = figureRows, Sums = sums,
        };
    }
}

/// <summary>
/// Small-number suppression for figures that leave the organisation. Any count from 1 to 4 is shown as
/// "fewer than 5" (primary suppression). Then, wherever a row or column with its total has exactly one hidden
/// number, it could be worked out by subtraction, so the smallest other number in that sum is hidden as well
/// (secondary suppression); and a quantity hidden in one figure is hidden wherever else it appears. This repeats
/// until nothing changes. Zero is shown: it identifies nobody.
/// </summary>
public static class Suppression
{
    public const int Threshold = 5;

    public static IReadOnlyList<Figure> Apply(IReadOnlyList<Figure> figures)
    {
        var states = new Dictionary<string, CellState>();
        foreach (var cell in figures.SelectMany(f => f.Cells))
        {
            if (cell.Basis is > 0 and < Threshold)
            {
                states[cell.Id] = CellState.FewerThanFive;
            }
        }

        var values = new Dictionary<string, Cell>();
        foreach (var cell in figures.SelectMany(f => f.Cells))
        {
            values.TryAdd(cell.Id, cell);
        }

        var sums = figures.SelectMany(f => f.Sums).ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var sum in sums)
            {
                var hidden = sum.Count(states.ContainsKey);
                if (hidden != 1)
                {
                    continue;
                }

                // The smallest number that is not a total protects the hidden one and costs the reader least; a
                // total is hidden only when nothing else is left.
                var partner = sum.Where(id => !states.ContainsKey(id))
                    .OrderBy(id => id == sum[^1] ? 1 : 0)
                    .ThenBy(id => values[id].Value == 0 ? 1 : 0)
                    .ThenBy(id => values[id].Value)
                    .ThenBy(id => id, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (partner is not null)
                {
                    states[partner] = CellState.Hidden;
                    changed = true;
                }
            }
        }
        while (changed);

        return figures.Select(f => f with
        {
            Rows = f.Rows.Select(r => r with { Cells = r.Cells.Select(c => c with { State = states.GetValueOrDefault(c.Id, CellState.Shown) }).ToList() }).ToList(),
        }).ToList();
    }
}
