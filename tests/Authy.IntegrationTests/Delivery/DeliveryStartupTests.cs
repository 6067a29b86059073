using Authy.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Authy.IntegrationTests.Delivery;

/// <summary>A channel on Smtp or Http with a bad section stops the start (ValidateOnStart), naming the setting.</summary>
public sealed class DeliveryStartupTests
{
    [Theory]
    [InlineData("Messaging:EmailProvider=Smtp|Smtp:Host=smtp.example.com|Smtp:Security=None|Smtp:FromAddress=a@example.com", "Smtp:Security=None sends codes in clear text")]
    [InlineData("Messaging:EmailProvider=Smtp|Smtp:Host=smtp.example.com", "FromAddress")]
    [InlineData("Messaging:EmailProvider=Smtp|Smtp:Host=smtp.example.com|Smtp:FromAddress=a@example.com|Smtp:Username=u", "Smtp:Password is required")]
    [InlineData("Messaging:SmsProvider=Http|HttpGateway:Url=http://sms.example.com/send|HttpGateway:Secret=0123456789abcdef0123456789abcdef", "HttpGateway:Url uses http://")]
    [InlineData("Messaging:SmsProvider=Http|HttpGateway:Url=https://sms.example.com/send|HttpGateway:Secret=too-short", "HttpGateway:Secret must be at least 32 bytes")]
    [InlineData("Messaging:SmsFallbackProvider=Http|HttpGateway:Secret=0123456789abcdef0123456789abcdef", "Url")]
    [InlineData("Outbox:MaxInFlight:Sms=0", "MaxInFlight:Sms")]
    [InlineData("Outbox:MaxInFlight:Webhook=1001", "MaxInFlight:Webhook")]
    public async Task Start_InvalidProviderSection_RefusesToStart(string settings, string expected)
    {
        await using var factory = new ConfiguredFactory(settings);

        var error = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync().AsTask);

        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    private sealed class ConfiguredFactory(string settings) : AuthyApiFactory(new Sqlite())
    {
        protected override bool RecordsMessages => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            foreach (var pair in settings.Split('|'))
            {
                var (key, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                builder.UseSetting(key, value);
            }
        }
    }
}
