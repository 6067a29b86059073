using System.Net.Http.Headers;
using Authy.Application.Abstractions;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// Correlation ids: every response names its request in <c>X-Request-Id</c>, the request's log lines carry it, and so
/// do the outbox row it wrote and that row's delivery log lines.
/// </summary>
public sealed class CorrelationIdTests(AuthyApiFactory<Postgres> factory) : IClassFixture<AuthyApiFactory<Postgres>>
{
    [Fact]
    public async Task Request_WithWellFormedRequestId_EchoesItAndLogsIt()
    {
        using var response = await SendAsync("/health/live", "checkout-4f2a:17");

        Assert.Equal("checkout-4f2a:17", Assert.Single(response.Headers.GetValues("X-Request-Id")));
        await WaitForLogAsync(line => line.Contains("/health/live", StringComparison.Ordinal) && line.Contains("CorrelationId=\"checkout-4f2a:17\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("has spaces in it")]
    [InlineData("quote\"injection")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task Request_WithMalformedRequestId_GetsAFreshOne(string supplied)
    {
        using var response = await SendAsync("/health/live", supplied);

        var id = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.NotEqual(supplied, id);
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public async Task Request_WithoutRequestId_GetsADistinctIdEachTime()
    {
        using var first = await SendAsync("/health/live", null);
        using var second = await SendAsync("/health/live", null);

        var firstId = Assert.Single(first.Headers.GetValues("X-Request-Id"));
        Assert.Matches("^[0-9a-f]{32}$", firstId);
        Assert.NotEqual(firstId, Assert.Single(second.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task SmsRequest_OutboxRowAndDeliveryLog_CarryTheRequestsId()
    {
        var app = await factory.CreateAppAsync("Correlated");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);
        var requestId = "sms-" + Guid.NewGuid().ToString("N");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/protected/json/sms/{authyId}?force=true");
        request.Headers.Add("X-Request-Id", requestId);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        await factory.WaitForSmsCodeAsync(phone);

        await using var scope = factory.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<IAuthyDb>().OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.UserId == authyId, TestContext.Current.CancellationToken);
        Assert.Equal(requestId, row.CorrelationId);
        await WaitForLogAsync(line => line.StartsWith("Delivered", StringComparison.Ordinal) && line.Contains(row.Id.ToString(), StringComparison.Ordinal)
            && line.Contains($"CorrelationId=\"{requestId}\"", StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? requestId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (requestId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Request-Id", requestId);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The request log line is written as the response completes, which can be just after the client has it.</summary>
    private async Task WaitForLogAsync(Func<string, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!factory.Logs.Lines.Any(match))
        {
            Assert.True(DateTime.UtcNow < deadline, "No such log line:\n" + string.Join('\n', factory.Logs.Lines.TakeLast(20)));
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
