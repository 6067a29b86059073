using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Authy.Application.Devices;

/// <summary>
/// Device keys and device tokens. A device token is a compact JWS signed ES256 (P-256, SHA-256, raw r‖s — what
/// WebCrypto's ECDSA produces) with <c>sub</c> = device id, <c>iat</c>, <c>exp</c> and a one-use <c>jti</c>.
/// Only ES256 is accepted: the header cannot downgrade the algorithm.
/// </summary>
public static class DeviceKeys
{
    /// <summary>The key as SubjectPublicKeyInfo (DER), or null when it is not a valid P-256 point.</summary>
    public static byte[]? ImportJwk(DevicePublicKey? jwk)
    {
        if (jwk is not { Kty: "EC", Crv: "P-256" } || FromBase64Url(jwk.X) is not { Length: 32 } x || FromBase64Url(jwk.Y) is not { Length: 32 } y)
        {
            return null;
        }

        try
        {
            using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
            return key.ExportSubjectPublicKeyInfo();
        }
        catch (CryptographicException)
        {
            return null; // not a point on the curve
        }
    }

    /// <summary>The claims of a well-formed ES256 token, before its signature is checked; null when malformed.</summary>
    public static DeviceTokenClaims? ReadUnverified(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || token.Length > 4096)
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(FromBase64Url(parts[0]) ?? []);
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "ES256")
            {
                return null;
            }

            using var payload = JsonDocument.Parse(FromBase64Url(parts[1]) ?? []);
            var root = payload.RootElement;
            var signature = FromBase64Url(parts[2]);
            if (!long.TryParse(root.GetProperty("sub").GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var deviceId)
                || signature is not { Length: 64 })
            {
                return null;
            }

            var jti = root.GetProperty("jti").GetString();
            if (jti is not { Length: >= 16 and <= 64 })
            {
                return null;
            }

            return new DeviceTokenClaims(
                deviceId,
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("iat").GetInt64()),
                DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64()),
                jti,
                Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
                signature);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    public static bool SignatureIsValid(DeviceTokenClaims claims, byte[] subjectPublicKeyInfo) =>
        VerifySignature(subjectPublicKeyInfo, claims.SignedBytes, claims.Signature);

    /// <summary>ECDSA P-256 / SHA-256 over <paramref name="data"/>, signature as raw r‖s (what WebCrypto produces).</summary>
    public static bool VerifySignature(byte[] subjectPublicKeyInfo, byte[] data, byte[] signature)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    public static byte[]? FromBase64Url(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 4096)
        {
            return null;
        }

        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

public sealed record DeviceTokenClaims(long DeviceId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string TokenId, byte[] SignedBytes, byte[] Signature);
