using Authy.Infrastructure.Messaging.Twilio;

namespace Authy.UnitTests.Messaging.Twilio;

/// <summary>
/// The signature check (the library's RequestValidator behind our fail-closed rules), against the vectors of
/// twilio-csharp's RequestValidatorTest and twilio-python's test_request_validator.
/// </summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string Signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static Dictionary<string, string> Params => new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["From"] = "+14158675309",
        ["Digits"] = "1234",
        ["To"] = "+18005551212",
        ["Caller"] = "+14158675309",
    };

    [Fact]
    public void IsValid_OfficialVector_Accepted() =>
        Assert.True(TwilioSignature.IsValid(Token, Url, Params, Signature));

    [Theory]
    [InlineData(Url, "kvajT1Ptam85bY51eRf/AJRuM3w=")] // signed as https://mycompany.com:443/…
    [InlineData("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")] // signed as http://mycompany.com:80/…
    public void IsValid_SignatureWithDefaultPort_AcceptedForUrlWithoutPort(string ourUrl, string signature) =>
        Assert.True(TwilioSignature.IsValid(Token, ourUrl, Params, signature));

    [Fact]
    public void IsValid_SignatureWithoutPort_AcceptedForUrlWithOtherPort() =>
        Assert.True(TwilioSignature.IsValid(Token, "https://mycompany.com:1234/myapp.php?foo=1&bar=2", Params, Signature));

    [Fact]
    public void IsValid_ParametersInAnyOrder_Accepted() =>
        Assert.True(TwilioSignature.IsValid(Token, Url, Params.Reverse().ToDictionary(), Signature));

    [Theory]
    [InlineData("12346", Url, Signature)] // wrong token
    [InlineData(Token, "https://mycompany.com/myapp.php?foo=1&bar=3", Signature)] // other URL
    [InlineData(Token, "https://MyCompany.com/myapp.php?foo=1&bar=2", Signature)] // host case matters
    [InlineData(Token, Url, "RSOYDt4T1cUTdK1PDd93/VVr8B9=")]
    [InlineData(Token, Url, "")]
    [InlineData(Token, Url, null)]
    [InlineData("", Url, Signature)]
    public void IsValid_AnythingChangedOrMissing_Rejected(string token, string url, string? signature) =>
        Assert.False(TwilioSignature.IsValid(token, url, Params, signature));

    [Fact]
    public void IsValid_ParameterValueChanged_Rejected()
    {
        var changed = Params;
        changed["Caller"] = "+14158675300";

        Assert.False(TwilioSignature.IsValid(Token, Url, changed, Signature));
    }

    [Theory]
    [InlineData("https://2fa.example.com:443", "https://2fa.example.com")]
    [InlineData("http://2fa.example.com:80/", "http://2fa.example.com")]
    [InlineData("https://2FA.example.com:8443/auth/", "https://2fa.example.com:8443/auth")]
    [InlineData("https://2fa.example.com/a%20b", "https://2fa.example.com/a%20b")]
    public void CanonicalPublicBaseUrl_DropsTheDefaultPort_SoTwilioPortlessSignaturesMatch(string configured, string canonical) =>
        Assert.Equal(canonical, TwilioOptions.CanonicalPublicBaseUrl(configured));
}
