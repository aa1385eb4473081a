using Circles.Core.Accounts;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Mediator;

namespace Circles.Core.Settings;

public sealed record UpdateOrganisationSettingsCommand(string? OrganisationName, IReadOnlyList<string> TwoFactorRequiredRoles) : ICommand;

public sealed class UpdateOrganisationSettingsValidator : Validator<UpdateOrganisationSettingsCommand>
{
    protected override void Rules(UpdateOrganisationSettingsCommand command, Failures failures)
    {
        failures.Required("OrganisationName", command.OrganisationName, "Enter your organisation’s name");
        failures.MaxLength("OrganisationName", command.OrganisationName?.Trim(), OrganisationSettings.OrganisationNameMaxLength, "The organisation’s name");
        if (command.TwoFactorRequiredRoles.Any(r => !Roles.IsKnown(r)))
        {
            failures.Add("TwoFactorRequiredRoles", "Choose roles from the list");
        }
    }
}

public sealed class UpdateOrganisationSettingsHandler(ISettingsStore settings, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<UpdateOrganisationSettingsCommand>
{
    public async ValueTask<Unit> Handle(UpdateOrganisationSettingsCommand command, CancellationToken cancellationToken)
    {
        var current = GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken));
        var now = clock.GetUtcNow();
        var name = command.OrganisationName!.Trim();
        if (name != current.OrganisationName)
        {
            await settings.Set(SettingKeys.OrganisationName, name, now, cancellationToken);
            await audit.Record(new AuditEntry(AuditActions.SettingChanged, "setting", SettingKeys.OrganisationName, name), cancellationToken);
        }

        var roles = Roles.All.Where(command.TwoFactorRequiredRoles.Contains).ToArray();
        if (!roles.ToHashSet().SetEquals(current.TwoFactorRequiredRoles))
        {
            var value = string.Join(',', roles);
            await settings.Set(SettingKeys.TwoFactorRequiredRoles, value, now, cancellationToken);
            await audit.Record(
                new AuditEntry(AuditActions.SettingChanged, "setting", SettingKeys.TwoFactorRequiredRoles, value.Length == 0 ? "(none)" : value),
                cancellationToken);
        }

        return Unit.Value;
    }
}
