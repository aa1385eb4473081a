namespace Circles.Core.Accounts;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Coordinator = "Coordinator";
    public const string Connector = "Connector";
    public const string Volunteer = "Volunteer";

    public static IReadOnlyList<string> All { get; } = [Administrator, Coordinator, Connector, Volunteer];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    public static string Describe(string role) => role switch
    {
        Administrator => "Sets Circles up: users, areas, settings and the audit log",
        Coordinator => "Local area coordinator: introductions, community assets, volunteers",
        Connector => "Starts and supports circles and keeps in touch with people",
        Volunteer => "Facilitates or helps a circle",
        _ => role,
    };
}
