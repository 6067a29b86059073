using System.Net;
using Authy.Application.Messaging;
using Authy.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// The cost and fraud checks before any provider is called: allowed countries, the monthly cap, the per-prefix velocity
/// limit. A class of its own: it moves the fake clock across a month.
/// </summary>
public abstract class SendGuardTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : SendGuardTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : SendGuardTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

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
        Assert.Equal(0, await factory.QueuedCountAsync(OutboxChannel.Sms, to => to == phone.E164));
        Assert.Equal(0, await factory.QueuedCountAsync(OutboxChannel.Voice, to => to == phone.E164));
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
        await using var strict = new GuardedHost(factory, ("Fraud:MaxSendsPerPrefix", "2"));
        var prefix = NewPrefix();
        var one = strict.CreateApiClient((await factory.CreateAppAsync("Pumped A")).ApiKey);
        var two = strict.CreateApiClient((await factory.CreateAppAsync("Pumped B")).ApiKey);

        var a = await StartVerificationAsync(one, "1", prefix + "0001");
        var b = await StartVerificationAsync(two, "1", prefix + "0002");
        var c = await StartVerificationAsync(one, "1", prefix + "0003");
        var otherPrefix = await StartVerificationAsync(two, "1", TestPhone.Next().National);

        Assert.Equal(HttpStatusCode.OK, a.Status);
        Assert.Equal(HttpStatusCode.OK, b.Status);
        c.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
        Assert.Equal(TimeSpan.FromSeconds(3600), c.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, otherPrefix.Status);
    }

    [Fact]
    public async Task DeviceRegistration_PastThePrefixLimit_IsRefusedLikeAnApplicationsSend()
    {
        await using var strict = new GuardedHost(factory, ("Fraud:MaxSendsPerPrefix", "2"));
        var prefix = NewPrefix();
        var app = strict.CreateApiClient((await factory.CreateAppAsync("Prefix shared")).ApiKey);

        var bySms = await StartVerificationAsync(app, "1", prefix + "0100");
        var registrations = new List<ApiResponse>();
        for (var i = 1; i <= 5; i++)
        {
            registrations.Add(await strict.StartRegistrationAsync(prefix + $"010{i}", "call"));
        }

        Assert.Equal(HttpStatusCode.OK, bySms.Status);
        Assert.Equal(HttpStatusCode.Created, registrations[0].Status);
        Assert.All(registrations.Skip(1), r =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, r.Status);
            Assert.Equal("60003", r.Json["code"]!.GetValue<string>());
            Assert.StartsWith("application/problem+json", r.ContentType);
            Assert.Equal(TimeSpan.FromSeconds(3600), r.RetryAfter);
        });
        await factory.Senders.WaitForAsync<VoiceMessage>(m => m.To == $"+1{prefix}0101");
        Assert.Equal(1, await factory.QueuedCountAsync(OutboxChannel.Voice, to => to.StartsWith("+1" + prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NumberLimit_ARefusedSend_IsNotCountedForThePrefix()
    {
        await using var strict = new GuardedHost(factory, ("Fraud:MaxSendsPerNumber", "1"), ("Fraud:MaxSendsPerPrefix", "2"));
        var prefix = NewPrefix();
        var client = strict.CreateApiClient((await factory.CreateAppAsync("Number first")).ApiKey);

        var first = await StartVerificationAsync(client, "1", prefix + "0001");
        var again = await StartVerificationAsync(client, "1", prefix + "0001");
        var neighbour = await StartVerificationAsync(client, "1", prefix + "0002");
        var third = await StartVerificationAsync(client, "1", prefix + "0003");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        again.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
        Assert.Equal(HttpStatusCode.OK, neighbour.Status);
        third.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
    }

    [Fact]
    public async Task DeviceRegistration_SharesThePerNumberLimitWithApplicationSends()
    {
        await using var strict = new GuardedHost(factory, ("Fraud:MaxSendsPerNumber", "2"));
        var client = strict.CreateApiClient((await factory.CreateAppAsync("Number shared")).ApiKey);
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);

        var first = await client.GetApiAsync($"/protected/json/sms/{id}?force=true");
        var registration = await strict.StartRegistrationAsync(phone.National, "sms");
        var third = await client.GetApiAsync($"/protected/json/call/{id}?force=true");
        var otherNumber = await strict.StartRegistrationAsync(TestPhone.Next().National, "sms");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Created, registration.Status);
        third.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
        Assert.NotNull(third.RetryAfter);
        Assert.Equal(HttpStatusCode.Created, otherNumber.Status);
    }

    [Fact]
    public async Task DeviceRegistration_OneClientAddress_IsLimitedButApplicationsNeverAre()
    {
        await using var strict = new GuardedHost(factory, ("Fraud:MaxUnauthenticatedSendsPerAddress", "2"));
        var attacker = IPAddress.Parse("203.0.113.7");
        var app = strict.CreateApiClient((await factory.CreateAppAsync("Busy backend")).ApiKey, attacker);
        var users = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await AuthyApiFactory.RegisterUserAsync(app, TestPhone.Next()));
        }

        var fromAttacker = new List<ApiResponse>();
        for (var i = 0; i < 3; i++)
        {
            fromAttacker.Add(await strict.StartRegistrationAsync(TestPhone.Next().National, "sms", attacker));
        }

        var sameIpv6Subnet = new[]
        {
            await strict.StartRegistrationAsync(TestPhone.Next().National, "sms", IPAddress.Parse("2001:db8:1:2::1")),
            await strict.StartRegistrationAsync(TestPhone.Next().National, "sms", IPAddress.Parse("2001:db8:1:2::ffff")),
            await strict.StartRegistrationAsync(TestPhone.Next().National, "sms", IPAddress.Parse("2001:db8:1:2:abcd::9")),
        };
        var otherAddress = await strict.StartRegistrationAsync(TestPhone.Next().National, "sms", IPAddress.Parse("203.0.113.8"));
        var appSends = await Task.WhenAll(users.Select(id => app.GetApiAsync($"/protected/json/sms/{id}?force=true")));

        Assert.All(fromAttacker.Take(2), r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, fromAttacker[2].Status);
        Assert.Equal(TimeSpan.FromSeconds(3600), fromAttacker[2].RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, sameIpv6Subnet[2].Status);
        Assert.Equal(HttpStatusCode.Created, otherAddress.Status);
        Assert.All(appSends, r => Assert.Equal(HttpStatusCode.OK, r.Status));
    }

    [Fact]
    public async Task DeviceRegistration_CountryOrChannelOutsideTheServersList_IsRefusedBeforeAnySend()
    {
        await using var strict = new GuardedHost(
            factory, ("Fraud:UnauthenticatedCountries", "CA"), ("Fraud:UnauthenticatedChannels", "sms"));
        var us = TestPhone.Next();
        var canadian = "416555" + System.Security.Cryptography.RandomNumberGenerator.GetInt32(100, 200).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

        var usNumber = await strict.StartRegistrationAsync(us.National, "sms");
        var byCall = await strict.StartRegistrationAsync(canadian, "call");
        var bySms = await strict.StartRegistrationAsync(canadian, "sms");

        Assert.Equal(HttpStatusCode.Forbidden, usNumber.Status);
        Assert.Equal("60013", usNumber.Json["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, byCall.Status);
        Assert.Equal("60006", byCall.Json["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, bySms.Status);
        Assert.Equal(0, await factory.QueuedCountAsync(OutboxChannel.Sms, to => to == us.E164));
        Assert.Equal(0, await factory.QueuedCountAsync(OutboxChannel.Voice, to => to == "+1" + canadian));
    }

    [Fact]
    public async Task DeviceRegistration_WithoutApiKeyAtTheDefaults_DoesNotUseUpAnApplicationsSendsToTheNumber()
    {
        // An attacker with no API key and two client addresses registers "devices" for a victim's number, five per
        // device-registration window, all within the per-number window. Requests without a key get only their own
        // share of the number's budget (Fraud:MaxUnauthenticatedSendsPerNumber, 5), so the application the victim
        // logs in to can still send the victim's code.
        await using var host = new GuardedHost(factory);
        var client = host.CreateApiClient((await factory.CreateAppAsync("Victim's bank")).ApiKey);
        var victim = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, victim);
        var attackers = new[] { IPAddress.Parse("203.0.113.21"), IPAddress.Parse("203.0.113.22") };

        var registrations = new List<ApiResponse>();
        for (var round = 0; round < 4; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                registrations.Add(await host.StartRegistrationAsync(victim.National, "sms", attackers[registrations.Count / 10]));
            }

            factory.Clock.Advance(TimeSpan.FromSeconds(601)); // past Devices:RegistrationWindowSeconds, inside the number's hour
        }

        var login = await client.GetApiAsync($"/protected/json/sms/{id}?force=true");

        Assert.Equal(5, registrations.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(registrations.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.Status));
        Assert.Equal(HttpStatusCode.OK, login.Status);
    }

    [Fact]
    public async Task DeviceRegistration_BehindTwoTrustedProxies_CountsTheClientNotTheOuterProxy()
    {
        // Client -> CDN edge (198.51.100.7) -> load balancer (10.0.0.5) -> server, both proxies listed. Two clients
        // behind the same edge are two addresses; counting the edge would let one client lock out everyone behind it.
        await using var host = new GuardedHost(
            factory, ("Network:TrustedProxies", "10.0.0.5, 198.51.100.0/24"), ("Fraud:MaxUnauthenticatedSendsPerAddress", "1"));
        var loadBalancer = IPAddress.Parse("10.0.0.5");

        var first = await host.StartRegistrationAsync(TestPhone.Next().National, "sms", loadBalancer, "192.0.2.10, 198.51.100.7");
        var second = await host.StartRegistrationAsync(TestPhone.Next().National, "sms", loadBalancer, "192.0.2.11, 198.51.100.7");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
    }

    [Theory]
    [InlineData("", "203.0.113.31")] // no proxy trusted: no forwarded header is believed
    [InlineData("10.0.0.5", "203.0.113.32")] // a proxy is trusted, but the attacker connects directly
    public async Task DeviceRegistration_ForgedForwardedFor_DoesNotEscapeTheAddressLimit(string trustedProxies, string attackerAddress)
    {
        await using var host = new GuardedHost(
            factory, ("Network:TrustedProxies", trustedProxies), ("Fraud:MaxUnauthenticatedSendsPerAddress", "1"));
        var attacker = IPAddress.Parse(attackerAddress);

        var first = await host.StartRegistrationAsync(TestPhone.Next().National, "sms", attacker, "192.0.2.41");
        var second = await host.StartRegistrationAsync(TestPhone.Next().National, "sms", attacker, "192.0.2.42");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
    }

    [Fact]
    public async Task DeviceRegistration_BehindTrustedProxies_ForgedEntriesBeforeTheClientAreIgnored()
    {
        // The client sends its own X-Forwarded-For; the edge appends the client's real address, the load balancer the
        // edge's. Unwinding stops at the first untrusted address, the client's, whatever it put in front.
        await using var host = new GuardedHost(
            factory, ("Network:TrustedProxies", "10.0.0.5, 198.51.100.0/24"), ("Fraud:MaxUnauthenticatedSendsPerAddress", "1"));
        var loadBalancer = IPAddress.Parse("10.0.0.5");

        var first = await host.StartRegistrationAsync(TestPhone.Next().National, "sms", loadBalancer, "192.0.2.51, 192.0.2.20, 198.51.100.7");
        var second = await host.StartRegistrationAsync(TestPhone.Next().National, "sms", loadBalancer, "192.0.2.52, 192.0.2.20, 198.51.100.7");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
    }

    [Fact]
    public async Task DeviceRegistration_FromAnAddressPastItsLimit_DoesNotSpendTheVictimsRegistrations()
    {
        // An attacker already refused by the per-address limit keeps asking for registrations to a victim's number.
        // Nothing is sent, but each request still counts against the victim's registrations per phone (5 per 600 s),
        // so the victim, from their own address, cannot register an authenticator while the attacker keeps this up.
        await using var host = new GuardedHost(factory, ("Fraud:MaxUnauthenticatedSendsPerAddress", "1"));
        var attacker = IPAddress.Parse("203.0.113.61");
        var victim = TestPhone.Next();

        var attackersOwn = await host.StartRegistrationAsync(TestPhone.Next().National, "sms", attacker);
        var refused = new List<ApiResponse>();
        for (var i = 0; i < 5; i++)
        {
            refused.Add(await host.StartRegistrationAsync(victim.National, "sms", attacker));
        }

        var victimsOwn = await host.StartRegistrationAsync(victim.National, "sms", IPAddress.Parse("192.0.2.61"));

        Assert.Equal(HttpStatusCode.Created, attackersOwn.Status);
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.Status));
        Assert.Equal(HttpStatusCode.Created, victimsOwn.Status);
    }

    private static string NewPrefix() =>
        $"2017{System.Security.Cryptography.RandomNumberGenerator.GetInt32(10, 99)}";

    /// <summary>
    /// A second host on the same database with other <c>Fraud</c> settings. Requests may name the client address they
    /// come from (the in-process test server has none), as a connection from that address would.
    /// </summary>
    private sealed class GuardedHost(AuthyApiFactory inner, params (string Key, string Value)[] settings) : IAsyncDisposable
    {
        private const string ClientAddressHeader = "X-Test-Client-Address";

        private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _host = inner.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFilter>());
        });

        public HttpClient CreateApiClient(string apiKey, IPAddress? from = null)
        {
            var client = _host.CreateClient();
            client.DefaultRequestHeaders.Add("X-Authy-API-Key", apiKey);
            if (from is not null)
            {
                client.DefaultRequestHeaders.Add(ClientAddressHeader, from.ToString());
            }

            return client;
        }

        public async Task<ApiResponse> StartRegistrationAsync(string national, string via, IPAddress? from = null, string? forwardedFor = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/device/v1/registrations")
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { country_code = "1", phone_number = national, via }),
            };
            if (from is not null)
            {
                request.Headers.Add(ClientAddressHeader, from.ToString());
            }

            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }

            return await _host.CreateClient().SendApiAsync(request);
        }

        public ValueTask DisposeAsync() => _host.DisposeAsync();

        private sealed class ClientAddressFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader].ToString(), out var address))
                    {
                        context.Connection.RemoteIpAddress = address;
                    }

                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
