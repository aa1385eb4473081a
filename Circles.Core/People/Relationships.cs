using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.People;

public sealed record Relationship
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string Kind { get; init; } = "";

    public int Ring { get; init; }

    public bool WouldLikeCloser { get; init; }
}

public sealed record RelationshipCircle(long PersonId, string FullName, IReadOnlyList<Relationship> Relationships);

public static class Rings
{
    public static string Describe(int ring) => ring switch
    {
        1 => "Closest: the people they love",
        2 => "Friends",
        3 => "Taking part: clubs, neighbours, church",
        4 => "Paid: GP, carers and other professionals",
        _ => ring.ToString(),
    };

    public static string Name(int ring) => ring switch
    {
        1 => "Intimacy",
        2 => "Friendship",
        3 => "Participation",
        4 => "Exchange",
        _ => ring.ToString(),
    };
}

public sealed record GetRelationshipCircleQuery(long PersonId) : IQuery<RelationshipCircle>;

public sealed class GetRelationshipCircleHandler(IPeopleStore people, ICurrentViewer viewer, IAuditLog audit) : IQueryHandler<GetRelationshipCircleQuery, RelationshipCircle>
{
    public async ValueTask<RelationshipCircle> Handle(GetRelationshipCircleQuery query, CancellationToken cancellationToken)
    {
        var circle = viewer.Current.WorksWithPeople ? await people.FindRelationships(viewer.Current, query.PersonId, cancellationToken) : null;
        if (circle is null)
        {
            throw new NotFoundException("person", query.PersonId);
        }

        await audit.Record(new AuditEntry(AuditActions.PersonViewed, "person", query.PersonId.ToString(), "Relationship circle"), cancellationToken);
        return circle;
    }
}

public sealed record AddRelationshipCommand : ICommand<long>
{
    public long PersonId { get; init; }

    public string? Name { get; init; }

    public string? Kind { get; init; }

    public int? Ring { get; init; }

    public bool WouldLikeCloser { get; init; }
}

public sealed class AddRelationshipValidator : Validator<AddRelationshipCommand>
{
    protected override void Rules(AddRelationshipCommand c, Failures failures)
    {
        failures.Required("Name", c.Name, "Enter the name of the person in their life");
        failures.MaxLength("Name", c.Name?.Trim(), 100, "Name");
        failures.Required("Kind", c.Kind, "Enter who they are to them, for example daughter or neighbour");
        failures.MaxLength("Kind", c.Kind?.Trim(), 100, "Who they are");
        if (c.Ring is not (1 or 2 or 3 or 4))
        {
            failures.Add("Ring", "Choose which ring they belong on");
        }
    }
}

public sealed class AddRelationshipHandler(IPeopleStore people, ICurrentViewer viewer, IAuditLog audit, TimeProvider clock) : ICommandHandler<AddRelationshipCommand, long>
{
    public async ValueTask<long> Handle(AddRelationshipCommand c, CancellationToken cancellationToken)
    {
        if (!viewer.Current.WorksWithPeople || !await people.InReach(viewer.Current, c.PersonId, cancellationToken))
        {
            throw new NotFoundException("person", c.PersonId);
        }

        var id = await people.AddRelationship(
            c.PersonId, new Relationship { Name = c.Name!.Trim(), Kind = c.Kind!.Trim(), Ring = c.Ring!.Value, WouldLikeCloser = c.WouldLikeCloser },
            clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.PersonChanged, "person", c.PersonId.ToString(), $"Added relationship {id}"), cancellationToken);
        return id;
    }
}

public sealed record RemoveRelationshipCommand(long PersonId, long RelationshipId) : ICommand;

public sealed class RemoveRelationshipHandler(IPeopleStore people, ICurrentViewer viewer, IAuditLog audit) : ICommandHandler<RemoveRelationshipCommand>
{
    public async ValueTask<Unit> Handle(RemoveRelationshipCommand c, CancellationToken cancellationToken)
    {
        if (!viewer.Current.WorksWithPeople || !await people.InReach(viewer.Current, c.PersonId, cancellationToken)
            || !await people.RemoveRelationship(c.PersonId, c.RelationshipId, cancellationToken))
        {
            throw new NotFoundException("relationship", c.RelationshipId);
        }

        await audit.Record(new AuditEntry(AuditActions.PersonChanged, "person", c.PersonId.ToString(), $"Removed relationship {c.RelationshipId}"), cancellationToken);
        return Unit.Value;
    }
}
