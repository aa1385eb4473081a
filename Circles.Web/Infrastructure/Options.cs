namespace Circles.Web;

public sealed class CirclesOptions
{
    public const string Section = "Circles";

    /// <summary>Folder for the database, logs and data-protection keys; relative to the content root.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>Used in links sent by email (invitations, password resets) when set; otherwise the request's own address.</summary>
    public string? PublicBaseUrl { get; set; }
}

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Off only for plain-HTTP local development: browsers drop Secure cookies over http except on localhost.</summary>
    public bool RequireSecureCookies { get; set; } = true;

    public int IdleTimeoutMinutes { get; set; } = 30;

    public int SignInPermitsPerIpPerMinute { get; set; } = 20;

    public int SignInPermitsPerAccountPerMinute { get; set; } = 10;

    /// <summary>Requests a minute one address may make to the open Open Referral UK API.</summary>
    public int OpenDataPermitsPerIpPerMinute { get; set; } = 120;

    /// <summary>Posts a minute one address may make to the public volunteering form.</summary>
    public int PublicFormPermitsPerIpPerMinute { get; set; } = 10;

    public int MaxFailedAccessAttempts { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    public const int MinimumPasswordHashIterations = 210_000;

    /// <summary>PBKDF2-HMAC-SHA512 iterations; never fewer than OWASP's 210,000, whatever is configured.</summary>
    public int PasswordHashIterations { get; set; } = MinimumPasswordHashIterations;

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public string[] KnownProxies { get; set; } = [];
}

public sealed class SchedulerOptions
{
    public const string Section = "Hangfire";

    /// <summary>Runs the Hangfire server in the web process. Tests switch it off.</summary>
    public bool ServerEnabled { get; set; } = true;

    public int WorkerCount { get; set; } = 2;
}
