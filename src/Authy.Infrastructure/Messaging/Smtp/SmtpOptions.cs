using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Authy.Infrastructure.Messaging.Smtp;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (port 587). The default.</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, port 465).</summary>
    SslOnConnect,

    /// <summary>No TLS at all: only to a loopback host, or with <see cref="SmtpOptions.AllowInsecure"/>.</summary>
    None,
}

/// <summary>The SMTP e-mail provider (section <c>Smtp</c>), used when a <c>Messaging:Email*Provider</c> is <c>Smtp</c>.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string SectionName = "Smtp";

    /// <summary>The SMTP server's host name. Required.</summary>
    [Required]
    public string Host { get; set; } = string.Empty;

    /// <summary>The server's port. Default 587 (submission with STARTTLS).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured. Default <see cref="SmtpSecurity.StartTls"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>
    /// Allows <see cref="SmtpSecurity.None"/> to a host that is not loopback (a relay on a private network you trust).
    /// Default false: without TLS, the codes (and the password, if any) cross the network in clear text.
    /// </summary>
    public bool AllowInsecure { get; set; }

    /// <summary>User name for SMTP AUTH; none by default (no authentication).</summary>
    public string? Username { get; set; }

    /// <summary>Password for SMTP AUTH; required when <see cref="Username"/> is set. Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The sender's address (the From header and the envelope sender). Required.</summary>
    [Required]
    public string FromAddress { get; set; } = string.Empty;

    /// <summary>The sender's display name, e.g. <c>Acme Security</c>. Optional.</summary>
    public string? FromName { get; set; }

    /// <summary>Time limit of each SMTP operation (connect, each command), in seconds. Default 10.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Security == SmtpSecurity.None && !AllowInsecure && !Loopback.IsLoopback(Host))
        {
            yield return new ValidationResult(
                $"Smtp:Security=None sends codes in clear text and is only allowed to a loopback host (Smtp:Host is '{Host}'). " +
                "Use StartTls or SslOnConnect, or set Smtp:AllowInsecure=true for a relay on a network you trust.",
                [nameof(Security)]);
        }

        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:Password is required when Smtp:Username is set.", [nameof(Password)]);
        }

        if (string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("Smtp:Username is required when Smtp:Password is set.", [nameof(Username)]);
        }

        if (!string.IsNullOrEmpty(FromAddress) && !IsMailbox(FromAddress))
        {
            yield return new ValidationResult("Smtp:FromAddress must be one e-mail address, like security@example.com.", [nameof(FromAddress)]);
        }
    }

    private static bool IsMailbox(string address) =>
        MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address == address.Trim() && address.Contains('@', StringComparison.Ordinal);
}
