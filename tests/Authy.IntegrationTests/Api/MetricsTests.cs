using System.Net;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>/metrics in Prometheus format: request, verification, delivery and error series, and no secret in a label.</summary>
public sealed class MetricsTests(PostgresApiFactory factory) : IClassFixture<PostgresApiFactory>
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
        Assert.DoesNotContain(code, text, StringComparison.Ordinal);
        Assert.DoesNotContain(phone.National, text, StringComparison.Ordinal);
        Assert.DoesNotContain(app.ApiKey, text, StringComparison.Ordinal);
    }
}
