using Circles.Core.Areas;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.People;

public sealed record ChangePersonDetailsCommand : PersonDetailsFields, ICommand
{
    public long PersonId { get; init; }

    public static ChangePersonDetailsCommand From(PersonDetails person) => new()
    {
        PersonId = person.Id,
        FullName = person.FullName,
        PreferredName = person.PreferredName,
        DateOfBirthDay = person.DateOfBirth?.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateOfBirthMonth = person.DateOfBirth?.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        DateOfBirthYear = person.DateOfBirth?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AgeBand = person.AgeBand,
        Email = person.Email,
        Phone = person.Phone,
        Address = person.Address,
        Postcode = person.Postcode,
        AreaId = person.AreaId,
        PreferredChannel = person.PreferredChannel,
        CommunicationNeeds = person.CommunicationNeeds,
        Interests = string.Join(", ", person.Interests),
        Notes = person.Notes,
    };
}

public sealed class ChangePersonDetailsValidator(TimeProvider clock) : Validator<ChangePersonDetailsCommand>
{
    protected override void Rules(ChangePersonDetailsCommand c, Failures failures) => PersonRules.CheckDetails(c, failures, UkTime.Today(clock));
}

public sealed class ChangePersonDetailsHandler(IPeopleStore people, IAreaStore areas, ICurrentViewer viewer, IAuditLog audit, Messaging.MessagePlanner planner, PersonReach reach)
    : ICommandHandler<ChangePersonDetailsCommand>
{
    public async ValueTask<Unit> Handle(ChangePersonDetailsCommand c, CancellationToken cancellationToken)
    {
        await reach.Require(c.PersonId, cancellationToken);
        if (!viewer.Current.CanSeeArea(c.AreaId) || await areas.Find(c.AreaId!.Value, cancellationToken) is null)
        {
            throw ValidationException.For("AreaId", "Choose the area the person lives in");
        }

        await people.ChangeDetails(c.PersonId, PersonRules.ToNewPerson(c, null, null), await planner.Prepare(cancellationToken), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.PersonChanged, "person", c.PersonId.ToString(), "Details"), cancellationToken);
        return Unit.Value;
    }
}
