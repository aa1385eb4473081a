using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Areas;

public sealed record CreateAreaCommand(string? Name) : ICommand<long>;

public sealed class CreateAreaValidator : Validator<CreateAreaCommand>
{
    protected override void Rules(CreateAreaCommand command, Failures failures) => AreaRules.CheckName(command.Name, failures);
}

public sealed class CreateAreaHandler(IAreaStore areas, IAuditLog audit, TimeProvider clock) : ICommandHandler<CreateAreaCommand, long>
{
    public async ValueTask<long> Handle(CreateAreaCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name!.Trim();
        if (await areas.NameTaken(name, null, cancellationToken))
        {
            throw ValidationException.For("Name", $"There is already an area called {name}");
        }

        var id = await areas.Add(name, clock.GetUtcNow(), cancellationToken);
        await audit.Record(new AuditEntry(AuditActions.AreaCreated, "area", id.ToString(), name), cancellationToken);
        return id;
    }
}
