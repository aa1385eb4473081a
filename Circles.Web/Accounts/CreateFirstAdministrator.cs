using Circles.Core.Accounts;
using Circles.Core.Auditing;
using Circles.Core.Common;
using Circles.Core.Settings;
using Circles.Web.Infrastructure;

namespace Circles.Web.Accounts;

public sealed record CreateFirstAdministratorCommand(
    string? OrganisationName, string? DisplayName, string? Email, string? Password, string? ConfirmPassword) : ICommand<long>;

public sealed class CreateFirstAdministratorValidator : Validator<CreateFirstAdministratorCommand>
{
    protected override void Rules(CreateFirstAdministratorCommand command, Failures failures)
    {
        failures.Required("OrganisationName", command.OrganisationName, "Enter your organisation’s name");
        failures.MaxLength("OrganisationName", command.OrganisationName?.Trim(), OrganisationSettings.OrganisationNameMaxLength, "The organisation’s name");
        UserAccounts.CheckDetails(command.DisplayName, command.Email, failures);
        UserAccounts.CheckNewPassword(command.Password, command.ConfirmPassword, command.Email, command.DisplayName, failures);
    }
}

/// <summary>Thrown when set-up is attempted after the first administrator exists: the page is gone.</summary>
public sealed class SetupAlreadyCompleteException() : Exception("Circles is already set up");

public sealed class CreateFirstAdministratorHandler(
    SetupState setup, UserAccounts accounts, ISettingsStore settings, IAuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateFirstAdministratorCommand, long>
{
    public async ValueTask<long> Handle(CreateFirstAdministratorCommand command, CancellationToken cancellationToken)
    {
        using var _ = await setup.Lock(cancellationToken);
        if (await setup.IsComplete(cancellationToken))
        {
            throw new SetupAlreadyCompleteException();
        }

        var user = await accounts.Create(command.DisplayName!, command.Email!, command.Password!, [Roles.Administrator], cancellationToken);
        await settings.Set(SettingKeys.OrganisationName, command.OrganisationName!.Trim(), clock.GetUtcNow(), cancellationToken);
        setup.MarkComplete();
        var id = user.Id.ToString();
        await audit.RecordAs(user.Id, new AuditEntry(AuditActions.SetupCompleted, "user", id, "First administrator created"), cancellationToken);
        return user.Id;
    }
}
