using System.Security.Cryptography;
using System.Text;
using Circles.Core.Messaging;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Circles.Web.Messaging;

/// <summary>
/// Unsubscribe links: the recipient and channel, signed with the site's data-protection keys, so following the
/// link needs no account and cannot be forged for someone else. They do not expire: an old email must still work.
/// </summary>
public sealed class MessageLinks(IDataProtectionProvider protection, PublicLinks links) : IMessageLinks
{
    private readonly IDataProtector protector = protection.CreateProtector("Circles.Messaging.Unsubscribe.v1");

    public string Unsubscribe(MessageRecipient recipient, MessageChannel channel) =>
        links.To($"/unsubscribe?token={Token(recipient, channel)}");

    private string Token(MessageRecipient recipient, MessageChannel channel) =>
        WebEncoders.Base64UrlEncode(protector.Protect(Encoding.UTF8.GetBytes($"{recipient}:{channel}")));

    public (MessageRecipient Recipient, MessageChannel Channel)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
            return text.Split(':') is [var kind, var id, var channel]
                && long.TryParse(id, out var number)
                && Enum.TryParse<MessageChannel>(channel, out var parsed)
                && kind is "person" or "user"
                ? (kind == "person" ? MessageRecipient.Person(number) : MessageRecipient.User(number), parsed)
                : null;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
