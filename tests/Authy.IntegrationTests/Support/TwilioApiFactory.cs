using Authy.Application.Messaging;
using Authy.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// The server with Twilio as its SMS and voice provider, its real routed senders, and Twilio's API played by
/// <see cref="FakeTwilio"/> over real HTTP. Twilio reaches the server at <see cref="PublicBaseUrl"/>. REST calls are
/// signed with the Auth Token (<see cref="TwilioApiFactory{TDatabase}"/>) or with an API key
/// (<see cref="TwilioApiKeyApiFactory{TDatabase}"/>); both choose the provider.
/// </summary>
public abstract class TwilioApiFactory(ITestDatabase database, bool usesApiKey) : AuthyApiFactory(database)
{
    /// <summary>The public address Twilio is told to call (and signs); requests to it reach the test host.</summary>
    public const string PublicBaseUrl = "https://authy.example.test";

    public FakeTwilio Twilio { get; private set; } = null!;

    /// <summary>Whether REST calls are signed with the API key instead of the Auth Token.</summary>
    public bool UsesApiKey => usesApiKey;

    protected override bool RecordsMessages => false;

    public override async ValueTask InitializeAsync()
    {
        Twilio = await FakeTwilio.StartAsync();
        await base.InitializeAsync();
        Twilio.Internet = () => Server.CreateHandler();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Twilio.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        UseTwilio(builder, Twilio.BaseUrl);
        if (UsesApiKey)
        {
            builder.UseSetting("Twilio:ApiKeySid", FakeTwilio.ApiKeySid);
            builder.UseSetting("Twilio:ApiKeySecret", FakeTwilio.ApiKeySecret);
        }
    }

    /// <summary>Twilio for SMS and voice, with the fake's credentials, sender and <see cref="PublicBaseUrl"/>.</summary>
    public static void UseTwilio(IWebHostBuilder builder, string twilioBaseUrl)
    {
        builder.UseSetting("Messaging:SmsProvider", "Twilio");
        builder.UseSetting("Messaging:VoiceProvider", "Twilio");
        builder.UseSetting("Twilio:AccountSid", FakeTwilio.AccountSid);
        builder.UseSetting("Twilio:AuthToken", FakeTwilio.AuthToken);
        builder.UseSetting("Twilio:From", FakeTwilio.From);
        builder.UseSetting("Twilio:BaseUrl", twilioBaseUrl);
        builder.UseSetting("Twilio:PublicBaseUrl", PublicBaseUrl);
    }

    /// <summary>The first outbox row that matches, waiting until one does (the dispatcher works in the background).</summary>
    public async Task<OutboxMessage> OutboxRowAsync(Func<OutboxMessage, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            await using (var scope = Services.CreateAsyncScope())
            {
                var rows = await scope.ServiceProvider.GetRequiredService<AuthyDbContext>().OutboxMessages.AsNoTracking()
                    .ToListAsync(TestContext.Current.CancellationToken);
                if (rows.FirstOrDefault(match) is { } row)
                {
                    return row;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No outbox row matched in time.");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>Twilio signed with the Auth Token, on a fresh database of <typeparamref name="TDatabase"/>.</summary>
public sealed class TwilioApiFactory<TDatabase>() : TwilioApiFactory(new TDatabase(), usesApiKey: false)
    where TDatabase : ITestDatabase, new();

/// <summary>Twilio signed with an API key, on a fresh database of <typeparamref name="TDatabase"/>.</summary>
public sealed class TwilioApiKeyApiFactory<TDatabase>() : TwilioApiFactory(new TDatabase(), usesApiKey: true)
    where TDatabase : ITestDatabase, new();
