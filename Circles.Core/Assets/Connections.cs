using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.People;
using Mediator;

namespace Circles.Core.Assets;

/// <summary>One of a person's connections to an asset, with what has happened since the introduction.</summary>
public sealed record PersonConnection
{
    public long Id { get; init; }

    public long AssetId { get; init; }

    public string AssetName { get; init; } = "";

    public string AssetStatus { get; init; } = "";

    public string Status { get; init; } = "";

    public DateOnly StatusOn { get; init; }

    public IReadOnlyList<ConnectionEvent> History { get; init; } = [];
}

public sealed record ConnectionEvent
{
    public long ConnectionId { get; init; }

    public string Status { get; init; } = "";

    public DateOnly HappenedOn { get; init; }

    public string? Note { get; init; }

    public string? RecordedByName { get; init; }
}

public sealed record ConnectedPerson
{
    public long PersonId { get; init; }

    public string Name { get; init; } = "";

    public string Status { get; init; } = "";

    public DateOnly StatusOn { get; init; }
}

/// <summary>
/// Who has been introduced to an asset: by name for the people the viewer may see, and as counts for everyone,
/// so a connector in another area learns that the group welcomes people without learning who.
/// </summary>
public sealed record AssetConnections(IReadOnlyList<ConnectedPerson> People, int Visible, IReadOnlyDictionary<string, int> Counts)
{
    public int Total => Counts.Values.Sum();

    public int Hidden => Total - Visible;
}

public interface IAssetConnectionStore
{
    /// <summary>Starts the connection or moves it on, adding to its history, in one transaction.</summary>
    Task<long> Record(long assetId, long personId, string status, DateOnly on, string? note, long recordedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The person's connections to assets the viewer may see: an individual elsewhere stays hidden.</summary>
    Task<IReadOnlyList<PersonConnection>> ForPerson(Viewer viewer, long personId, CancellationToken cancellationToken);

    Task<AssetConnections> ForAsset(Viewer viewer, long assetId, CancellationToken cancellationToken);
}

/// <summary>Introduce a person to an asset, or record what has happened since ("went once", "goes regularly"…).</summary>
public sealed record RecordConnectionCommand : ICommand<long>, IPersonForm
{
    public long PersonId { get; init; }

    public long AssetId { get; init; }

    public string? Status { get; init; }

    public string? OnDay { get; init; }

    public string? OnMonth { get; init; }

    public string? OnYear { get; init; }

    public string? Note { get; init; }
}

public sealed class RecordConnectionValidator(TimeProvider clock) : Validator<RecordConnectionCommand>
{
    protected override void Rules(RecordConnectionCommand c, Failures failures)
    {
        if (!ConnectionStatuses.IsKnown(c.Status))
        {
            failures.Add("Status", "Choose what has happened");
        }

        failures.PastDate("OnDay", c.OnDay, c.OnMonth, c.OnYear, "Date", "Enter the date", "The date must be today or in the past", UkTime.Today(clock));

        failures.MaxLength("Note", c.Note?.Trim(), PersonRules.LongTextMaxLength, "Note");
    }
}

public sealed class RecordConnectionHandler(IAssetStore assets, IAssetConnectionStore connections, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock, PersonReach reach)
    : ICommandHandler<RecordConnectionCommand, long>
{
    public async ValueTask<long> Handle(RecordConnectionCommand c, CancellationToken cancellationToken)
    {
        await reach.Require(c.PersonId, cancellationToken);
        var asset = await assets.Find(c.AssetId, cancellationToken);
        if (asset is null || !AssetAccess.CanView(viewer.Current, asset.Kind, asset.AreaId))
        {
            throw new NotFoundException("asset", c.AssetId);
        }

        UkFormats.ReadDate(c.OnDay, c.OnMonth, c.OnYear, "", out var on);
        var id = await connections.Record(asset.Id, c.PersonId, c.Status!, on!.Value, Text.Clean(c.Note), viewer.Current.UserId, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.AssetConnectionRecorded, "person", c.PersonId.ToString(), $"Asset {asset.Id}: {ConnectionStatuses.Label(c.Status)}"), cancellationToken);
        return id;
    }
}

/// <summary>A person's connections to assets, for their page.</summary>
public sealed record ListPersonConnectionsQuery(long PersonId) : IQuery<IReadOnlyList<PersonConnection>>;

public sealed class ListPersonConnectionsHandler(IAssetConnectionStore connections, ICurrentViewer viewer, PersonReach reach)
    : IQueryHandler<ListPersonConnectionsQuery, IReadOnlyList<PersonConnection>>
{
    public async ValueTask<IReadOnlyList<PersonConnection>> Handle(ListPersonConnectionsQuery query, CancellationToken cancellationToken)
    {
        await reach.Require(query.PersonId, cancellationToken);
        return await connections.ForPerson(viewer.Current, query.PersonId, cancellationToken);
    }
}
