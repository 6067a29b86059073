using System.Data.Common;
using Authy.Application.Abstractions;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Authy.Infrastructure.Throttling;

/// <summary>
/// Throttle counters in the <c>throttle_counters</c> table. A hit is one upsert statement, atomic on PostgreSQL and
/// SQLite alike, so concurrent requests on any number of nodes count exactly.
/// </summary>
public sealed class DatabaseThrottle(AuthyDbContext db, TimeProvider time) : IThrottle
{
    // Both providers accept this statement: ON CONFLICT upsert with RETURNING, and SET expressions that read the old row.
    private const string HitSql = """
        INSERT INTO throttle_counters ("key", window_started_at, "count") VALUES (@key, @now, 1)
        ON CONFLICT ("key") DO UPDATE SET
            "count" = CASE WHEN throttle_counters.window_started_at <= @cutoff THEN 1 ELSE throttle_counters."count" + 1 END,
            window_started_at = CASE WHEN throttle_counters.window_started_at <= @cutoff THEN @now ELSE throttle_counters.window_started_at END
        RETURNING "count"
        """;

    private const string CountSql = """
        SELECT "count" FROM throttle_counters WHERE "key" = @key AND window_started_at > @cutoff
        """;

    public async Task<int> HitAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var result = await ScalarAsync(HitSql, key, now, now - (long)window.TotalSeconds, cancellationToken);
        return Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var result = await ScalarAsync(CountSql, key, now, now - (long)window.TotalSeconds, cancellationToken);
        return result is null or DBNull ? 0 : Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task ResetAsync(string key, CancellationToken cancellationToken) =>
        db.ThrottleCounters.Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);

    private async Task<object?> ScalarAsync(string sql, string key, long now, long cutoff, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            Add(command, "@key", key);
            Add(command, "@now", now);
            Add(command, "@cutoff", cutoff);
            return await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
