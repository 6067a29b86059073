namespace Authy.UnitTests.Http.Parameters;

/// <summary>Spec §3.1: each official client's users/new request must yield the same parameters.</summary>
public sealed class ClientWireExampleTests
{
    public static TheoryData<string, string, string?, string?, bool?> UsersNewRequests => new()
    {
        {
            "node", "?send_install_link_via_sms=true&api_key=K", "application/x-www-form-urlencoded",
            "user%5Bemail%5D=a%40b.com&user%5Bcellphone%5D=555-123-4567&user%5Bcountry_code%5D=1", true
        },
        {
            "authy-client", "", "application/json",
            """{"user":{"cellphone":"555-123-4567","country_code":1,"email":"a@b.com"}}""", null
        },
        {
            "python", "", "application/json",
            """{"user":{"email":"a@b.com","cellphone":"555-123-4567","country_code":1},"send_install_link_via_sms":false}""", false
        },
        {
            "ruby", "", "application/x-www-form-urlencoded",
            "user[email]=a%40b.com&user[cellphone]=555-123-4567&user[country_code]=1&send_install_link_via_sms=true", true
        },
        {
            "php",
            "?user%5Bemail%5D=a%40b.com&user%5Bcellphone%5D=555-123-4567&user%5Bcountry_code%5D=1&user%5Bsend_install_link_via_sms%5D=1",
            null, "", true
        },
        {
            "java", "", "application/json",
            """{"user":{"country_code":"1","cellphone":"555-123-4567","email":"a@b.com"}}""", null
        },
        {
            "authy.net", "?api_key=K", "application/x-www-form-urlencoded",
            "user%5Bemail%5D=a%40b.com&user%5Bcellphone%5D=555-123-4567&user%5Bcountry_code%5D=1", null
        },
    };

    [Theory]
    [MemberData(nameof(UsersNewRequests))]
    public async Task ReadAsync_UsersNewFromEachClient_YieldsSameUser(
        string client,
        string query,
        string? contentType,
        string? body,
        bool? expectedInstallLink)
    {
        var request = ParameterBagReaderTests.CreateRequest("POST", query.Length == 0 ? null : query, contentType, body);

        var result = await ParameterBagReaderTests.ReadAsync(request);

        Assert.True(result.Succeeded, $"{client}: {result.Error}");
        var bag = result.Bag;
        Assert.Equal("a@b.com", bag.GetString("user", "email"));
        Assert.Equal("555-123-4567", bag.GetString("user", "cellphone"));
        Assert.True(bag.GetString("user", "country_code") == "1", client);
        // send_install_link_via_sms arrives top-level or, from php, nested under user (spec §1.3 rule 6).
        var installLink = bag.GetBoolean("send_install_link_via_sms") ?? bag.GetBoolean("user", "send_install_link_via_sms");
        Assert.Equal(expectedInstallLink, installLink);
    }

    [Fact]
    public async Task ReadAsync_AuthyClientStatusGetWithJsonBody_ReadsUserIp()
    {
        var request = ParameterBagReaderTests.CreateRequest("GET", null, "application/json", """{"user_ip":"1.2.3.4"}""");

        var result = await ParameterBagReaderTests.ReadAsync(request);

        Assert.True(result.Succeeded);
        Assert.Equal("1.2.3.4", result.Bag.GetString("user_ip"));
    }

    [Fact]
    public async Task ReadAsync_JavaDeleteWithEmptyJsonBody_Succeeds()
    {
        var request = ParameterBagReaderTests.CreateRequest("POST", null, "application/json", "");

        var result = await ParameterBagReaderTests.ReadAsync(request);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Bag.Keys);
    }

    [Fact]
    public async Task ReadAsync_NodeOneTouchWithIndexedLogos_NormalisesToList()
    {
        var request = ParameterBagReaderTests.CreateRequest("POST", "?api_key=K", "application/x-www-form-urlencoded",
            "message=Login&details%5BAccount%20Number%5D=981&logos%5B0%5D%5Bres%5D=default&logos%5B0%5D%5Burl%5D=https%3A%2F%2Fx%2Fd.png" +
            "&logos%5B1%5D%5Bres%5D=low&logos%5B1%5D%5Burl%5D=https%3A%2F%2Fx%2Fl.png&seconds_to_expire=120");

        var result = await ParameterBagReaderTests.ReadAsync(request);

        Assert.True(result.Succeeded);
        Assert.Equal("981", result.Bag.GetStringMap("details")?["Account Number"]);
        var logos = result.Bag.GetList("logos");
        Assert.NotNull(logos);
        Assert.Equal(["default", "low"], logos.Select(logo => logo["res"]?.Value));
        Assert.Equal("https://x/l.png", logos[1]["url"]?.Value);
    }

    [Fact]
    public async Task ReadAsync_RubyOneTouchWithRackArrays_ReadsLogos()
    {
        var request = ParameterBagReaderTests.CreateRequest("POST", null, "application/x-www-form-urlencoded",
            "message=Login&details[Bank+account]=x&logos[][res]=default&logos[][url]=d.png&logos[][res]=low&logos[][url]=l.png");

        var result = await ParameterBagReaderTests.ReadAsync(request);

        Assert.True(result.Succeeded);
        Assert.Equal("x", result.Bag.GetString("details", "Bank account"));
        var logos = result.Bag.GetList("logos");
        Assert.NotNull(logos);
        Assert.Equal(["d.png", "l.png"], logos.Select(logo => logo["url"]?.Value));
    }

    [Theory]
    [InlineData("?force=True")]
    [InlineData("?force=true")]
    [InlineData("?force=1")]
    public async Task ReadAsync_ForceFlagAsEachClientSendsIt_IsTrue(string query)
    {
        var result = await ParameterBagReaderTests.ReadAsync(ParameterBagReaderTests.CreateRequest("GET", query));

        Assert.True(result.Succeeded);
        Assert.True(result.Bag.GetBoolean("force"));
    }
}
