using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Areas;

public sealed record RenameAreaCommand(long AreaId, string? Name) : ICommand;

public sealed class RenameAreaValidator : Validator<RenameAreaCommand>
{
    protected override void Rules(RenameAreaCommand command, Failures failures) => AreaRules.CheckName(command.Name, failures);
}

public sealed class RenameAreaHandler(IAreaStore areas, IAuditLog audit) : ICommandHandler<RenameAreaCommand>
{
    public async ValueTask<Unit> Handle(RenameAreaCommand command, CancellationToken cancellationToken)
    {
        var existing = await areas.Find(command.AreaId, cancellationToken) ?? throw new NotFoundException("area", command.AreaId);
        var name = command.Name!.Trim();
        if (await areas.NameTaken(name, command.AreaId, cancellationToken))
        {
            throw ValidationException.For("Name", $"There is already an area called {name}");
        }

        await areas.Rename(command.AreaId, name, cancellationToken);
        await audit.Record(
            new AuditEntry(AuditActions.AreaRenamed, "area", command.AreaId.ToString(), $"{existing.Name} → {name}"),
            cancellationToken);
        return Unit.Value;
    }
}
