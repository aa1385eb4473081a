using Circles.Core.Accounts;

namespace Circles.Core.Common;

/// <summary>
/// Who is looking, and so what they may see. Administrators see everything; coordinators and
/// connectors see people in the areas they are given (none until an administrator gives them one);
/// volunteers see only the circles they help with. Anything out of reach reads as missing (404).
/// </summary>
public sealed record Viewer(long UserId, IReadOnlyCollection<string> Roles, IReadOnlyList<long> AreaIds)
{
    public bool IsAdministrator => Roles.Contains(Accounts.Roles.Administrator);

    public bool WorksWithPeople =>
        IsAdministrator || Roles.Contains(Accounts.Roles.Coordinator) || Roles.Contains(Accounts.Roles.Connector);

    /// <summary>True when no area restriction applies: administrators only.</summary>
    public bool SeesAllAreas => IsAdministrator;

    public bool CanSeeArea(long? areaId) => SeesAllAreas || (areaId is { } id && AreaIds.Contains(id));

    /// <summary>Coordinators and administrators: those who look after an area's work (screening, assets, data rights, reports).</summary>
    public bool Coordinates => IsAdministrator || Roles.Contains(Accounts.Roles.Coordinator);

    /// <summary>An administrator, or a coordinator of this area.</summary>
    public bool CoordinatesArea(long? areaId) => IsAdministrator || (Roles.Contains(Accounts.Roles.Coordinator) && CanSeeArea(areaId));

    /// <summary>An administrator, or a coordinator with at least one area.</summary>
    public bool CoordinatesAnyArea => IsAdministrator || (Roles.Contains(Accounts.Roles.Coordinator) && AreaIds.Count > 0);
}

public interface ICurrentViewer
{
    Viewer Current { get; }
}
