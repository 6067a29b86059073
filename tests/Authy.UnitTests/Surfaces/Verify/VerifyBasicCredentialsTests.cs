using System.Text;
using Authy.Api.Surfaces.Verify;

namespace Authy.UnitTests.Surfaces.Verify;

/// <summary>Reading the Basic header: the username up to the first colon, the rest the password.</summary>
public sealed class VerifyBasicCredentialsTests
{
    [Theory]
    [InlineData("AC1:token", "AC1", "token")]
    [InlineData("SK1:se:cr:et", "SK1", "se:cr:et")]
    [InlineData("AC1:", "AC1", "")]
    [InlineData("AC1:pässwörd", "AC1", "pässwörd")]
    public void ReadCredentials_SplitsAtTheFirstColon(string pair, string username, string password)
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));

        Assert.Equal((username, password), VerifyBasicAuthenticationHandler.ReadCredentials(header));
        Assert.Equal((username, password), VerifyBasicAuthenticationHandler.ReadCredentials("basic " + header[6..]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Basic ")]
    [InlineData("Basic !!!")]
    [InlineData("Bearer QUMxOnRva2Vu")]
    [InlineData("Basic bm9jb2xvbg==")] // "nocolon"
    [InlineData("Basic OnRva2Vu")] // ":token": no username
    public void ReadCredentials_RefusesWhatIsNotAUsernameAndPassword(string header) =>
        Assert.Null(VerifyBasicAuthenticationHandler.ReadCredentials(header));

    [Fact]
    public void ReadCredentials_RefusesAnOverlongHeaderWithoutDecodingIt() =>
        Assert.Null(VerifyBasicAuthenticationHandler.ReadCredentials("Basic " + new string('A', 600)));
}
