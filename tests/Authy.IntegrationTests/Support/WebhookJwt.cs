using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// Checks a delivered webhook the way a receiver does (<c>jwt.verify(req.body.body, signing_key, {algorithms:["HS256"]})</c>),
/// written here from RFC 7515/7519 and sharing no code with the server's encoder.
/// </summary>
public static class WebhookJwt
{
    /// <summary>The verified claims of a delivery's <c>{"body":"&lt;JWT&gt;"}</c>; fails the test if anything is off.</summary>
    public static JsonObject Verify(ReceivedCallback delivery, string signingKey)
    {
        Assert.Equal("POST", delivery.Method);
        Assert.StartsWith("application/json", delivery.Headers["Content-Type"], StringComparison.Ordinal);
        var body = delivery.Json;
        Assert.Equal(["body"], body.Select(p => p.Key));
        var parts = body["body"]!.GetValue<string>().Split('.');
        Assert.Equal(3, parts.Length);

        var header = JsonNode.Parse(Decode(parts[0]))!.AsObject();
        Assert.Equal("HS256", header["alg"]!.GetValue<string>());
        Assert.Equal("JWT", header["typ"]!.GetValue<string>());
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Assert.True(CryptographicOperations.FixedTimeEquals(expected, Decode(parts[2])), "The JWT's HS256 signature does not verify with the webhook's signing key.");
        return JsonNode.Parse(Decode(parts[1]))!.AsObject();
    }

    private static byte[] Decode(string part)
    {
        Assert.DoesNotContain('=', part);
        var base64 = part.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64 + new string('=', (4 - (base64.Length % 4)) % 4));
    }
}
