using Authy.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Authy.IntegrationTests.Api;

/// <summary>A Twilio configuration that cannot work stops the start, naming the setting and never its value.</summary>
public sealed class TwilioStartupChecksTests
{
    [Theory]
    [InlineData("PublicBaseUrl", "", "set Twilio:PublicBaseUrl or PublicBaseUrl")]
    [InlineData("AccountSid", "AC123", "Twilio:AccountSid must be AC followed by 32 hexadecimal digits")]
    [InlineData("AuthToken", "", "Twilio:AuthToken is required")]
    [InlineData("From", "0201 555 0100", "Twilio:From must be an E.164 number")]
    [InlineData("ApiKeySid", "SK0123456789abcdef0123456789abcdef", "Twilio:ApiKeySid and Twilio:ApiKeySecret go together")]
    public async Task TwilioSettingMissingOrMalformed_RefusesToStart(string key, string value, string expected)
    {
        await using var factory = new MisconfiguredTwilioFactory(key, value);

        var error = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync().AsTask);

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeTwilio.AuthToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_PlainHttpPublicBaseUrl_RefusesToStart()
    {
        await using var factory = new MisconfiguredTwilioFactory("PublicBaseUrl", "http://authy.example.test", "Production");

        var error = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync().AsTask);

        Assert.Contains("must use https in Production", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class MisconfiguredTwilioFactory(string key, string value, string environment = "Development")
        : AuthyApiFactory(new Sqlite())
    {
        protected override string Environment => environment;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            TwilioApiFactory.UseTwilio(builder, "https://api.twilio.invalid");
            builder.UseSetting($"Twilio:{key}", value);
        }
    }
}
