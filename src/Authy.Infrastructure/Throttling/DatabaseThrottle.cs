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
    /// The count of <c>@key</c> in its current window, as a scalar subquery: the window has passed once it started at or
    /// before <c>@cutoff</c> (<see cref="Cutoff"/>). Also read inside verify's one statement.
    /// </summary>
    internal const string CountQuery = """
        SELECT "count" FROM throttle_counters WHERE "key" = @key AND window_started_at > @cutoff
        """;

    // Both providers accept this statement: ON CONFLICT upsert with RETURNING, and SET expressions that read the old row.
    private const string HitSql = """
        INSERT INTO throttle_counters ("key", window_started_at, "count") VALUES (@key, @now, 1)
        ON CONFLICT ("key") DO UPDATE SET
            "count" = CASE WHEN throttle_counters.window_started_at <= @cutoff THEN 1 ELSE throttle_counters."count" + 1 END,
            window_started_at = CASE WHEN throttle_counters.window_started_at <= @cutoff THEN @now ELSE throttle_counters.window_started_at END
        RETURNING "count"
        """;

    public async Task<int> HitAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var result = await ScalarAsync(HitSql, [("@key", key), ("@now", now), ("@cutoff", Cutoff(now, window))], cancellationToken);
        return Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var cutoff = Cutoff(time.GetUtcNow().ToUnixTimeSeconds(), window);
        var result = await ScalarAsync(CountQuery, [("@key", key), ("@cutoff", cutoff)], cancellationToken);
        return result is null or DBNull ? 0 : Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task ResetAsync(string key, CancellationToken cancellationToken) =>
        db.ThrottleCounters.Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Windows that started at or before this Unix time have passed.</summary>
    internal static long Cutoff(long nowUnixSeconds, TimeSpan window) => nowUnixSeconds - (long)window.TotalSeconds;

    private Task<object?> ScalarAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken) =>
        RawSql.RunAsync(db, sql, parameters, (command, token) => command.ExecuteScalarAsync(token), cancellationToken);
}
