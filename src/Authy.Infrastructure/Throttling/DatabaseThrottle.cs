using System.Data.Common;
using System.Globalization;
using Authy.Application.Abstractions;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Authy.Infrastructure.Throttling;

/// <summary>
/// Throttle counters in the <c>throttle_counters</c> table. A hit is one upsert statement, atomic on PostgreSQL and
/// SQLite alike, so concurrent requests on any number of nodes count exactly.
/// </summary>
public sealed class DatabaseThrottle(AuthyDbContext db, TimeProvider time) : IThrottle
{
    /// <summary>
    /// The count of <c>@key</c> in its current window and when that window started: the window has passed once it
    /// started at or before <c>@cutoff</c> (<see cref="Cutoff"/>). verify's statements apply the same rule.
    /// </summary>
    private const string CountQuery = """
        SELECT "count", window_started_at FROM throttle_counters WHERE "key" = @key AND window_started_at > @cutoff
        """;

    // Both providers accept this statement: ON CONFLICT upsert with RETURNING, and SET expressions that read the old row.
    private const string HitSql = """
        INSERT INTO throttle_counters ("key", window_started_at, "count") VALUES (@key, @now, 1)
        ON CONFLICT ("key") DO UPDATE SET
            "count" = CASE WHEN throttle_counters.window_started_at <= @cutoff THEN 1 ELSE throttle_counters."count" + 1 END,
            window_started_at = CASE WHEN throttle_counters.window_started_at <= @cutoff THEN @now ELSE throttle_counters.window_started_at END
        RETURNING "count", window_started_at
        """;

    // HitSql for a key counted only while the keys before it in the same batch are within their limits ({0}: one
    // condition per earlier key). Their rows were just written by this batch, whose statements run in one transaction,
    // so they are current and stay locked until it commits. SQLite needs the WHERE to parse INSERT … SELECT … ON CONFLICT.
    private const string GuardedHitSql = """
        INSERT INTO throttle_counters ("key", window_started_at, "count")
        SELECT @key, @now, 1 WHERE {0}
        ON CONFLICT ("key") DO UPDATE SET
            "count" = CASE WHEN throttle_counters.window_started_at <= @cutoff THEN 1 ELSE throttle_counters."count" + 1 END,
            window_started_at = CASE WHEN throttle_counters.window_started_at <= @cutoff THEN @now ELSE throttle_counters.window_started_at END
        RETURNING "count", window_started_at
        """;

    public async Task<ThrottleCount> HitAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return await ReadAsync(HitSql, [("@key", key), ("@now", now), ("@cutoff", Cutoff(now, window))], window, cancellationToken);
    }

    public async Task<ThrottleCount[]> HitAllAsync(IReadOnlyList<string> keys, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var cutoff = Cutoff(now, window);
        var statements = keys.Select(key => (HitSql, new (string, object)[] { ("@key", key), ("@now", now), ("@cutoff", cutoff) })).ToList();
        return await RawSql.RunEachAsync(db, statements, (reader, token) => ReadCountAsync(reader, window, token), cancellationToken);
    }

    public async Task<ThrottleCount[]> HitWhileWithinAsync(IReadOnlyList<ThrottleHit> hits, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var statements = new List<(string, (string, object)[])>(hits.Count);
        for (var i = 0; i < hits.Count; i++)
        {
            var parameters = new List<(string, object)> { ("@key", hits[i].Key), ("@now", now), ("@cutoff", Cutoff(now, hits[i].Window)) };
            var conditions = new List<string>(i);
            for (var earlier = 0; earlier < i; earlier++)
            {
                conditions.Add(string.Create(CultureInfo.InvariantCulture, $"(SELECT \"count\" FROM throttle_counters WHERE \"key\" = @key{earlier}) <= @limit{earlier}"));
                parameters.Add((string.Create(CultureInfo.InvariantCulture, $"@key{earlier}"), hits[earlier].Key));
                parameters.Add((string.Create(CultureInfo.InvariantCulture, $"@limit{earlier}"), hits[earlier].Limit));
            }

            var sql = i == 0 ? HitSql : string.Format(CultureInfo.InvariantCulture, GuardedHitSql, string.Join(" AND ", conditions));
            statements.Add((sql, parameters.ToArray()));
        }

        var rows = await RawSql.RunEachAsync(db, statements, ReadRowAsync, cancellationToken);
        return [.. rows.Select((row, i) => row is { } counted ? ToCount(counted.Count, counted.WindowStartedAt, hits[i].Window) : default)];
    }

    public Task<ThrottleCount> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken) =>
        ReadAsync(CountQuery, [("@key", key), ("@cutoff", Cutoff(time.GetUtcNow().ToUnixTimeSeconds(), window))], window, cancellationToken);

    public Task ResetAsync(string key, CancellationToken cancellationToken) =>
        db.ThrottleCounters.Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Windows that started at or before this Unix time have passed.</summary>
    internal static long Cutoff(long nowUnixSeconds, TimeSpan window) => nowUnixSeconds - (long)window.TotalSeconds;

    /// <summary>The counter's window as a <see cref="ThrottleCount"/>, from a row of <c>count, window_started_at</c>.</summary>
    internal static ThrottleCount ToCount(long count, long windowStartedAt, TimeSpan window) =>
        new((int)count, DateTimeOffset.FromUnixTimeSeconds(windowStartedAt) + window);

    private Task<ThrottleCount> ReadAsync(string sql, (string, object)[] parameters, TimeSpan window, CancellationToken cancellationToken) =>
        RawSql.RunAsync(db, sql, parameters, async (command, token) =>
        {
            await using var reader = await command.ExecuteReaderAsync(token);
            return await ReadCountAsync(reader, window, token);
        }, cancellationToken);

    private static async Task<ThrottleCount> ReadCountAsync(DbDataReader reader, TimeSpan window, CancellationToken cancellationToken) =>
        await ReadRowAsync(reader, cancellationToken) is { } row ? ToCount(row.Count, row.WindowStartedAt, window) : default;

    /// <summary>The <c>count, window_started_at</c> row the statement returned, if any.</summary>
    private static async Task<(long Count, long WindowStartedAt)?> ReadRowAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken)
            ? (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture))
            : null;
}
