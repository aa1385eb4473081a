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
        CellState.FewerThanFive => unit == FigureUnits.Hours ? "fewer than 5 volunteers" : "fewer than 5",
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
/// Small-number suppression for figures that leave the organisation.
/// <list type="bullet">
/// <item>Any number whose basis is 1 to 4 is shown as "fewer than 5" (primary suppression).</item>
/// <item>Every row or column with its total is an equation a reader can use, and so is every pair of breakdowns of the
/// same total (introductions by month and by area share their level totals). For each equation this works out, as a
/// reader could, the values a "fewer than 5" number could still take. A reader knows a hidden number is 5 or more
/// (zeros are never hidden). If any of 1, 2, 3 or 4 is ruled out, another number in that equation is hidden: the
/// smallest that is not zero and not a total, and a total only when nothing else is left (secondary suppression).</item>
/// <item>A quantity hidden in one figure is hidden wherever else it appears, because it has the same id.</item>
/// </list>
/// This repeats until nothing changes. It protects each equation in turn, not every combination of them, and only
/// within one report (ADR 0014).
/// </summary>
public static class Suppression
{
    public const int Threshold = 5;

    /// <summary>A linear equation over cells that the published figures let a reader write down: Σ coefficient × value = 0.</summary>
    private sealed record Equation(IReadOnlyList<(string Id, int Coefficient)> Terms, string? TotalId);

    public static IReadOnlyList<Figure> Apply(IReadOnlyList<Figure> figures)
    {
        var cells = new Dictionary<string, (Cell Cell, bool Hours)>();
        foreach (var figure in figures)
        {
            foreach (var cell in figure.Cells)
            {
                cells.TryAdd(cell.Id, (cell, figure.Unit == FigureUnits.Hours));
            }
        }

        var states = cells.Values.Where(c => c.Cell.Basis is > 0 and < Threshold).ToDictionary(c => c.Cell.Id, _ => CellState.FewerThanFive);
        var equations = Equations(figures);
        bool changed;
        do
        {
            changed = false;
            foreach (var equation in equations)
            {
                if (!Exposes(equation, cells, states))
                {
                    continue;
                }

                var partner = equation.Terms.Select(t => t.Id)
                    .Where(id => !states.ContainsKey(id) && cells[id].Cell.Value != 0)
                    .OrderBy(id => id == equation.TotalId ? 1 : 0)
                    .ThenBy(id => cells[id].Cell.Value)
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

    /// <summary>Each sum (its parts less its total), and each pair of sums from different figures that share a total.</summary>
    private static List<Equation> Equations(IReadOnlyList<Figure> figures)
    {
        var sums = figures.SelectMany(f => f.Sums.Select(s => (Figure: f.Key, Parts: s.Take(s.Count - 1).ToList(), Total: s[^1]))).ToList();
        var equations = sums.Select(s => new Equation([.. s.Parts.Select(p => (p, 1)), (s.Total, -1)], s.Total)).ToList();
        foreach (var pair in sums.GroupBy(s => s.Total).Where(g => g.Select(s => s.Figure).Distinct().Count() > 1))
        {
            var list = pair.ToList();
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i].Figure != list[0].Figure)
                {
                    equations.Add(new Equation([.. list[0].Parts.Select(p => (p, 1)), .. list[i].Parts.Select(p => (p, -1))], null));
                }
            }
        }

        return equations;
    }

    /// <summary>
    /// True when a reader could narrow a "fewer than 5" number in this equation: some value from 1 to 4 would need the
    /// other hidden numbers outside what they could be (1 to 4 if small, 5 or more if hidden for protection). Hours
    /// run on a continuum, so an hours number is exposed only when it is the one unknown in its equation.
    /// </summary>
    private static bool Exposes(Equation equation, Dictionary<string, (Cell Cell, bool Hours)> cells, Dictionary<string, CellState> states)
    {
        var known = 0m;
        var unknown = new List<(string Id, int Coefficient)>();
        foreach (var (id, coefficient) in equation.Terms)
        {
            if (states.ContainsKey(id))
            {
                unknown.Add((id, coefficient));
            }
            else
            {
                known += coefficient * cells[id].Cell.Value;
            }
        }

        foreach (var (id, coefficient) in unknown.Where(u => states[u.Id] == CellState.FewerThanFive))
        {
            var others = unknown.Where(u => u.Id != id).ToList();
            if (cells[id].Hours)
            {
                if (others.Count == 0)
                {
                    return true;
                }

                continue;
            }

            // The others must add up to -(known + coefficient × v): find the least and most they can add up to.
            decimal low = 0, high = 0;
            var unbounded = (Low: false, High: false);
            foreach (var (otherId, otherCoefficient) in others)
            {
                var (min, max) = states[otherId] == CellState.FewerThanFive ? (1m, (decimal?)4) : (Threshold, null);
                if (otherCoefficient > 0)
                {
                    low += otherCoefficient * min;
                    if (max is { } m) { high += otherCoefficient * m; } else { unbounded.High = true; }
                }
                else
                {
                    high += otherCoefficient * min;
                    if (max is { } m) { low += otherCoefficient * m; } else { unbounded.Low = true; }
                }
            }

            for (var v = 1; v < Threshold; v++)
            {
                var target = -(known + (coefficient * v));
                if ((!unbounded.Low && target < low) || (!unbounded.High && target > high))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
