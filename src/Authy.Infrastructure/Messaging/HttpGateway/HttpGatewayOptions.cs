using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Authy.Infrastructure.Messaging.HttpGateway;

/// <summary>
/// The HTTP gateway SMS provider (section <c>HttpGateway</c>), used when a <c>Messaging:Sms*Provider</c> is <c>Http</c>:
/// each SMS is a signed JSON POST to <see cref="Url"/> (docs/configuration.md, ADR 0015).
/// </summary>
public sealed class HttpGatewayOptions : IValidatableObject
{
    public const string SectionName = "HttpGateway";

    /// <summary>The gateway's endpoint. https, or http only to a loopback host or with <see cref="AllowInsecure"/>. Required.</summary>
    [Required]
    public string Url { get; set; } = string.Empty;

    /// <summary>
    /// Allows an http:// <see cref="Url"/> that is not loopback. Default false: the request carries the code and the
    /// full phone number.
    /// </summary>
    public bool AllowInsecure { get; set; }

    /// <summary>The HMAC-SHA256 key, used as its UTF-8 bytes: at least 32 bytes (e.g. <c>openssl rand -hex 32</c>). Never logged.</summary>
    [Required]
    public string Secret { get; set; } = string.Empty;

    /// <summary>Extra request headers, e.g. an API key the gateway expects (<c>HttpGateway:Headers:X-Api-Key</c>).</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Time limit of one request, in seconds. Default 10.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Headers the gateway sets itself; configuring them would break the request or its signature.</summary>
    private static readonly string[] ReservedHeaders =
        [GatewaySignature.TimestampHeader, GatewaySignature.SignatureHeader, "Content-Type", "Content-Length", "Host"];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Url))
        {
            if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                yield return new ValidationResult($"HttpGateway:Url must be an absolute https:// URL (it is '{Url}').", [nameof(Url)]);
            }
            else if (url.Scheme == Uri.UriSchemeHttp && !AllowInsecure && !Loopback.IsLoopback(url.Host))
            {
                yield return new ValidationResult(
                    "HttpGateway:Url uses http://, which sends codes and phone numbers in clear text; use https://, " +
                    "or set HttpGateway:AllowInsecure=true for a gateway on a network you trust.",
                    [nameof(Url)]);
            }
        }

        if (!string.IsNullOrEmpty(Secret) && Encoding.UTF8.GetByteCount(Secret) < GatewaySignature.MinimumSecretBytes)
        {
            yield return new ValidationResult(
                $"HttpGateway:Secret must be at least {GatewaySignature.MinimumSecretBytes} bytes (e.g. `openssl rand -hex 32`).",
                [nameof(Secret)]);
        }

        foreach (var name in Headers.Keys)
        {
            if (ReservedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                yield return new ValidationResult($"HttpGateway:Headers:{name} is set by the gateway itself and cannot be configured.", [nameof(Headers)]);
            }
            else if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || c == ':'))
            {
                yield return new ValidationResult($"HttpGateway:Headers:{name} is not a valid header name.", [nameof(Headers)]);
            }
        }
    }
}
