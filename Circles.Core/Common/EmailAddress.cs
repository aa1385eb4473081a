using System.Net.Mail;

namespace Circles.Core.Common;

public static class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>
    /// True for an address shaped like name@domain.tld. Deliverability is only known by sending;
    /// this catches typing mistakes without rejecting unusual but valid addresses.
    /// </summary>
    public static bool IsPlausible(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > MaxLength || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed)
        {
            return false;
        }

        var domain = address.Host;
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.');
    }

    public static string Normalise(string value) => value.Trim().ToUpperInvariant();
}
