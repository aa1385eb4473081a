namespace Circles.Web.Messaging;

/// <summary>Which sender each channel uses, and their settings. Credentials are read here and never logged.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    public const string LogOnly = "log-only";
    public const string Smtp = "smtp";
    public const string Notify = "notify";

    /// <summary>log-only (the default), smtp or notify.</summary>
    public string EmailSender { get; set; } = LogOnly;

    /// <summary>log-only (the default) or notify.</summary>
    public string TextSender { get; set; } = LogOnly;

    public SmtpOptions SmtpServer { get; set; } = new();

    public NotifyOptions GovukNotify { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>StartTls (the default), SslOnConnect, or None (only for a relay on the same machine).</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = "";

    public string? FromName { get; set; }

    public int TimeoutSeconds { get; set; } = 30;
}

public sealed class NotifyOptions
{
    public string BaseUrl { get; set; } = "https://api.notifications.service.gov.uk";

    /// <summary>The API key as Notify shows it: key name, service id and secret, joined by hyphens.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>A Notify email template whose subject is ((subject)) and body ((body)); used for every kind without its own.</summary>
    public string? EmailTemplateId { get; set; }

    /// <summary>A Notify text template whose body is ((body)).</summary>
    public string? TextTemplateId { get; set; }

    /// <summary>Template ids for particular kinds of message ("meeting-reminder": "…"), overriding the two above.</summary>
    public Dictionary<string, string> Templates { get; set; } = [];

    /// <summary>The personalisation field names the templates use.</summary>
    public string SubjectField { get; set; } = "subject";

    public string BodyField { get; set; } = "body";

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// The bearer token GOV.UK Notify sends with received text messages (set the same value in Notify's callback
    /// settings). Until it is set, the callback address answers 404 and replies by text are not read.
    /// </summary>
    public string? InboundBearerToken { get; set; }
}
