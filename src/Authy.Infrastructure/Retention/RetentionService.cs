using Authy.Application.Messaging;
using Authy.Infrastructure.Hosting;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authy.Infrastructure.Retention;

/// <summary>
/// Deletes rows that no request can need any more, so the tables stay the size of the live data: finished outbox
/// messages after <see cref="RetentionOptions.OutboxDays"/>, expired phone verifications and device registrations after
/// <see cref="RetentionOptions.ExpiredDays"/>, and throttle counters whose window is long over. Runs at start and every
/// <see cref="RetentionOptions.IntervalMinutes"/> on every node: a delete is idempotent, so nodes need no coordination.
/// </summary>
/// <remarks>
/// Each table is deleted in batches of <see cref="BatchSize"/> rows, one short statement each, so a first round on a
/// large backlog never holds thousands of row locks in one transaction. Tables with their own sweep are left to it:
/// device events (<c>Push:RetentionHours</c>), device token uses, webhook nonces and Twilio calls.
/// </remarks>
public sealed partial class RetentionService(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<RetentionOptions> options,
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Count} rows from {Table}")]
    private static partial void LogDeleted(ILogger logger, int count, string table);
}
