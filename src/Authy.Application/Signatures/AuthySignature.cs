using System.Security.Cryptography;
using System.Text;

namespace Authy.Application.Signatures;

/// <summary>
/// <c>X-Authy-Signature</c>: Base64(HMAC-SHA256(key, <c>nonce|METHOD|url|canonical_params</c>)), spec §3.17
/// and §3.18. OneTouch callbacks are keyed with the application's API key; Webhooks-API requests with
/// the application's API signing key. See README.md in this folder.
/// </summary>
public static class AuthySignature
{
    /// <summary>
    /// Base64(HMAC-SHA256(UTF-8(<paramref name="key"/>), UTF-8(nonce + "|" + METHOD + "|" + url + "|" + canonicalParams))),
    /// standard base64 with padding. <paramref name="method"/> is upper-cased (invariant).
    /// </summary>
    public static string Compute(string key, string nonce, string method, string url, string canonicalParams) =>
        Convert.ToBase64String(ComputeBytes(key, nonce, method, url, canonicalParams));

    /// <summary>
    /// Constant-time check of a received base64 signature. A null, empty or malformed signature is false.
    /// </summary>
    public static bool Verify(string key, string nonce, string method, string url, string canonicalParams, string? signature)
    {
        var expected = ComputeBytes(key, nonce, method, url, canonicalParams);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        // Generously sized so an over-long input still decodes and then fails on length, not on buffer size.
        Span<byte> received = stackalloc byte[64];
        if (signature.Length > 88 || !Convert.TryFromBase64String(signature, received, out var written))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, received[..written]);
    }

    /// <summary>
    /// The url part: <c>scheme://host[:port]/path</c>, without user info, query or fragment. A default port
    /// is omitted and the host lower-cased, as <see cref="Uri"/> does; an empty path is <c>/</c>.
    /// </summary>
    public static string UrlWithoutQuery(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException("The callback URL must be absolute.", nameof(url));
        }

        return url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
    }

    private static byte[] ComputeBytes(string key, string nonce, string method, string url, string canonicalParams)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(canonicalParams);

        var data = nonce + "|" + method.ToUpperInvariant() + "|" + url + "|" + canonicalParams;
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data));
    }
}
