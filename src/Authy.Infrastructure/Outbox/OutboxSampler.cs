using Authy.Application.Messaging;
using Authy.Application.Observability;
using Authy.Infrastructure.Hosting;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authy.Infrastructure.Outbox;

/// <summary>
/// Samples the outbox's depth and the age of its oldest pending message for <c>/metrics</c>. Every node samples the
/// same shared table, so every node reports the same figures (aggregate them with <c>max</c>, not <c>sum</c>).
/// </summary>
public sealed class OutboxSampler(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxSampler> logger) : PeriodicWork(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.MetricsSampleSeconds);

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SampleAsync(cancellationToken);

    /// <summary>Reads the pending messages' counts by channel and the oldest one's creation time, and publishes them.</summary>
    public async Task<OutboxSnapshot> SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
        var pending = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending);
        var counts = await pending
            .GroupBy(m => m.Channel)
            .Select(g => new { Channel = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var oldest = await pending
            .OrderBy(m => m.CreatedAt)
            .Select(m => (DateTimeOffset?)m.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);

        // Every channel is reported, at 0 when empty, so a drained queue reads 0 rather than its last value.
        var byChannel = Enum.GetValues<OutboxChannel>().ToDictionary(
            OutboxDispatcher.ChannelLabel,
            channel => counts.FirstOrDefault(c => c.Channel == channel)?.Count ?? 0);
        var age = oldest is { } createdAt ? Math.Max(0, (time.GetUtcNow() - createdAt).TotalSeconds) : 0;
        var snapshot = new OutboxSnapshot(byChannel, age);
        AuthyMetrics.OutboxSampled(snapshot);
        return snapshot;
    }
}
