using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Authy.Api.Cli;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Messaging;
using Authy.Application.Webhooks;
using Authy.Infrastructure.Persistence;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// The outbound-address policy with its default, <c>Outbound:AllowPrivateNetworks=false</c>: webhook URLs and OneTouch
/// callback URLs that name a private or local address are refused when they are set, and a stored URL that reaches one
/// anyway (stored before the rule, or a host name that resolves to loopback) is refused when the connection is made, so
/// the loopback listener sees nothing. On both providers.
/// </summary>
public abstract class OutboundRequestsTests(AuthyApiFactory factory) : IAsyncLifetime
{
    private CallbackReceiver _receiver = null!;

    public sealed class OnPostgres(PublicOnlyApiFactory<Postgres> factory) : OutboundRequestsTests(factory), IClassFixture<PublicOnlyApiFactory<Postgres>>;

    public sealed class OnSqlite(PublicOnlyApiFactory<Sqlite> factory) : OutboundRequestsTests(factory), IClassFixture<PublicOnlyApiFactory<Sqlite>>;

    public async ValueTask InitializeAsync() => _receiver = await CallbackReceiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://127.8.9.10:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://LOCALHOST./hook")]
    [InlineData("http://api.localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[::ffff:169.254.169.254]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.16.0.1/hook")]
    [InlineData("http://172.31.255.255/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://[fc00::1]/hook")]
    [InlineData("http://[fd12:3456::1]/hook")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::]/hook")]
    [InlineData("http://224.0.0.1/hook")]
    [InlineData("http://255.255.255.255/hook")]
    [InlineData("http://[2002:7f00:1::1]/hook")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://0x7f000001/hook")]
    [InlineData("http://017700000001/hook")]
    [InlineData("http://127.1/hook")]
    [InlineData("https://user:secret@example.com/hook")]
    [InlineData("https://example.com@127.0.0.1/hook")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.com:70/_hook")]
    public async Task PostWebhooks_UrlNotAllowed_Returns400With60098NamingUrl(string url)
    {
        var app = await factory.CreateAppAsync("Outbound");

        var response = await DashboardClient.For(factory, app).CreateAsync("Hook", url, "user_added");

        response.AssertAuthyError(HttpStatusCode.BadRequest, "60098");
        Assert.NotNull(response.Json["errors"]!["url"]);
        Assert.NotNull(response.Json["url"]);
        Assert.Null(response.Json["errors"]!["name"]);
    }

    [Theory]
    [InlineData("https://example.com/hooks/authy")]
    [InlineData("http://93.184.215.14:8080/hook")]
    [InlineData("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook")]
    public async Task PostWebhooks_PublicUrl_IsCreated(string url)
    {
        var app = await factory.CreateAppAsync("Outbound");

        var response = await DashboardClient.For(factory, app).CreateAsync("Hook", url, "user_added");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task PostWebhooks_LoopbackUrl_ErrorSaysNotPublic()
    {
        var app = await factory.CreateAppAsync("Outbound");

        var response = await DashboardClient.For(factory, app).CreateAsync("Hook", "http://169.254.169.254/latest/meta-data/", "user_added");

        Assert.Equal("is not a public address", response.Json["errors"]!["url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")] // a name that resolves to loopback: refused for its addresses when connecting
    public async Task Webhook_StoredUrlToLoopbackListener_ListenerGetsNothingAndTheDeliveryFails(string host)
    {
        var app = await factory.CreateAppAsync("Outbound");
        var webhookId = await StoreWebhookAsync(app.Id, _receiver.Url.Replace("127.0.0.1", host, StringComparison.Ordinal));

        await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(app.ApiKey), TestPhone.Next());
        var row = await WaitForFinishedAsync(OutboxChannel.Webhook, app.Id);

        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(1, row.Attempts); // refused for good: a retry would be refused again
        Assert.Contains("not a public address", row.LastError, StringComparison.Ordinal);
        Assert.StartsWith(Webhook.WireId(webhookId), row.MaskedDestination, StringComparison.Ordinal);
        // The row is final (failed after its one attempt, which was refused before connecting): nothing can reach the
        // listener later, so no wait is needed.
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task OneTouchCallback_StoredUrlToLoopbackListener_ListenerGetsNothingAndTheDeliveryFails()
    {
        var app = await factory.CreateAppAsync("Outbound");
        await StoreCallbackUrlAsync(app.Id, _receiver.Url);
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);
        using var device = await TestDevice.RegisterAsync(factory, phone);
        var created = await client.PostFormAsync($"/onetouch/json/users/{authyId}/approval_requests", ("message", "Log in?"));
        var uuid = created.Json["approval_request"]!["uuid"]!.GetValue<string>();

        await device.PostAsync($"/device/v1/approval_requests/{uuid}/decision", device.Decision(uuid, "approved"));
        var row = await WaitForFinishedAsync(OutboxChannel.Callback, app.Id);

        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Contains("not a public address", row.LastError, StringComparison.Ordinal);
        // The row is final (failed after its one attempt, which was refused before connecting): nothing can reach the
        // listener later, so no wait is needed.
        Assert.Empty(_receiver.Received);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/callback")]
    [InlineData("http://localhost/callback")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fd00::1]/callback")]
    [InlineData("http://2130706433/callback")]
    [InlineData("ftp://example.com/callback")]
    public async Task UpdateSettings_CallbackUrlNotAllowed_IsRefusedAndNothingSaved(string url)
    {
        var app = await factory.CreateAppAsync("Outbound", s => s.OneTouchCallbackUrl = "https://example.com/before");
        await using var scope = factory.Services.CreateAsyncScope();
        var apps = scope.ServiceProvider.GetRequiredService<ManageApps>();

        var refused = await Assert.ThrowsAsync<ValidationException>(
            () => apps.UpdateSettingsAsync(app.Id, s => s.OneTouchCallbackUrl = url, TestContext.Current.CancellationToken));
        var settings = await apps.GetSettingsAsync(app.Id, TestContext.Current.CancellationToken);

        Assert.Contains("OneTouchCallbackUrl", refused.Message, StringComparison.Ordinal);
        Assert.Equal("https://example.com/before", settings!.OneTouchCallbackUrl);
    }

    [Fact]
    public async Task AppsSettingsCommand_MetadataCallbackUrl_SavesNothing()
    {
        var app = await factory.CreateAppAsync("Outbound");
        var writer = new StringWriter();

        var exit = await CliRunner.RunAsync(
            factory.Services,
            CliCommand.Parse(["apps", "settings", "--id", app.Id.ToString(CultureInfo.InvariantCulture), "OneTouchCallbackUrl=http://169.254.169.254/latest/meta-data/"]),
            writer,
            TestContext.Current.CancellationToken);
        var settings = await factory.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<ManageApps>()
            .GetSettingsAsync(app.Id, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.StartsWith("Not saved:", writer.ToString(), StringComparison.Ordinal);
        Assert.Null(settings!.OneTouchCallbackUrl);
    }

    /// <summary>
    /// A webhook stored directly, past the creation check: what a row written before the rule existed looks like, and
    /// what a host name that resolves to loopback amounts to when the connection is made.
    /// </summary>
    private async Task<Guid> StoreWebhookAsync(int appId, string url)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var webhook = new Webhook
        {
            Id = Guid.CreateVersion7(),
            AppId = appId,
            Name = "Stored before the rule",
            Url = url,
            Events = "user_added",
            EncryptedSigningKey = protector.Protect(Encoding.UTF8.GetBytes("k".PadRight(32, 'k')), SecretPurposes.WebhookSigningKey),
            CreatedAt = factory.Clock.GetUtcNow(),
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        scope.ServiceProvider.GetRequiredService<WebhookSubscriptions>().Invalidate(appId);
        return webhook.Id;
    }

    /// <summary>The callback URL written directly, past the settings check (the application's key is not cached yet).</summary>
    private async Task StoreCallbackUrlAsync(int appId, string url)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
        var app = await db.Apps.SingleAsync(a => a.Id == appId, TestContext.Current.CancellationToken);
        app.Settings.OneTouchCallbackUrl = url;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits (real time, at most 10 s) until the application's one outbox row of the channel is delivered or failed.</summary>
    private async Task<OutboxMessage> WaitForFinishedAsync(OutboxChannel channel, int appId)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var row = await scope.ServiceProvider.GetRequiredService<AuthyDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.Channel == channel && m.AppId == appId)
                .SingleOrDefaultAsync(TestContext.Current.CancellationToken);
            if (row is not null && (row.Status != OutboxStatus.Pending || clock.Elapsed > TimeSpan.FromSeconds(10)))
            {
                return row;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"No {channel} outbox row for application {appId}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
