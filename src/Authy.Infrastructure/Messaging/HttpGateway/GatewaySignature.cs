using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Authy.Infrastructure.Messaging.HttpGateway;

/// <summary>
/// The gateway request signature (ADR 0015): <c>v1=</c> and the lowercase hex HMAC-SHA256, keyed with the secret's
/// UTF-8 bytes, of <c>{timestamp}.{body}</c>, where the timestamp is the <see cref="TimestampHeader"/> value (unix
/// seconds) and the body is the exact bytes sent. Signing the timestamp lets a receiver refuse replays of old requests.
/// </summary>
public static class GatewaySignature
{
    public const string TimestampHeader = "X-Authy-Gateway-Timestamp";
    public const string SignatureHeader = "X-Authy-Gateway-Signature";
    public const string Version = "v1";
    public const int MinimumSecretBytes = 32;

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return Version + "=" + Convert.ToHexStringLower(mac);
    }
}
