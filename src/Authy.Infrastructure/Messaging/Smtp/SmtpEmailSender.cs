using System.Globalization;
using System.Text;
using Authy.Application.Messaging;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using MimeKit.Utils;

namespace Authy.Infrastructure.Messaging.Smtp;

/// <summary>
/// The <c>Smtp</c> provider: one SMTP session per message (connect, optional AUTH, MAIL/RCPT/DATA, QUIT) through
/// MailKit. The message is multipart/alternative with the localized text and HTML bodies, <c>Content-Language</c> set
/// to the locale and a fresh Message-ID, which becomes the receipt's provider message id.
/// </summary>
/// <remarks>
/// A 5xx refusal of the recipient or of the message is permanent (<see cref="PermanentDeliveryException"/>, <see cref="DeliveryRefusal.RecipientRefused"/> for
/// the recipient): the same message to the same address will be refused again. Everything else (4xx, a refused sender
/// or login, which are configuration problems the operator can fix, network and TLS errors, timeouts) is transient and
/// retried. The server's reply text is never passed on: servers echo the address in it, and exception messages reach
/// the logs and the outbox row.
/// REVIEW: a session per message is simple and survives server restarts; pool connections if volume ever needs it.
/// </remarks>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options, TimeProvider time) : IEmailSender
{
    public const string ProviderName = "smtp";

    public async Task<DeliveryReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var mime = Build(message, settings);
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(settings.TimeoutSeconds).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, ToSocketOptions(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException exception)
        {
            throw Classify(exception.ErrorCode, (int)exception.StatusCode);
        }

        return new DeliveryReceipt(ProviderName, mime.MessageId);
    }

    /// <summary>What an SMTP command error means for the outbox: permanent (with its refusal) or worth a retry.</summary>
    internal static Exception Classify(SmtpErrorCode stage, int status)
    {
        var reply = status.ToString(CultureInfo.InvariantCulture);
        return (stage, status >= 500) switch
        {
            (SmtpErrorCode.RecipientNotAccepted, true) =>
                new PermanentDeliveryException(ProviderName, DeliveryRefusal.RecipientRefused, $"the SMTP server refused the recipient ({reply})"),
            (SmtpErrorCode.MessageNotAccepted, true) =>
                new PermanentDeliveryException(ProviderName, DeliveryRefusal.Refused, $"the SMTP server refused the message ({reply})"),
            (SmtpErrorCode.SenderNotAccepted, _) =>
                new SmtpDeliveryException($"The SMTP server refused the sender, Smtp:FromAddress ({reply})."),
            _ => new SmtpDeliveryException($"The SMTP server answered {reply} ({stage})."),
        };
    }

    internal MimeMessage Build(EmailMessage message, SmtpOptions settings)
    {
        if (!MailboxAddress.TryParse(message.To, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new PermanentDeliveryException(ProviderName, DeliveryRefusal.RecipientRefused, "the recipient is not a valid e-mail address");
        }

        var from = new MailboxAddress(settings.FromName ?? string.Empty, settings.FromAddress);
        var body = new MultipartAlternative { Part(TextFormat.Plain, message.TextBody), Part(TextFormat.Html, message.HtmlBody) };
        // Content-* headers of a message belong to its top-level entity: MimeKit writes the body's, not the message's.
        body.Headers.Add(HeaderId.ContentLanguage, message.Locale);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = time.GetUtcNow(),
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
            Body = body,
        };
        mime.From.Add(from);
        mime.To.Add(to);
        return mime;
    }

    private static TextPart Part(TextFormat format, string text)
    {
        var part = new TextPart(format);
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    private static SecureSocketOptions ToSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown Smtp:Security."),
    };
}

/// <summary>A transient SMTP failure, carrying the reply code but never the server's text (it may name the recipient).</summary>
public sealed class SmtpDeliveryException(string message) : Exception(message);
