using System.Collections.Concurrent;
using Authy.Application.Apps.Usage;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Authy.Infrastructure.Usage;

/// <summary>
/// Counts in memory, per application and month, with interlocked adds; <see cref="FlushAsync"/> takes each count
/// (read and reset in one atomic step, so no concurrent increment is lost) and adds it to the database row with one
/// upsert. Counts a failed write could not store are put back for the next flush.
/// </summary>
public sealed partial class BufferedUsageMeter(IServiceScopeFactory scopes, TimeProvider time, ILogger<BufferedUsageMeter> logger) : IUsageMeter
{
    // Both providers accept this statement, and adding to the stored row keeps concurrent nodes' flushes exact.
    private const string UpsertSql = """
        INSERT INTO usage_months (app_id, year, month, api_calls_count, auths_count, sms_count, calls_count, users_count)
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})
        ON CONFLICT (app_id, year, month) DO UPDATE SET
            api_calls_count = usage_months.api_calls_count + excluded.api_calls_count,
            auths_count = usage_months.auths_count + excluded.auths_count,
            sms_count = usage_months.sms_count + excluded.sms_count,
            calls_count = usage_months.calls_count + excluded.calls_count,
            users_count = usage_months.users_count + excluded.users_count
        """;

    private readonly ConcurrentDictionary<MonthKey, Counts> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public void Record(int appId, UsageKind kind)
    {
        var now = time.GetUtcNow().UtcDateTime;
        _pending.GetOrAdd(new MonthKey(appId, now.Year, now.Month), static _ => new Counts()).Add(kind, 1);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
            foreach (var (key, counts) in _pending)
            {
                var taken = counts.Take();
                if (taken.IsZero)
                {
                    continue;
                }

                try
                {
                    await db.Database.ExecuteSqlRawAsync(
                        UpsertSql,
                        [key.AppId, key.Year, key.Month, taken.ApiCalls, taken.Auths, taken.Sms, taken.Calls, taken.Users],
                        cancellationToken);
                }
                catch (Exception exception)
                {
                    counts.Restore(taken);
                    if (exception is not OperationCanceledException)
                    {
                        LogFlushFailed(logger, exception, key.AppId);
                    }

                    throw;
                }
            }

            ForgetPastMonths();
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>Drops flushed entries of months that are over: nothing records into them any more.</summary>
    private void ForgetPastMonths()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (key, counts) in _pending)
        {
            if ((key.Year, key.Month) != (now.Year, now.Month) && counts.Peek().IsZero)
            {
                _pending.TryRemove(new KeyValuePair<MonthKey, Counts>(key, counts));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store usage counts for app {AppId}; they are kept for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, int appId);

    private readonly record struct MonthKey(int AppId, int Year, int Month);

    private readonly record struct Snapshot(long ApiCalls, long Auths, long Sms, long Calls, long Users)
    {
        public bool IsZero => (ApiCalls | Auths | Sms | Calls | Users) == 0;
    }

    private sealed class Counts
    {
        private long _apiCalls;
        private long _auths;
        private long _sms;
        private long _calls;
        private long _users;

        public void Add(UsageKind kind, long amount)
        {
            switch (kind)
            {
                case UsageKind.ApiCall: Interlocked.Add(ref _apiCalls, amount); break;
                case UsageKind.Auth: Interlocked.Add(ref _auths, amount); break;
                case UsageKind.Sms: Interlocked.Add(ref _sms, amount); break;
                case UsageKind.Call: Interlocked.Add(ref _calls, amount); break;
                case UsageKind.UserAdded: Interlocked.Add(ref _users, amount); break;
                default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
            }
        }

        public Snapshot Take() => new(
            Interlocked.Exchange(ref _apiCalls, 0),
            Interlocked.Exchange(ref _auths, 0),
            Interlocked.Exchange(ref _sms, 0),
            Interlocked.Exchange(ref _calls, 0),
            Interlocked.Exchange(ref _users, 0));

        public Snapshot Peek() => new(
            Interlocked.Read(ref _apiCalls), Interlocked.Read(ref _auths), Interlocked.Read(ref _sms), Interlocked.Read(ref _calls), Interlocked.Read(ref _users));

        public void Restore(Snapshot taken)
        {
            Add(UsageKind.ApiCall, taken.ApiCalls);
            Add(UsageKind.Auth, taken.Auths);
            Add(UsageKind.Sms, taken.Sms);
            Add(UsageKind.Call, taken.Calls);
            Add(UsageKind.UserAdded, taken.Users);
        }
    }
}
