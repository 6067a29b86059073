using System.Security.Cryptography;
using System.Text;
using Authy.Application.Signatures;

namespace Authy.UnitTests.Signatures;

public sealed class AuthySignatureTests
{
    private const string Key = "FU10H0uCafgKnXvPfDm5iAisVuHDgXJA";
    private const string Nonce = "1512923419";
    private const string Url = "https://customer.example/authy/callback";
    private const string Params = "authy_id=688611&status=approved&uuid=4a725520-bff5-0135-eb01-0e5d90336a8c";

    [Fact]
    public void Compute_Always_IsBase64HmacSha256OfPipeJoinedData()
    {
        var expected = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Key),
            Encoding.UTF8.GetBytes(Nonce + "|POST|" + Url + "|" + Params)));

        var signature = AuthySignature.Compute(Key, Nonce, "POST", Url, Params);

        Assert.Equal(expected, signature);
        Assert.Equal(44, signature.Length);
        Assert.EndsWith("=", signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_LowerCaseMethod_IsUpperCased()
    {
        Assert.Equal(AuthySignature.Compute(Key, Nonce, "GET", Url, Params), AuthySignature.Compute(Key, Nonce, "get", Url, Params));
    }

    [Fact]
    public void Compute_EmptyParams_KeepsTheTrailingSeparator()
    {
        var expected = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Key),
            Encoding.UTF8.GetBytes(Nonce + "|GET|" + Url + "|")));

        Assert.Equal(expected, AuthySignature.Compute(Key, Nonce, "GET", Url, string.Empty));
    }

    [Fact]
    public void Compute_NonAsciiKey_IsUtf8()
    {
        var expected = Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("clé"),
            Encoding.UTF8.GetBytes(Nonce + "|POST|" + Url + "|" + Params)));

        Assert.Equal(expected, AuthySignature.Compute("clé", Nonce, "POST", Url, Params));
    }

    [Fact]
    public void Verify_ComputedSignature_IsTrue()
    {
        var signature = AuthySignature.Compute(Key, Nonce, "POST", Url, Params);

        Assert.True(AuthySignature.Verify(Key, Nonce, "POST", Url, Params, signature));
    }

    [Theory]
    [InlineData("other-key", Nonce, "POST", Url, Params)]
    [InlineData(Key, "1512923420", "POST", Url, Params)]
    [InlineData(Key, Nonce, "GET", Url, Params)]
    [InlineData(Key, Nonce, "POST", "https://customer.example/authy/callback2", Params)]
    [InlineData(Key, Nonce, "POST", Url, "authy_id=688611&status=denied&uuid=4a725520-bff5-0135-eb01-0e5d90336a8c")]
    [InlineData(Key, Nonce, "POST", Url, "")]
    public void Verify_AnyInputChanged_IsFalse(string key, string nonce, string method, string url, string canonicalParams)
    {
        var signature = AuthySignature.Compute(Key, Nonce, "POST", Url, Params);

        Assert.False(AuthySignature.Verify(key, nonce, method, url, canonicalParams, signature));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("####")]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==")]
    public void Verify_MalformedOrWrongLengthSignature_IsFalse(string signature)
    {
        Assert.False(AuthySignature.Verify(Key, Nonce, "POST", Url, Params, signature));
    }

    [Fact]
    public void Verify_NullSignature_IsFalse()
    {
        Assert.False(AuthySignature.Verify(Key, Nonce, "POST", Url, Params, null));
    }

    [Fact]
    public void Verify_TruncatedSignature_IsFalse()
    {
        var signature = AuthySignature.Compute(Key, Nonce, "POST", Url, Params);
        var truncated = Convert.ToBase64String(Convert.FromBase64String(signature)[..31]);

        Assert.False(AuthySignature.Verify(Key, Nonce, "POST", Url, Params, truncated));
    }

    [Fact]
    public void Verify_SignatureWithExtraBytes_IsFalse()
    {
        var signature = Convert.FromBase64String(AuthySignature.Compute(Key, Nonce, "POST", Url, Params));
        var extended = Convert.ToBase64String([.. signature, 0]);

        Assert.False(AuthySignature.Verify(Key, Nonce, "POST", Url, Params, extended));
    }

    [Fact]
    public void Verify_VeryLongInput_IsFalse()
    {
        var signature = AuthySignature.Compute(Key, Nonce, "POST", Url, Params);

        Assert.False(AuthySignature.Verify(Key, Nonce, "POST", Url, Params, string.Concat(Enumerable.Repeat(signature, 100))));
    }

    [Fact]
    public void Verify_OneBitFlipped_IsFalse()
    {
        var bytes = Convert.FromBase64String(AuthySignature.Compute(Key, Nonce, "POST", Url, Params));
        bytes[^1] ^= 1;

        Assert.False(AuthySignature.Verify(Key, Nonce, "POST", Url, Params, Convert.ToBase64String(bytes)));
    }

    [Theory]
    [InlineData("https://foo.bar", "https://foo.bar/")]
    [InlineData("https://foo.bar/", "https://foo.bar/")]
    [InlineData("https://foo.bar/?a=1&b=2", "https://foo.bar/")]
    [InlineData("http://f617c113.ngrok.io/approved?x=1#frag", "http://f617c113.ngrok.io/approved")]
    [InlineData("https://Example.COM:443/cb", "https://example.com/cb")]
    [InlineData("http://example.com:80/cb", "http://example.com/cb")]
    [InlineData("https://example.com:8443/a/b/", "https://example.com:8443/a/b/")]
    [InlineData("http://localhost:5000/authy/callback?token=abc", "http://localhost:5000/authy/callback")]
    [InlineData("https://user:secret@example.com/cb", "https://example.com/cb")]
    [InlineData("http://[::1]:5000/cb", "http://[::1]:5000/cb")]
    [InlineData("https://example.com/a%20b/c", "https://example.com/a%20b/c")]
    public void UrlWithoutQuery_AbsoluteUrl_IsSchemeHostPortAndPath(string url, string expected)
    {
        Assert.Equal(expected, AuthySignature.UrlWithoutQuery(new Uri(url)));
    }

    [Fact]
    public void UrlWithoutQuery_RelativeUrl_Throws()
    {
        Assert.Throws<ArgumentException>(() => AuthySignature.UrlWithoutQuery(new Uri("/callback", UriKind.Relative)));
    }
}
