using System.Net;
using Authy.Application.Messaging;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// The cost and fraud checks before any provider is called: allowed countries, the monthly cap, the per-prefix velocity
/// limit. A class of its own: it moves the fake clock across a month.
/// </summary>
public abstract class SendGuardTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(PostgresApiFactory factory) : SendGuardTests(factory), IClassFixture<PostgresApiFactory>;

    public sealed class OnSqlite(SqliteApiFactory factory) : SendGuardTests(factory), IClassFixture<SqliteApiFactory>;

    private static Task<ApiResponse> StartVerificationAsync(HttpClient client, string countryCode, string number) =>
        client.PostFormAsync("/protected/json/phones/verification/start", ("country_code", countryCode), ("phone_number", number));

    [Fact]
    public async Task AllowedCountries_RefuseOtherCountriesBeforeAnySend()
    {
        var app = await factory.CreateAppAsync("Canada only", s => s.AllowedCountries = "CA");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);

        var sms = await client.GetApiAsync($"/protected/json/sms/{id}?force=true");
        var call = await client.GetApiAsync($"/protected/json/call/{id}?force=true");
        var verification = await StartVerificationAsync(client, "1", phone.National);
        var canadian = await StartVerificationAsync(client, "1", "416-555-0199");

        sms.AssertAuthyError(HttpStatusCode.Forbidden, "60013");
        call.AssertAuthyError(HttpStatusCode.Forbidden, "60013");
        verification.AssertAuthyError(HttpStatusCode.Forbidden, "60013");
        Assert.Equal(HttpStatusCode.OK, canadian.Status);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(factory.Senders.Sms, m => m.To == phone.E164);
        Assert.DoesNotContain(factory.Senders.Calls, m => m.To == phone.E164);
    }

    [Fact]
    public async Task AllowedCountries_ListedCountry_IsSent()
    {
        var app = await factory.CreateAppAsync("North America", s => s.AllowedCountries = "ca, US");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);

        var sms = await client.GetApiAsync($"/protected/json/sms/{id}?force=true");

        Assert.Equal(HttpStatusCode.OK, sms.Status);
        await factory.Senders.WaitForAsync<SmsMessage>(m => m.To == phone.E164);
    }

    [Fact]
    public async Task MonthlyCap_RefusesWithTheChannelsErrorUntilNextMonth()
    {
        var app = await factory.CreateAppAsync("Capped", s => s.MonthlySendCap = 2);
        var client = factory.CreateApiClient(app.ApiKey);
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next()));
        }

        var first = await client.GetApiAsync($"/protected/json/sms/{ids[0]}");
        var second = await client.GetApiAsync($"/protected/json/call/{ids[1]}");
        var smsOverCap = await client.GetApiAsync($"/protected/json/sms/{ids[2]}");
        var callOverCap = await client.GetApiAsync($"/protected/json/call/{ids[2]}");
        var verificationOverCap = await StartVerificationAsync(client, "1", TestPhone.Next().National);
        var now = factory.Clock.GetUtcNow();
        factory.Clock.Advance(new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1).AddMinutes(1) - now);
        var nextMonth = await client.GetApiAsync($"/protected/json/sms/{ids[2]}");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        smsOverCap.AssertAuthyError(HttpStatusCode.TooManyRequests, "60009");
        callOverCap.AssertAuthyError(HttpStatusCode.TooManyRequests, "60011");
        verificationOverCap.AssertAuthyError(HttpStatusCode.TooManyRequests, "60009");
        Assert.Equal(HttpStatusCode.OK, nextMonth.Status);
    }

    [Fact]
    public async Task PrefixVelocity_RefusesSendsToOnePrefixAcrossApplications()
    {
        await using var strict = new PrefixLimitedFactory(factory, maxSendsPerPrefix: 2);
        var prefix = $"2017{System.Security.Cryptography.RandomNumberGenerator.GetInt32(10, 99)}";
        var one = strict.CreateApiClient((await factory.CreateAppAsync("Pumped A")).ApiKey);
        var two = strict.CreateApiClient((await factory.CreateAppAsync("Pumped B")).ApiKey);

        var a = await StartVerificationAsync(one, "1", prefix + "0001");
        var b = await StartVerificationAsync(two, "1", prefix + "0002");
        var c = await StartVerificationAsync(one, "1", prefix + "0003");
        var otherPrefix = await StartVerificationAsync(two, "1", TestPhone.Next().National);

        Assert.Equal(HttpStatusCode.OK, a.Status);
        Assert.Equal(HttpStatusCode.OK, b.Status);
        c.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
        Assert.Equal(HttpStatusCode.OK, otherPrefix.Status);
    }

    /// <summary>A second host on the same database with a low prefix limit.</summary>
    private sealed class PrefixLimitedFactory(AuthyApiFactory inner, int maxSendsPerPrefix) : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _host = inner.WithWebHostBuilder(
            builder => builder.UseSetting("Fraud:MaxSendsPerPrefix", maxSendsPerPrefix.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        public HttpClient CreateApiClient(string apiKey)
        {
            var client = _host.CreateClient();
            client.DefaultRequestHeaders.Add("X-Authy-API-Key", apiKey);
            return client;
        }

        public ValueTask DisposeAsync() => _host.DisposeAsync();
    }
}
