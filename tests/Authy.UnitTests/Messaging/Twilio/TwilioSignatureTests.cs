using Authy.Infrastructure.Messaging.Twilio;

namespace Authy.UnitTests.Messaging.Twilio;

/// <summary>Against the vectors of twilio-csharp's RequestValidatorTest and twilio-python's test_request_validator.</summary>
public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static readonly KeyValuePair<string, string>[] Params =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("From", "+14158675309"),
        new("Digits", "1234"),
        new("To", "+18005551212"),
        new("Caller", "+14158675309"),
    ];

    [Fact]
    public void Compute_OfficialVector_MatchesTwilio() =>
        Assert.Equal("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.Compute(Token, Url, Params));

    [Theory]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("http://mycompany.com:80/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=")]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=")]
    public void Compute_OfficialUrlVariants_MatchTwilio(string url, string expected) =>
        Assert.Equal(expected, TwilioSignature.Compute(Token, url, Params));

    [Theory]
    [InlineData(Url)]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2")]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2")]
    public void IsValid_SignatureWithoutPort_AcceptedWithOrWithoutPortInOurUrl(string ourUrl) =>
        Assert.True(TwilioSignature.IsValid(Token, ourUrl, Params, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));

    [Fact]
    public void IsValid_SignatureWithDefaultPort_AcceptedForUrlWithoutPort() =>
        Assert.True(TwilioSignature.IsValid(Token, Url, Params, "kvajT1Ptam85bY51eRf/AJRuM3w="));

    [Fact]
    public void IsValid_ParametersInAnyOrder_Accepted() =>
        Assert.True(TwilioSignature.IsValid(Token, Url, [.. Params.Reverse()], "RSOYDt4T1cUTdK1PDd93/VVr8B8="));

    [Theory]
    [InlineData("12346", Url, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")] // wrong token
    [InlineData(Token, "https://mycompany.com/myapp.php?foo=1&bar=3", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")] // other URL
    [InlineData(Token, "https://MyCompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")] // host case matters
    [InlineData(Token, Url, "RSOYDt4T1cUTdK1PDd93/VVr8B9=")]
    [InlineData(Token, Url, "")]
    [InlineData(Token, Url, null)]
    public void IsValid_AnythingChanged_Rejected(string token, string url, string? signature) =>
        Assert.False(TwilioSignature.IsValid(token, url, Params, signature));

    [Fact]
    public void IsValid_ParameterValueChanged_Rejected() =>
        Assert.False(TwilioSignature.IsValid(Token, Url, [.. Params[..4], new("Caller", "+14158675300")], "RSOYDt4T1cUTdK1PDd93/VVr8B8="));

    [Fact]
    public void UrlVariants_KeepUserInfoPathAndQueryVerbatim() =>
        Assert.Equal(
            ["http://u:p@Host.example:8080/a%20b?x=1", "http://u:p@Host.example/a%20b?x=1", "http://u:p@Host.example:80/a%20b?x=1"],
            TwilioSignature.UrlVariants("http://u:p@Host.example:8080/a%20b?x=1"));
}
