using Circles.Core.Accounts;
using Mediator;

namespace Circles.Core.Settings;

public sealed record GetOrganisationSettingsQuery : IQuery<OrganisationSettings>;

public sealed class GetOrganisationSettingsHandler(ISettingsStore settings) : IQueryHandler<GetOrganisationSettingsQuery, OrganisationSettings>
{
    public const string DefaultOrganisationName = "Circles";

    public async ValueTask<OrganisationSettings> Handle(GetOrganisationSettingsQuery query, CancellationToken cancellationToken) =>
        Read(await settings.GetAll(cancellationToken));

    public static OrganisationSettings Read(IReadOnlyDictionary<string, string> values)
    {
        var name = values.TryGetValue(SettingKeys.OrganisationName, out var n) && !string.IsNullOrWhiteSpace(n) ? n : DefaultOrganisationName;
        var roles = values.TryGetValue(SettingKeys.TwoFactorRequiredRoles, out var r)
            ? r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(Roles.IsKnown).ToArray()
            : [];
        return new OrganisationSettings(name, roles);
    }
}
