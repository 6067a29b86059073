using System.Security.Cryptography;
using System.Text;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>
/// Twilio's <c>X-Twilio-Signature</c>: Base64(HMAC-SHA1(AuthToken, full URL + each POST parameter's name and value,
/// names in ordinal order)), as twilio-csharp's and twilio-python's <c>RequestValidator</c> compute it.
/// </summary>
public static class TwilioSignature
{
    /// <summary>The signature of a request to <paramref name="url"/> with these form parameters (none for GET).</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        // Repeated names are sorted by value too, as twilio-python does; Twilio sends none in our callbacks.
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>
    /// Whether <paramref name="signature"/> signs this request. The URL is tried as given, without its port and with the
    /// scheme's default port, because Twilio's own validators do so ("signature generation on the back end is
    /// inconsistent" about ports). Compared in constant time; a missing signature never matches.
    /// </summary>
    public static bool IsValid(string authToken, string url, IReadOnlyCollection<KeyValuePair<string, string>> parameters, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        var expected = Encoding.UTF8.GetBytes(signature);
        var valid = false;
        foreach (var candidate in UrlVariants(url))
        {
            // No early exit: every variant costs the same whichever matches.
            valid |= CryptographicOperations.FixedTimeEquals(expected, Encoding.UTF8.GetBytes(Compute(authToken, candidate, parameters)));
        }

        return valid;
    }

    /// <summary>The URL as given, without its port, and with the scheme's default port (distinct values only).</summary>
    internal static IEnumerable<string> UrlVariants(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return [url];
        }

        // UriBuilder would re-encode the path and query; only the authority is rebuilt, the rest is kept verbatim.
        var authorityStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var rest = authorityEnd < 0 ? string.Empty : url[authorityEnd..];
        var authority = authorityEnd < 0 ? url[authorityStart..] : url[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? string.Empty : authority[..(at + 1)];
        var hostPort = authority[(at + 1)..];
        var colon = hostPort.LastIndexOf(':');
        var host = colon > hostPort.LastIndexOf(']') && colon >= 0 ? hostPort[..colon] : hostPort;
        var prefix = url[..authorityStart] + userInfo;
        var defaultPort = uri.Scheme == Uri.UriSchemeHttps ? 443 : 80;
        return new[] { url, prefix + host + rest, $"{prefix}{host}:{defaultPort}{rest}" }.Distinct(StringComparer.Ordinal);
    }
}
