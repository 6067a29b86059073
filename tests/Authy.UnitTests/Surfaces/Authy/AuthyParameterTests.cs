using Authy.Api.Surfaces.Authy;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.Apps;
using Authy.Application.Delivery;
using Authy.Application.Outcomes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Authy.UnitTests.Surfaces.Authy;

/// <summary>Declared parameters: read and typed before the handler, with the failure the Authy catalogue answers.</summary>
public sealed class AuthyParameterTests
{
    private static readonly AuthyParameter<CodeChannel> Via = AuthyParameter.Via("test");

    private static readonly AuthyParameter<int> CodeLength = AuthyParameter.Integer("code_length", "test", 4, 4, 10, "must be a whole number from 4 to 10");

    private static readonly AuthyParameter<TimeSpan> Expiry = AuthyParameter.Seconds("seconds_to_expire", "test", TimeSpan.FromDays(1), "must be whole seconds");

    [Theory]
    [InlineData(null, CodeChannel.Sms)]
    [InlineData(" ", CodeChannel.Sms)]
    [InlineData("SMS", CodeChannel.Sms)]
    [InlineData(" call ", CodeChannel.Voice)]
    public void Via_ReadsTheChannel(string? via, CodeChannel expected)
    {
        var request = Request(("via", via));

        Assert.Null(new AuthyParameters([Via]).ReadAll(request));
        Assert.Equal(expected, request.Get(Via));
    }

    [Theory]
    [InlineData("via", "fax", "Via")]
    [InlineData("code_length", "3", "CodeLength")]
    [InlineData("code_length", "11", "CodeLength")]
    [InlineData("code_length", "-5", "CodeLength")]
    [InlineData("seconds_to_expire", "1.5", "SecondsToExpire")]
    public void AnUnreadableValue_FailsNamingItsField(string name, string value, string field)
    {
        var failure = new AuthyParameters([Via, CodeLength, Expiry]).ReadAll(Request((name, value)));

        Assert.NotNull(failure);
        Assert.Equal(FailureKind.Invalid, failure.Kind);
        Assert.Equal(field, failure.Field);
    }

    [Fact]
    public void AbsentValues_TakeTheirDefaults()
    {
        var request = Request();

        Assert.Null(new AuthyParameters([CodeLength, Expiry]).ReadAll(request));
        Assert.Equal(4, request.Get(CodeLength));
        Assert.Equal(TimeSpan.FromDays(1), request.Get(Expiry));
    }

    [Fact]
    public void AuthyId_AnythingButAPositiveInteger_NamesNoUser()
    {
        var failure = new AuthyParameters([AuthyParameter.AuthyId]).ReadAll(Request(("authyId", "0")));

        Assert.Equal(FailureReason.UserNotFound, failure?.Reason);
    }

    [Fact]
    public void Get_OfAParameterTheRouteDidNotDeclare_Throws()
    {
        var request = Request(("code_length", "6"));
        Assert.Null(new AuthyParameters([Via]).ReadAll(request));

        var thrown = Assert.Throws<InvalidOperationException>(() => request.Get(CodeLength));

        Assert.Contains("code_length", thrown.Message, StringComparison.Ordinal);
    }

    /// <summary>A request whose bag holds <paramref name="values"/> (as route values: the bag merges every source alike).</summary>
    private static AuthyRequest Request(params (string Name, string? Value)[] values)
    {
        var route = new RouteValueDictionary();
        foreach (var (name, value) in values.Where(v => v.Value is not null))
        {
            route[name] = value;
        }

        return new AuthyRequest(new AuthenticatedApp(1, "App", new AppSettings()), ParameterBag.Empty.WithRouteValues(route), new HeaderDictionary());
    }
}
