namespace Circles.Core.Areas;

/// <summary>A locality (about 10,000 people) that coordinators know and users may be assigned to.</summary>
public sealed record Area
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public int UserCount { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

public interface IAreaStore
{
    Task<IReadOnlyList<Area>> List(CancellationToken cancellationToken);

    Task<Area?> Find(long id, CancellationToken cancellationToken);

    Task<bool> NameTaken(string name, long? exceptId, CancellationToken cancellationToken);

    Task<long> Add(string name, DateTimeOffset createdAt, CancellationToken cancellationToken);

    Task Rename(long id, string name, CancellationToken cancellationToken);
}

public static class AreaRules
{
    public const int NameMaxLength = 100;

    public static void CheckName(string? name, Common.Failures failures)
    {
        failures.Required("Name", name, "Enter the area’s name");
        failures.MaxLength("Name", name?.Trim(), NameMaxLength, "The area’s name");
    }
}
