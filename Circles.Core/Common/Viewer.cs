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
}

public interface ICurrentViewer
{
    Viewer Current { get; }
}
