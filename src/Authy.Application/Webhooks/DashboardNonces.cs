using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Authy.Application.Webhooks;

/// <summary>
/// <c>X-Authy-Signature-Nonce</c> rules for Webhooks-API requests (ADR 0012). A nonce is any string of at most
/// <see cref="MaxLength"/> characters; one that reads as a Unix time — 10 digits of seconds or 13 of milliseconds,
/// optionally followed by a fraction, as in <c>1427849783.886085</c> — must also be close to the server's clock.
/// </summary>
public static class DashboardNonces
{
    public const int MaxLength = 255;

    /// <summary>
    /// The time a nonce names, when the whole nonce is <c>digits</c> or <c>digits.digits</c> and the integer part has
    /// 10 digits (seconds) or 13 (milliseconds). GUIDs, <c>n()+"."+n()</c> random pairs and other strings name no time.
    /// </summary>
    public static bool TryReadTimestamp(string nonce, out DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        timestamp = default;
        var dot = nonce.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? nonce : nonce[..dot];
        var fraction = dot < 0 ? string.Empty : nonce[(dot + 1)..];
        if (whole.Length is not (10 or 13) || !whole.All(char.IsAsciiDigit)
            || (dot >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))))
        {
            return false;
        }

        var value = long.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture);
        timestamp = whole.Length == 10 ? DateTimeOffset.FromUnixTimeSeconds(value) : DateTimeOffset.FromUnixTimeMilliseconds(value);
        return true;
    }

    /// <summary>What is stored per used nonce: its SHA-256, so the table holds no client-chosen text.</summary>
    public static byte[] Hash(string nonce) => SHA256.HashData(Encoding.UTF8.GetBytes(nonce));
}
