namespace Circles.Core.Settings;

public sealed record OrganisationSettings(string OrganisationName, IReadOnlyList<string> TwoFactorRequiredRoles)
{
    public const int OrganisationNameMaxLength = 120;

    public bool RequiresTwoFactor(IEnumerable<string> roles) => roles.Any(TwoFactorRequiredRoles.Contains);
}

public static class SettingKeys
{
    public const string OrganisationName = "organisation.name";
    public const string TwoFactorRequiredRoles = "security.two_factor_required_roles";
}

/// <summary>Organisation-wide settings an administrator changes at run time (configuration files hold the rest).</summary>
public interface ISettingsStore
{
    Task<IReadOnlyDictionary<string, string>> GetAll(CancellationToken cancellationToken);

    Task Set(string key, string value, DateTimeOffset changedAt, CancellationToken cancellationToken);
}
