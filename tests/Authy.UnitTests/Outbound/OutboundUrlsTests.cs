using Authy.Application.Outbound;

namespace Authy.UnitTests.Outbound;

public sealed class OutboundUrlsTests
{
    [Theory]
    [InlineData("https://example.com/hooks/authy")]
    [InlineData("http://example.com:8080/hook?x=1")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    [InlineData("https://localhost.example.com/hook")] // only localhost itself and its subdomains are local
    public void Refusal_PublicUrl_IsNone(string url) => Assert.Null(OutboundUrls.Refusal(url, allowPrivateNetworks: false));

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:7f00:1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[fc00::1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://LocalHost:5000/hook")]
    [InlineData("http://localhost./hook")]
    [InlineData("http://a.b.localhost/hook")]
    [InlineData("http://localhost.localdomain/hook")]
    [InlineData("http://ip6-localhost/hook")]
    public void Refusal_PrivateOrLocalHost_IsNotPublicUnlessAllowed(string url)
    {
        Assert.Equal(OutboundUrls.NotPublic, OutboundUrls.Refusal(url, allowPrivateNetworks: false));
        Assert.Null(OutboundUrls.Refusal(url, allowPrivateNetworks: true));
    }

    [Theory]
    [InlineData("http://2130706433/hook")] // 127.0.0.1 as one integer
    [InlineData("http://0x7f000001/hook")] // hexadecimal
    [InlineData("http://017700000001/hook")] // octal
    [InlineData("http://0x7f.0.0.1/hook")]
    [InlineData("http://0177.0.0.1/hook")]
    [InlineData("http://127.1/hook")] // short form
    [InlineData("http://134744072/hook")] // 8.8.8.8: public, but written to hide what it is
    [InlineData("https://user:secret@example.com/hook")]
    [InlineData("https://user@example.com/hook")]
    [InlineData("https://example.com@127.0.0.1/hook")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com/_x")]
    [InlineData("javascript:alert(1)")]
    [InlineData("example.com/hook")]
    [InlineData("/hook")]
    public void Refusal_ShapeNotAllowed_IsInvalidEvenWithPrivateNetworks(string url)
    {
        Assert.Equal(OutboundUrls.Invalid, OutboundUrls.Refusal(url, allowPrivateNetworks: false));
        Assert.Equal(OutboundUrls.Invalid, OutboundUrls.Refusal(url, allowPrivateNetworks: true));
    }

    [Fact]
    public void Refusal_TooLong_IsInvalid() =>
        Assert.Equal(OutboundUrls.Invalid, OutboundUrls.Refusal("https://example.com/" + new string('a', OutboundUrls.MaxLength), allowPrivateNetworks: true));
}
