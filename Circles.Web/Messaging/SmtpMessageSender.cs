using Circles.Core.Messaging;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Circles.Web.Messaging;

/// <summary>Email through an SMTP server, with MailKit. One connection per message: simple and safe in parallel.</summary>
public sealed class SmtpMessageSender(IOptions<MessagingOptions> options) : IMessageSender
{
    public string Name => MessagingOptions.Smtp;

    public async Task<SendOutcome> Send(ClaimedMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.SmtpServer;
        MimeMessage email;
        try
        {
            email = Compose(message, smtp);
        }
        catch (ParseException)
        {
            return SendOutcome.Refused("The email address could not be read");
        }

        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, SecurityOf(smtp.Security), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            var response = await client.SendAsync(email, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return SendOutcome.Sent(email.MessageId ?? response);
        }
        catch (SmtpCommandException exception) when (exception.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.SenderNotAccepted
                                                       && (int)exception.StatusCode >= 500)
        {
            return SendOutcome.Refused($"The mail server refused it ({(int)exception.StatusCode})");
        }
        catch (SmtpCommandException exception)
        {
            return SendOutcome.TryAgain($"The mail server did not accept it ({(int)exception.StatusCode}, {exception.ErrorCode})");
        }
        catch (Exception exception) when (exception is SmtpProtocolException or ServiceNotConnectedException
                                               or AuthenticationException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // The exception type only: some servers echo addresses in their messages.
            return SendOutcome.TryAgain($"The mail server could not be reached or did not accept it ({exception.GetType().Name})");
        }
    }

    public static MimeMessage Compose(ClaimedMessage message, SmtpOptions smtp)
    {
        var email = new MimeMessage();
        email.From.Add(new MailboxAddress(smtp.FromName ?? "", smtp.FromAddress));
        email.To.Add(MailboxAddress.Parse(message.Recipient ?? ""));
        email.Subject = message.Subject;
        email.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(MailboxAddress.Parse(smtp.FromAddress).Domain);
        email.Headers.Add("X-Circles-Reference", message.Reference);
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            email.Headers.Add(HeaderId.ListUnsubscribe, $"<{unsubscribe}>");
        }

        // Quoted-printable keeps the message 7-bit, so curly quotes and £ survive servers without 8BITMIME.
        email.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.Body, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        return email;
    }

    private static SecureSocketOptions SecurityOf(string security) => security switch
    {
        "SslOnConnect" => SecureSocketOptions.SslOnConnect,
        "None" => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}
