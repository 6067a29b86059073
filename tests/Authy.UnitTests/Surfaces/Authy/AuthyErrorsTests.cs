using System.Reflection;
using Authy.Application.Errors;

namespace Authy.UnitTests.Errors;

public sealed class AuthyErrorsTests
{
    private static IEnumerable<AuthyError> Catalogue() =>
        typeof(AuthyErrors).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Select(p => (AuthyError)p.GetValue(null)!)
            .Concat([AuthyErrors.MissingParameter("x"), AuthyErrors.InvalidParameter("x", "y"), AuthyErrors.UserNotValid([])]);

    [Fact]
    public void Catalogue_EveryEntryIsAnAuthyCodeWithAnErrorStatusAndMessage() =>
        Assert.All(Catalogue(), e =>
        {
            Assert.Matches("^600[0-9]{2}$|^601[0-3][0-9]$", e.Code);
            Assert.InRange(e.Status, 400, 599);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        });

    [Fact]
    public void Catalogue_NoTwoEntriesAreTheSame() =>
        Assert.Equal(Catalogue().Count(), Catalogue().Select(e => (e.Code, e.Status, e.Message)).Distinct().Count());

    [Fact]
    public void Catalogue_MessagesClientsCompareAreExact()
    {
        Assert.Equal("Invalid API key", AuthyErrors.InvalidApiKey.Message);
        Assert.Equal("Token is invalid", AuthyErrors.TokenInvalid.Message);
        Assert.Equal("Token is invalid. Token was used recently.", AuthyErrors.TokenReused.Message);
        Assert.Equal("User not found.", AuthyErrors.UserNotFound.Message);
        Assert.Equal("Invalid parameter: country_code - Parameter is required", AuthyErrors.MissingParameter("country_code").Message);
        Assert.Equal([new KeyValuePair<string, string>("token", "is invalid")], AuthyErrors.TokenInvalid.TopLevel);
    }
}
