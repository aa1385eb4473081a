namespace Circles.Core.Common;

/// <summary>The thing asked for does not exist, or the person asking may not know it does: both are a 404.</summary>
public sealed class NotFoundException(string entityType, object id) : Exception($"No {entityType} with id {id}")
{
    public string EntityType { get; } = entityType;
}
