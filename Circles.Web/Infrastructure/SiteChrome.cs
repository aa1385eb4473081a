using Circles.Core.Settings;

namespace Circles.Web.Infrastructure;

/// <summary>What the layout needs on every page: the organisation's name.</summary>
public sealed class SiteChrome(ISettingsStore settings)
{
    public async Task<OrganisationSettings> Settings(CancellationToken cancellationToken) =>
        GetOrganisationSettingsHandler.Read(await settings.GetAll(cancellationToken));
}
