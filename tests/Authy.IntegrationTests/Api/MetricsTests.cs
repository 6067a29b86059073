using System.Net;
using Authy.Infrastructure.Outbox;
using Authy.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>/metrics in Prometheus format: request, verification, delivery, error, throttle and outbox series, and no secret in a label.</summary>
public sealed class MetricsTests(AuthyApiFactory<Postgres> factory) : IClassFixture<AuthyApiFactory<Postgres>>
{
    [Fact]
    public async Task Metrics_AfterSendAndVerify_ExposeTheSeriesWithoutCodesOrNumbers()
    {
        var app = await factory.CreateAppAsync("Metered");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);
        await client.GetApiAsync($"/protected/json/sms/{id}");
        var code = await factory.WaitForSmsCodeAsync(phone);
        await client.GetApiAsync($"/protected/json/verify/{code}/{id}");
        await client.GetApiAsync($"/protected/json/verify/{code}/{id}");
        await client.GetApiAsync("/protected/json/users/999999999/status");

        using var response = await factory.CreateClient().GetAsync("/metrics", TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("/verify/{token}/{authyId}\"", text, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Matches("(?m)^authy_verifications\\{[^}]*result=\"valid\"[^}]*\\} [1-9]", text);
        Assert.Matches("(?m)^authy_verifications\\{[^}]*result=\"reused\"[^}]*\\} [1-9]", text);
        Assert.Matches("(?m)^authy_messages\\{[^}]*channel=\"sms\"[^}]*outcome=\"delivered\"[^}]*\\} [1-9]", text);
        Assert.Matches("(?m)^authy_api_errors\\{[^}]*error_code=\"60026\"[^}]*\\} [1-9]", text);
        Assert.Matches("(?m)^authy_outbox_in_flight\\{channel=\"webhook\"\\} 0", text);
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(phone.National, text, StringComparison.Ordinal);
        Assert.DoesNotContain(app.ApiKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_VerifyLockedOut_CountsAThrottleHit()
    {
        var app = await factory.CreateAppAsync("Throttled", s => s.MaxFailedVerifies = 2);
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());
        var before = ThrottleHits(await ScrapeAsync(), "verify_failures");

        await client.GetApiAsync($"/protected/json/verify/0000000/{id}");
        await client.GetApiAsync($"/protected/json/verify/0000000/{id}");
        var locked = await client.GetApiAsync($"/protected/json/verify/0000000/{id}");
        await client.GetApiAsync($"/protected/json/verify/0000000/{id}");

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
        // Counters are process-wide and test classes run in parallel, so other hosts may add to it; never less than 2.
        Assert.True(ThrottleHits(await ScrapeAsync(), "verify_failures") >= before + 2);
    }

    [Fact]
    public async Task OutboxSample_MessageStuckRetrying_ReportsDepthAndAge()
    {
        var app = await factory.CreateAppAsync("Backlog");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        // A failure the outbox retries: a refusal for good would mark the row failed, maybe before the sample.
        factory.Senders.FailAllTo(phone.E164);
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);
        await client.GetApiAsync($"/protected/json/sms/{id}?force=true");
        factory.Clock.Advance(TimeSpan.FromSeconds(90));

        var snapshot = await factory.Services.GetRequiredService<OutboxSampler>().SampleAsync(TestContext.Current.CancellationToken);
        var text = await ScrapeAsync();

        Assert.True(snapshot.PendingByChannel["sms"] >= 1);
        Assert.Equal(0, snapshot.PendingByChannel["voice"]);
        Assert.True(snapshot.OldestPendingAgeSeconds >= 90, $"age {snapshot.OldestPendingAgeSeconds}");
        Assert.Matches("(?m)^authy_outbox_depth\\{channel=\"sms\"\\} \\d", text);
        Assert.Matches("(?m)^authy_outbox_oldest_age_seconds \\d", text);
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await factory.CreateClient().GetAsync("/metrics", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static double ThrottleHits(string metrics, string limit)
    {
        var match = System.Text.RegularExpressions.Regex.Match(metrics, $"(?m)^authy_throttle_hits\\{{limit=\"{limit}\"\\}} (\\S+)");
        return match.Success ? double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
