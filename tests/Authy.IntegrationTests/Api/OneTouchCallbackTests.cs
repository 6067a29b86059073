using System.Net;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Messaging;
using Authy.Infrastructure.Persistence;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// OneTouch callbacks received by a local HTTP receiver, in POST and GET modes, their signatures recomputed the way
/// authy-client verifies them; retries after receiver errors; nothing for expired requests. On both providers.
/// </summary>
public abstract class OneTouchCallbackTests(AuthyApiFactory factory) : IAsyncLifetime
{
    private CallbackReceiver _receiver = null!;

    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : OneTouchCallbackTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : OneTouchCallbackTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    public async ValueTask InitializeAsync() => _receiver = await CallbackReceiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<(string ApiKey, HttpClient Client, long AuthyId, TestDevice Device)> AppWithCallbackAsync(string method, string? url = null)
    {
        var app = await factory.CreateAppAsync("Callbacks", s =>
        {
            s.OneTouchCallbackUrl = url ?? _receiver.Url;
            s.OneTouchCallbackMethod = method;
        });
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);
        return (app.ApiKey, client, authyId, await TestDevice.RegisterAsync(factory, phone));
    }

    private static async Task<string> CreateAsync(HttpClient client, long authyId, params (string Key, string Value)[] form)
    {
        var response = await client.PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests", form);
        return response.Json["approval_request"]!["uuid"]!.GetValue<string>();
    }

    [Fact]
    public async Task Approve_PostMode_ReceiverGetsSignedJsonBody()
    {
        var (apiKey, client, authyId, device) = await AppWithCallbackAsync("POST");
        var uuid = await CreateAsync(client, authyId, ("message", "Pay 10 USD"), ("details[amount]", "10 USD"), ("hidden_details[order]", "A 1"));

        await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "approved"));
        var callback = await _receiver.WaitForAsync();

        Assert.Equal("POST", callback.Method);
        Assert.StartsWith("application/json", callback.Headers["Content-Type"], StringComparison.Ordinal);
        var body = callback.Json;
        Assert.Equal("approval_request_status", body["callback_action"]!.GetValue<string>());
        Assert.Equal(uuid, body["uuid"]!.GetValue<string>());
        Assert.Equal("approved", body["status"]!.GetValue<string>());
        Assert.Equal(authyId, body["authy_id"]!.GetValue<long>());
        Assert.Equal(device.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture), body["device_uuid"]!.GetValue<string>());
        Assert.Equal("A 1", body["approval_request"]!["transaction"]!["hidden_details"]!["order"]!.GetValue<string>());
        Assert.Equal("10 USD", body["approval_request"]!["transaction"]!["details"]!["amount"]!.GetValue<string>());

        var nonce = callback.Headers["X-Authy-Signature-Nonce"];
        Assert.InRange(long.Parse(nonce, System.Globalization.CultureInfo.InvariantCulture), factory.Clock.GetUtcNow().ToUnixTimeSeconds() - 5, factory.Clock.GetUtcNow().ToUnixTimeSeconds() + 5);
        var expected = await AuthyClientSignature.ComputeAsync(apiKey, nonce, "POST", _receiver.Url, body);
        Assert.Equal(expected, callback.Headers["X-Authy-Signature"]);
    }

    [Fact]
    public async Task Deny_GetMode_ReceiverGetsSignedQueryString()
    {
        var (apiKey, client, authyId, device) = await AppWithCallbackAsync("GET");
        var uuid = await CreateAsync(client, authyId, ("message", "Log in"), ("details[location]", "California, USA"), ("logos[][res]", "default"), ("logos[][url]", "https://example.com/l.png"));

        await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "denied"));
        var callback = await _receiver.WaitForAsync();

        Assert.Equal("GET", callback.Method);
        Assert.Contains("status=denied", callback.Query, StringComparison.Ordinal);
        Assert.Contains("approval_request%5Btransaction%5D%5Bdetails%5D%5Blocation%5D=California%2C+USA", callback.Query, StringComparison.Ordinal);
        Assert.Contains("approval_request%5Blogos%5D%5B%5D%5Bres%5D=default", callback.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("device_details", callback.Query, StringComparison.Ordinal); // empty objects are dropped
        var expected = await AuthyClientSignature.ComputeAsync(apiKey, callback.Headers["X-Authy-Signature-Nonce"], "GET", _receiver.Url, query: callback.Query);
        Assert.Equal(expected, callback.Headers["X-Authy-Signature"]);
    }

    [Fact]
    public async Task Approve_ReceiverFailsTwice_CallbackIsRetriedUntilDelivered()
    {
        var (_, client, authyId, device) = await AppWithCallbackAsync("POST");
        var uuid = await CreateAsync(client, authyId, ("message", "Retry me"));
        _receiver.AnswerNext(HttpStatusCode.InternalServerError, HttpStatusCode.ServiceUnavailable);

        await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "approved"));
        // The backoff (2 s, then 4 s) runs on the server's clock: move it a second at a time until the retries land.
        for (var i = 0; i < 100 && _receiver.Received.Count < 3; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var delivered = await _receiver.WaitForAsync(3);

        Assert.Equal(uuid, delivered.Json["uuid"]!.GetValue<string>());
        Assert.All(_receiver.Received, r => Assert.Equal(uuid, r.Json["uuid"]!.GetValue<string>()));
        Assert.Equal(3, _receiver.Received.Count);
    }

    [Fact]
    public async Task Approve_KeyRotatedWhileQueued_CallbackIsSignedWithTheNewKey()
    {
        var app = await factory.CreateAppAsync("Rotating", s =>
        {
            s.OneTouchCallbackUrl = _receiver.Url;
            s.OneTouchCallbackMethod = "POST";
        });
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);
        var device = await TestDevice.RegisterAsync(factory, phone);
        var uuid = await CreateAsync(client, authyId, ("message", "Sign me late"));
        _receiver.AnswerNext(HttpStatusCode.ServiceUnavailable);

        await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "approved"));
        var refused = await _receiver.WaitForAsync();
        string newKey;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            newKey = (await scope.ServiceProvider.GetRequiredService<ManageApps>().RotateKeyAsync(app.Id, TestContext.Current.CancellationToken))!.ApiKey;
        }

        // The retry waits 2 s on the server's clock.
        for (var i = 0; i < 100 && _receiver.Received.Count < 2; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        var delivered = await _receiver.WaitForAsync(2);
        var nonce = delivered.Headers["X-Authy-Signature-Nonce"];
        Assert.Equal(await AuthyClientSignature.ComputeAsync(app.ApiKey, refused.Headers["X-Authy-Signature-Nonce"], "POST", _receiver.Url, refused.Json), refused.Headers["X-Authy-Signature"]);
        Assert.Equal(await AuthyClientSignature.ComputeAsync(newKey, nonce, "POST", _receiver.Url, delivered.Json), delivered.Headers["X-Authy-Signature"]);
        Assert.NotEqual(await AuthyClientSignature.ComputeAsync(app.ApiKey, nonce, "POST", _receiver.Url, delivered.Json), delivered.Headers["X-Authy-Signature"]);
    }

    [Fact]
    public async Task Approve_QueuedCallback_HoldsNoKey()
    {
        var (apiKey, client, authyId, device) = await AppWithCallbackAsync("POST");
        var uuid = await CreateAsync(client, authyId, ("message", "No key inside"));

        await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "approved"));
        await _receiver.WaitForAsync();

        await using var scope = factory.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<IAuthyDb>().OutboxMessages.AsNoTracking()
            .Where(m => m.Channel == OutboxChannel.Callback && m.UserId == authyId)
            .ToListAsync(TestContext.Current.CancellationToken);
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var payload = System.Text.Encoding.UTF8.GetString(protector.Unprotect(Assert.Single(rows).Payload, SecretPurposes.OutboxPayload));
        Assert.Contains(uuid, payload, StringComparison.Ordinal);
        Assert.DoesNotContain(apiKey, payload, StringComparison.Ordinal);
        Assert.DoesNotContain("SigningKey", payload, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", HttpStatusCode.TemporaryRedirect)]
    [InlineData("POST", HttpStatusCode.Found)]
    [InlineData("GET", HttpStatusCode.MovedPermanently)]
    public async Task Approve_ReceiverRedirects_RedirectIsNotFollowed(string method, HttpStatusCode status)
    {
        var (_, client, authyId, device) = await AppWithCallbackAsync(method, _receiver.RedirectUrl(status));
        var uuid = await CreateAsync(client, authyId, ("message", "Follow me"));

        await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "approved"));
        var row = await WaitForAttemptAsync(authyId);

        // The attempt is over, so a followed redirect would already have reached its target (which answers 200).
        Assert.Equal(1, _receiver.MisbehavingHits);
        Assert.Empty(_receiver.Received); // the redirect's target, the recording path, saw nothing
        Assert.NotEqual(OutboxStatus.Delivered, row.Status);
        Assert.NotNull(row.LastError);
    }

    /// <summary>Waits (real time, at most 10 s) until the user's one callback row has been attempted and released, and returns it.</summary>
    private async Task<OutboxMessage> WaitForAttemptAsync(long authyId)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var row = await scope.ServiceProvider.GetRequiredService<AuthyDbContext>().OutboxMessages.AsNoTracking()
                    .SingleOrDefaultAsync(m => m.Channel == OutboxChannel.Callback && m.UserId == authyId, TestContext.Current.CancellationToken);
                if (row is { Attempts: > 0, LeaseOwner: null })
                {
                    return row;
                }

                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"The callback was not attempted in time (row: {row?.Status}, attempts {row?.Attempts}).");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Approve_ReceiverAnswersAnEndlessBody_CallbackIsRecordedDelivered()
    {
        var (_, client, authyId, device) = await AppWithCallbackAsync("POST", _receiver.EndlessBodyUrl);
        var uuid = await CreateAsync(client, authyId, ("message", "Endless"));

        await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "approved"));
        OutboxMessage? row = null;
        for (var i = 0; i < 50 && row?.Status != OutboxStatus.Delivered; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            await using var scope = factory.Services.CreateAsyncScope();
            row = await scope.ServiceProvider.GetRequiredService<AuthyDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.Channel == OutboxChannel.Callback && m.MaskedDestination.EndsWith("/endless"))
                .OrderByDescending(m => m.CreatedAt)
                .FirstOrDefaultAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(OutboxStatus.Delivered, row?.Status);
        Assert.Equal(1, row!.Attempts);
        Assert.Equal(1, _receiver.MisbehavingHits);
    }

    [Fact]
    public async Task Expired_SendsNoCallback()
    {
        var (_, client, authyId, _) = await AppWithCallbackAsync("POST");
        var uuid = await CreateAsync(client, authyId, ("message", "Too late"), ("seconds_to_expire", "30"));

        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        var status = await client.GetApiAsync($"/onetouch/json/approval_requests/{uuid}");

        Assert.Equal("expired", status.Json["approval_request"]!["status"]!.GetValue<string>());
        // A callback would have been queued in the transaction that answered: no row, no callback.
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AuthyDbContext>().OutboxMessages.AsNoTracking()
            .AnyAsync(m => m.Channel == OutboxChannel.Callback && m.UserId == authyId, TestContext.Current.CancellationToken));
        Assert.Empty(_receiver.Received);
    }
}
