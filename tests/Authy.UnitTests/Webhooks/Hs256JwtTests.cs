using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Authy.Application.Webhooks;

namespace Authy.UnitTests.Webhooks;

public sealed class Hs256JwtTests
{
    // RFC 7515 Appendix A.1: the header and payload bytes include their CR LF line breaks, and the key is the JWK "k".
    private const string Rfc7515Header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
    private const string Rfc7515Payload = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
    private const string Rfc7515Key = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

    private const string Rfc7515Jws =
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9" +
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
        ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    [Fact]
    public void Encode_Rfc7515AppendixA1_MatchesPublishedJws()
    {
        var jws = Hs256Jwt.Encode(Encoding.UTF8.GetBytes(Rfc7515Header), Encoding.UTF8.GetBytes(Rfc7515Payload), FromBase64Url(Rfc7515Key));

        Assert.Equal(Rfc7515Jws, jws);
    }

    [Fact]
    public void Encode_Claims_HeaderIsHs256AndPayloadRoundTrips()
    {
        var token = Hs256Jwt.Encode(new JsonObject { ["event"] = "user_added", ["iat"] = 1795473480 }, "key");

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal("""{"alg":"HS256","typ":"JWT"}""", Encoding.UTF8.GetString(FromBase64Url(parts[0])));
        Assert.Equal("""{"event":"user_added","iat":1795473480}""", Encoding.UTF8.GetString(FromBase64Url(parts[1])));
        Assert.DoesNotContain('=', token);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
    }

    [Fact]
    public void Encode_StringKey_SignatureIsHmacOfUtf8KeyOverSigningInput()
    {
        var token = Hs256Jwt.Encode(new JsonObject { ["a"] = "é" }, "clé secrète");

        var dot = token.LastIndexOf('.');
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes("clé secrète"), Encoding.ASCII.GetBytes(token[..dot]));
        Assert.Equal(expected, FromBase64Url(token[(dot + 1)..]));
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
