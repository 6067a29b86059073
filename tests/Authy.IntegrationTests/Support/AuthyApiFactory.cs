using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Devices;
using Authy.Application.Messaging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// The server in-process over real HTTP semantics, on its own fresh database of <paramref name="database"/>'s provider,
/// with a fake clock and recording senders. Test classes take this type and run on each provider through a nested class
/// per provider that names its fixture (see <c>OnPostgres</c>/<c>OnSqlite</c>), e.g. <see cref="AuthyApiFactory{TDatabase}"/>.
/// </summary>
public abstract class AuthyApiFactory(ITestDatabase database) : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>A fixed test master key (base64 of 32 bytes); real deployments generate their own.</summary>
    private const string TestMasterKey = "dGVzdC1tYXN0ZXIta2V5LW5vdC1mb3ItcHJvZCEhISE=";

    private string? _connectionString;

    /// <summary>The server's clock. It starts at the real time, rounded to a step boundary so window tests are exact.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30 * 30));

    public RecordingSenders Senders { get; } = new();

    public RecordingLogSink Logs { get; } = new();

    /// <summary>The provider this server runs on.</summary>
    public ITestDatabase Database { get; } = database;

    /// <summary>The value of <c>Database:Provider</c>.</summary>
    public string ProviderName => Database.ProviderName;

    protected virtual string Environment => "Development";

    /// <summary>
    /// Whether the senders are replaced by <see cref="Senders"/>. False keeps the server's own routed senders, for tests
    /// of a real provider against a fake of its service.
    /// </summary>
    protected virtual bool RecordsMessages => true;

    /// <summary>
    /// Whether webhooks and callbacks may reach private and local addresses (<c>Outbound:AllowPrivateNetworks</c>). True
    /// here, because the tests' receivers listen on loopback; the tests of the refusal turn it off.
    /// </summary>
    protected virtual bool AllowPrivateNetworks => true;

    /// <summary>The database the server starts on: a new one of <see cref="Database"/>'s provider unless overridden.</summary>
    protected virtual Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) => Database.CreateAsync(cancellationToken);

    public virtual async ValueTask InitializeAsync()
    {
        _connectionString = await CreateDatabaseAsync(TestContext.Current.CancellationToken);
        StartServer(); // migrations run at start (Database:ApplyMigrationsOnStartup)
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Authy", _connectionString ?? throw new InvalidOperationException("InitializeAsync must run first."));
        builder.UseSetting("Database:Provider", ProviderName);
        builder.UseSetting("Database:ApplyMigrationsOnStartup", "true");
        builder.UseSetting("Security:MasterKey", TestMasterKey);
        builder.UseSetting("Messaging:AllowLogProviderInProduction", "true");
        builder.UseSetting("Outbox:PollIntervalMilliseconds", "100");
        builder.UseSetting("Outbound:AllowPrivateNetworks", AllowPrivateNetworks ? "true" : "false");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (RecordsMessages)
            {
                services.RemoveAll<ISmsSender>();
                services.RemoveAll<IVoiceSender>();
                services.RemoveAll<IEmailSender>();
                services.AddSingleton<ISmsSender>(Senders);
                services.AddSingleton<IVoiceSender>(Senders);
                services.AddSingleton<IEmailSender>(Senders);
            }

            services.AddSingleton<ILogEventSink>(Logs);
        });
    }

    /// <summary>Creates an application (with optional settings) and returns its id and API key.</summary>
    public async Task<AppWithKey> CreateAppAsync(string name = "Test App", Action<AppSettings>? configure = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var apps = scope.ServiceProvider.GetRequiredService<ManageApps>();
        var app = await apps.CreateAsync(name, CancellationToken.None);
        if (configure is not null)
        {
            await apps.UpdateSettingsAsync(app.Id, configure, CancellationToken.None);
        }

        return app;
    }

    /// <summary>An HTTP client that sends <paramref name="apiKey"/> in the <c>X-Authy-API-Key</c> header.</summary>
    public HttpClient CreateApiClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Authy-API-Key", apiKey);
        return client;
    }

    /// <summary>Registers a user through users/new and returns its authy_id.</summary>
    public static async Task<long> RegisterUserAsync(HttpClient client, TestPhone phone, string email = "user@example.com")
    {
        using var response = await client.PostAsJsonAsync(
            "/protected/json/users/new",
            new { user = new { email, cellphone = phone.National, country_code = phone.CountryCode } },
            TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        response.EnsureSuccessStatusCode();
        return body["user"]!["id"]!.GetValue<long>();
    }

    /// <summary>Gives a user a registered device, as the device API will (the "ignored" upgrade depends on it).</summary>
    public async Task<Device> AddDeviceAsync(long authyId, string osType = "android")
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AddDevice>().ExecuteAsync(authyId, osType, "Test phone", "sms", CancellationToken.None);
    }

    /// <summary>Waits for the SMS sent to <paramref name="phone"/> (the <paramref name="skip"/>-th one) and returns its 7-digit code.</summary>
    public async Task<string> WaitForSmsCodeAsync(TestPhone phone, int skip = 0)
    {
        var sms = await Senders.WaitForAsync<SmsMessage>(m => m.To == phone.E164, skip);
        return Codes.Extract(sms.Text);
    }

    /// <summary>
    /// How many messages of <paramref name="channel"/> to <paramref name="to"/> (E.164) are in the outbox, in any state,
    /// read from the decrypted payloads. A request writes its message in its own transaction, so once it has answered
    /// this is exact: a test that proves a message was not sent asserts here instead of waiting for a sender.
    /// </summary>
    public async Task<int> QueuedCountAsync(OutboxChannel channel, Func<string, bool> to)
    {
        await using var scope = Services.CreateAsyncScope();
        var protector = scope.ServiceProvider.GetRequiredService<ISecretProtector>();
        var payloads = await scope.ServiceProvider.GetRequiredService<IAuthyDb>().OutboxMessages.AsNoTracking()
            .Where(m => m.Channel == channel)
            .Select(m => m.Payload)
            .ToListAsync(TestContext.Current.CancellationToken);
        return payloads
            .Select(p => JsonNode.Parse(protector.Unprotect(p, SecretPurposes.OutboxPayload))!["To"]!.GetValue<string>())
            .Count(to);
    }
}

/// <summary>The standard test server of <see cref="AuthyApiFactory"/>, on a fresh database of <typeparamref name="TDatabase"/>.</summary>
public sealed class AuthyApiFactory<TDatabase>() : AuthyApiFactory(new TDatabase())
    where TDatabase : ITestDatabase, new();

/// <summary>
/// The server with the default outbound policy: webhooks and callbacks reach public addresses only. On a fresh database
/// of <typeparamref name="TDatabase"/>.
/// </summary>
public sealed class PublicOnlyApiFactory<TDatabase>() : AuthyApiFactory(new TDatabase())
    where TDatabase : ITestDatabase, new()
{
    protected override bool AllowPrivateNetworks => false;
}
