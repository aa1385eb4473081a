namespace Circles.Core.Common;

/// <summary>One page of a longer list. Page numbers start at 1.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long TotalItems)
{
    public int TotalPages => TotalItems == 0 ? 1 : (int)((TotalItems + PageSize - 1) / PageSize);

    public bool HasPrevious => PageNumber > 1;

    public bool HasNext => PageNumber < TotalPages;
}

public readonly record struct Paging(int PageNumber, int PageSize)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public int Offset => (PageNumber - 1) * PageSize;

    /// <summary>The same page, or the last page when there are fewer items than it needs.</summary>
    public Paging Within(long totalItems)
    {
        var lastPage = totalItems == 0 ? 1 : (int)Math.Min(int.MaxValue, (totalItems + PageSize - 1) / PageSize);
        return this with { PageNumber = Math.Min(PageNumber, lastPage) };
    }

    /// <summary>Clamps whatever arrived in a query string to a sensible page; stores then apply <see cref="Within"/>.</summary>
    public static Paging From(int? page, int? size = null) =>
        new(Math.Max(1, Math.Min(page ?? 1, 1_000_000)), Math.Clamp(size ?? DefaultPageSize, 1, MaxPageSize));
}
