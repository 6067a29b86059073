using Authy.Application.Devices;
using Authy.Application.Messaging;
using Authy.Application.Webhooks;
using Authy.Infrastructure.Messaging.Twilio;
using Authy.Infrastructure.Persistence;
using Authy.Infrastructure.Retention;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// The retention clean-up deletes what no request can need (finished outbox rows, expired verifications, long-over
/// throttle windows) and keeps everything else. A class of its own: it moves the fake clock by weeks.
/// </summary>
public abstract class RetentionTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : RetentionTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : RetentionTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    [Fact]
    public async Task RunOnce_AfterTheRetentionPeriods_DeletesFinishedRowsAndKeepsLiveOnes()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = factory.CreateApiClient((await factory.CreateAppAsync("Retained")).ApiKey);
        var oldPhone = TestPhone.Next();
        var newPhone = TestPhone.Next();
        var oldUser = await AuthyApiFactory.RegisterUserAsync(client, oldPhone);
        await client.GetApiAsync($"/protected/json/sms/{oldUser}?force=true");
        await factory.WaitForSmsCodeAsync(oldPhone);
        var verification = await client.PostFormAsync(
            "/protected/json/phones/verification/start", ("via", "sms"), ("country_code", "1"), ("phone_number", oldPhone.National));
        Assert.Equal(System.Net.HttpStatusCode.OK, verification.Status);
        await factory.Senders.WaitForAsync<SmsMessage>(m => m.To == oldPhone.E164, skip: 1);
        var oldCounters = await CountAsync(db => db.ThrottleCounters, ct);
        AddOutboxRows(RetentionService.BatchSize + 5, OutboxStatus.Delivered); // more than one batch
        AddOutboxRows(1, OutboxStatus.Pending, userId: StuckUserId);

        factory.Clock.Advance(TimeSpan.FromDays(8));
        var newUser = await AuthyApiFactory.RegisterUserAsync(client, newPhone);
        await client.GetApiAsync($"/protected/json/sms/{newUser}?force=true");
        await factory.WaitForSmsCodeAsync(newPhone);
        var retention = factory.Services.GetRequiredService<RetentionService>();

        var deleted = await retention.RunOnceAsync(ct);

        Assert.Equal(RetentionService.BatchSize + 5 + 2, deleted["outbox_messages"]); // + the user's code and the verification's
        Assert.Equal(1, deleted["phone_verifications"]);
        Assert.False(deleted.ContainsKey("throttle_counters")); // 8 days: the monthly cap's window is still open
        var outbox = await ReadAsync(db => db.OutboxMessages.Select(m => new { m.UserId, m.Status }).ToListAsync(ct));
        Assert.DoesNotContain(outbox, m => m.UserId == oldUser);
        Assert.Contains(outbox, m => m.UserId == StuckUserId && m.Status == OutboxStatus.Pending); // never deleted while pending
        Assert.Contains(outbox, m => m.UserId == newUser);
        Assert.Equal(0, await CountAsync(db => db.PhoneVerifications, ct));

        factory.Clock.Advance(TimeSpan.FromDays(30));
        deleted = await retention.RunOnceAsync(ct);

        // 38 days after the first sends their counters are gone; the newer user's (30 days old) are kept.
        Assert.Equal(oldCounters, deleted["throttle_counters"]);
        Assert.True(await CountAsync(db => db.ThrottleCounters, ct) > 0);
        Assert.Empty(await retention.RunOnceAsync(ct));
    }

    [Fact]
    public async Task RunOnce_ExpiredTokenUsesNoncesAndCalls_AreDeletedLiveOnesKept()
    {
        var ct = TestContext.Current.CancellationToken;
        var deviceId = await Push.DeviceEventsTests.CreateDeviceAsync(factory);
        var app = await factory.CreateAppAsync("Nonces");
        var now = factory.Clock.GetUtcNow();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
            db.DeviceTokenUses.AddRange(
                new DeviceTokenUse { DeviceId = deviceId, TokenId = "expired", ExpiresAt = now.AddMinutes(-1) },
                new DeviceTokenUse { DeviceId = deviceId, TokenId = "live", ExpiresAt = now.AddMinutes(5) });
            db.WebhookApiNonces.AddRange(
                new WebhookApiNonce { AppId = app.Id, NonceHash = [1], ExpiresAt = now.AddMinutes(-1) },
                new WebhookApiNonce { AppId = app.Id, NonceHash = [2], ExpiresAt = now.AddHours(1) });
            db.Set<TwilioVoiceCall>().AddRange(Call(now.AddDays(-2)), Call(now.AddHours(-1)));
            await db.SaveChangesAsync(ct);
        }

        var deleted = await factory.Services.GetRequiredService<RetentionService>().RunOnceAsync(ct);

        Assert.Equal(1, deleted["device_token_uses"]);
        Assert.Equal(1, deleted["webhook_api_nonces"]);
        Assert.Equal(1, deleted["voice_calls"]); // a day past its expiry; the one expired an hour ago is kept
        Assert.Equal(["live"], await ReadAsync(db => db.DeviceTokenUses.Where(u => u.DeviceId == deviceId).Select(u => u.TokenId).ToListAsync(ct)));
        Assert.Equal(1, await ReadAsync(db => db.WebhookApiNonces.CountAsync(n => n.AppId == app.Id, ct)));
        Assert.Equal(1, await ReadAsync(db => db.Set<TwilioVoiceCall>().CountAsync(ct)));

        TwilioVoiceCall Call(DateTimeOffset expiresAt) => new()
        {
            Id = Guid.CreateVersion7(now),
            TokenHash = Guid.NewGuid().ToByteArray(),
            EncryptedMessage = [1],
            CreatedAt = expiresAt.AddMinutes(-10),
            ExpiresAt = expiresAt,
        };
    }

    private const long StuckUserId = 987_654_321;

    private void AddOutboxRows(int count, OutboxStatus status, long? userId = null)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
        var now = factory.Clock.GetUtcNow();
        db.OutboxMessages.AddRange(Enumerable.Range(0, count).Select(i => new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Channel = OutboxChannel.Sms,
            UserId = userId,
            MaskedDestination = "+1-XXX-XXX-XX00",
            Payload = [1, 2, 3],
            Status = status == OutboxStatus.Delivered && i % 2 == 1 ? OutboxStatus.Failed : status,
            NextAttemptAt = now.AddDays(365), // never due: no dispatcher touches these rows
            CreatedAt = now,
            CompletedAt = status == OutboxStatus.Pending ? null : now,
        }));
        db.SaveChanges();
    }

    private async Task<T> ReadAsync<T>(Func<AuthyDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AuthyDbContext>());
    }

    private Task<int> CountAsync<T>(Func<AuthyDbContext, IQueryable<T>> table, CancellationToken ct) =>
        ReadAsync(db => table(db).CountAsync(ct));
}
