using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Authy.Application.Webhooks;

/// <summary>
/// A compact JWS (RFC 7515) signed with HMAC-SHA256, which is all a webhook delivery needs: receivers run
/// <c>jwt.verify(body, signing_key, {algorithms:["HS256"]})</c>. Written here rather than taken from a JWT package
/// because encoding is twenty lines and a package would bring parsing and algorithm choices we never want.
/// </summary>
public static class Hs256Jwt
{
    /// <summary>The protected header every token carries.</summary>
    public const string Header = """{"alg":"HS256","typ":"JWT"}""";

    /// <summary>
    /// <c>base64url(header) "." base64url(claims) "." base64url(HMAC-SHA256(key, signing input))</c>, unpadded.
    /// The key is the UTF-8 bytes of the webhook's signing key, as jsonwebtoken and PyJWT use a string secret.
    /// </summary>
    public static string Encode(JsonObject claims, string key)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(key);
        return Encode(Encoding.UTF8.GetBytes(Header), Encoding.UTF8.GetBytes(claims.ToJsonString()), Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The same over exact header and payload bytes (the RFC 7515 vectors depend on their line breaks).</summary>
    public static string Encode(ReadOnlySpan<byte> headerJson, ReadOnlySpan<byte> payloadJson, ReadOnlySpan<byte> key)
    {
        var signingInput = Base64Url.EncodeToString(headerJson) + "." + Base64Url.EncodeToString(payloadJson);
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }
}
