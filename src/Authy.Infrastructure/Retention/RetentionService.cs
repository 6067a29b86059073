using Authy.Application.Messaging;
using Authy.Infrastructure.Hosting;
using Authy.Infrastructure.Messaging.Twilio;
using Authy.Infrastructure.Persistence;
using Authy.Infrastructure.Push;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authy.Infrastructure.Retention;

/// <summary>
/// The one clean-up: deletes rows that no request can need any more, so the tables stay the size of the live data.
/// <list type="bullet">
/// <item>finished outbox messages after <see cref="RetentionOptions.OutboxDays"/>;</item>
/// <item>expired phone verifications and device registrations after <see cref="RetentionOptions.ExpiredDays"/>;</item>
/// <item>throttle counters whose window is long over;</item>
/// <item>device events older than <see cref="PushOptions.RetentionHours"/>;</item>
/// <item>the used ids of expired device tokens, expired Webhooks-API nonces and Twilio calls a day past their expiry.</item>
/// </list>
/// Runs at start and every <see cref="RetentionOptions.IntervalMinutes"/> on every node: a delete is idempotent, so
/// nodes need no coordination. No request deletes expired rows on its way.
/// </summary>
/// <remarks>
/// Each table is deleted in batches of <see cref="BatchSize"/> rows, one short statement each, so a first round on a
/// large backlog never holds thousands of row locks in one transaction. An expired row left until the next round
/// changes no answer: an expired device token or nonce is refused by its timestamp before its id is looked up.
/// </remarks>
public sealed partial class RetentionService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<RetentionOptions> options,
    IOptions<PushOptions> push,
    ILogger<RetentionService> logger) : PeriodicWork(logger)
{
    internal const int BatchSize = 1000;

    /// <summary>
    /// Longer than the longest throttle window in use (the monthly send cap's 32 days; every other window is at most a
    /// day), so a counter older than this can only count 1 again at its next hit: deleting it changes nothing.
    /// </summary>
    private static readonly TimeSpan ThrottleCounterLifetime = TimeSpan.FromDays(33);

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.IntervalMinutes);

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken);
    }

    /// <summary>One round over every table; returns the rows deleted per table (tables with none are left out).</summary>
    public async Task<IReadOnlyDictionary<string, int>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var outboxCutoff = now.AddDays(-settings.OutboxDays);
        var expiredCutoff = now.AddDays(-settings.ExpiredDays);
        var counterCutoff = (now - ThrottleCounterLifetime).ToUnixTimeSeconds();
        var eventCutoff = now.AddHours(-push.Value.RetentionHours);
        var callCutoff = now.AddDays(-1);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
        var deleted = new Dictionary<string, int>
        {
            ["outbox_messages"] = await DeleteInBatchesAsync(
                db.OutboxMessages.Where(m => m.Status != OutboxStatus.Pending && m.CreatedAt < outboxCutoff).OrderBy(m => m.CreatedAt), cancellationToken),
            ["phone_verifications"] = await DeleteInBatchesAsync(
                db.PhoneVerifications.Where(v => v.ExpiresAt < expiredCutoff).OrderBy(v => v.ExpiresAt), cancellationToken),
            ["device_registrations"] = await DeleteInBatchesAsync(
                db.DeviceRegistrations.Where(r => r.ExpiresAt < expiredCutoff).OrderBy(r => r.ExpiresAt), cancellationToken),
            ["throttle_counters"] = await DeleteInBatchesAsync(
                db.ThrottleCounters.Where(c => c.WindowStartedAt < counterCutoff).OrderBy(c => c.WindowStartedAt), cancellationToken),
            ["device_events"] = await DeleteDeviceEventsAsync(db, eventCutoff, cancellationToken),
            ["device_token_uses"] = await DeleteInBatchesAsync(
                db.DeviceTokenUses.Where(u => u.ExpiresAt < now).OrderBy(u => u.ExpiresAt), cancellationToken),
            ["webhook_api_nonces"] = await DeleteInBatchesAsync(
                db.WebhookApiNonces.Where(n => n.ExpiresAt <= now).OrderBy(n => n.ExpiresAt), cancellationToken),
            ["voice_calls"] = await DeleteInBatchesAsync(
                db.Set<TwilioVoiceCall>().Where(c => c.ExpiresAt < callCutoff).OrderBy(c => c.ExpiresAt), cancellationToken),
        };

        foreach (var (table, count) in deleted.Where(d => d.Value > 0))
        {
            LogDeleted(logger, count, table);
        }

        return deleted.Where(d => d.Value > 0).ToDictionary();
    }

    /// <summary>Deletes the rows of <paramref name="expired"/>, oldest first, <see cref="BatchSize"/> per statement.</summary>
    private static async Task<int> DeleteInBatchesAsync<T>(IOrderedQueryable<T> expired, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await expired.Take(BatchSize).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);
        return total;
    }

    /// <summary>
    /// Device events older than <paramref name="cutoff"/>. Ids grow with time, so a round reads the oldest rows by primary
    /// key a batch at a time and deletes up to the newest expired one of each batch: it touches the expired rows plus
    /// one batch, without an index on <c>created_at</c>. A row whose clock ran behind another node's by a few seconds
    /// is simply deleted a round later.
    /// </summary>
    private static async Task<int> DeleteDeviceEventsAsync(AuthyDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var oldest = await db.DeviceEvents.AsNoTracking()
                .OrderBy(e => e.Id)
                .Take(BatchSize)
                .Select(e => new { e.Id, e.CreatedAt })
                .ToListAsync(cancellationToken);
            var expired = oldest.Where(e => e.CreatedAt < cutoff).ToList();
            if (expired.Count == 0)
            {
                return total;
            }

            var upTo = expired.Max(e => e.Id);
            var deleted = await db.DeviceEvents
                .Where(e => e.Id <= upTo && e.CreatedAt < cutoff)
                .ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (expired.Count < oldest.Count || deleted == 0)
            {
                return total; // reached events still retained (or another node deleted these meanwhile)
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Count} rows from {Table}")]
    private static partial void LogDeleted(ILogger logger, int count, string table);
}
