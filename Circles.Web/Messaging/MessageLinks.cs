using System.Security.Cryptography;
using System.Text;
using Circles.Core.CheckIns;
using Circles.Core.Messaging;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace Circles.Web.Messaging;

/// <summary>
/// Links in messages. Unsubscribe links carry the recipient and channel, signed with the site's data-protection
/// keys, so following one needs no account and cannot be forged for someone else; they do not expire, as an old
/// email must still work. Check-in reply links carry a request id signed the same way (under another purpose);
/// their expiry and single use are kept on the request, by the site's clock.
/// </summary>
public sealed class MessageLinks(IDataProtectionProvider protection, PublicLinks links) : IMessageLinks, ICheckInReplyTokens
{
    private readonly IDataProtector protector = protection.CreateProtector("Circles.Messaging.Unsubscribe.v1");

    private readonly IDataProtector replies = protection.CreateProtector("Circles.CheckIns.Reply.v1");

    public string PersonRecord(long personId) => links.To($"/people/{personId}");

    public string StaleAssets() => links.To("/assets/stale");

    public string Volunteer(long volunteerId) => links.To($"/volunteers/{volunteerId}");

    // In the query string, like unsubscribe links, so request logs (which record the path) never hold a live token.
    public string CheckInReply(string token) => links.To($"{CheckInReplyLinks.Path}?token={token}");

    public string Issue(long requestId) =>
        WebEncoders.Base64UrlEncode(replies.Protect(Encoding.UTF8.GetBytes(requestId.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    long? ICheckInReplyTokens.Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return long.TryParse(Encoding.UTF8.GetString(replies.Unprotect(WebEncoders.Base64UrlDecode(token))), out var id) ? id : null;
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }
    }

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
