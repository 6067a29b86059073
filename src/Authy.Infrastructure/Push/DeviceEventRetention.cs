using Authy.Infrastructure.Hosting;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authy.Infrastructure.Push;

/// <summary>
/// Deletes device events older than <see cref="PushOptions.RetentionHours"/>: at start and then every
/// <see cref="PushOptions.CleanupIntervalMinutes"/>, on every node (deleting is idempotent, so nodes need no coordination).
/// </summary>
/// <remarks>
/// Ids grow with time, so a round reads the oldest rows by primary key in small batches and deletes up to the newest
/// expired one of each batch: it touches the expired rows plus one batch, without an index on <c>created_at</c>. A row
/// whose clock ran behind another node's by a few seconds is simply deleted a round later.
/// </remarks>
public sealed partial class DeviceEventRetention(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<PushOptions> options,
    ILogger<DeviceEventRetention> logger) : PeriodicWork(logger)
{
    private const int BatchSize = 500;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.CleanupIntervalMinutes);

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var deleted = await DeleteExpiredAsync(cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(logger, deleted);
        }
    }

    /// <summary>Deletes the events older than the retention period and returns how many were deleted.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddHours(-options.Value.RetentionHours);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired device events")]
    private static partial void LogDeleted(ILogger logger, int count);
}
