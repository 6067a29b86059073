using System.Globalization;
using Npgsql;

namespace Authy.IntegrationTests.Cluster;

/// <summary>
/// Reads the nodes' database directly, on unpooled connections (the database may have been stopped and started again
/// since the last query): what the outbox holds, and which nodes listen for device events.
/// </summary>
internal static class DatabaseProbe
{
    /// <summary>Outbox rows of a channel (<c>Sms</c>, <c>Callback</c> …) by status (<c>Pending</c>, <c>Delivered</c>, <c>Failed</c>).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> OutboxAsync(string connectionString, string channel = "Sms")
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { ["Pending"] = 0, ["Delivered"] = 0, ["Failed"] = 0 };
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand("SELECT status, count(*) FROM outbox_messages WHERE channel = @channel GROUP BY status", connection);
        command.Parameters.AddWithValue("channel", channel);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary>How many connections to this database hold <c>LISTEN</c> for device events: one per node whose listener is up.</summary>
    public static async Task<long> DeviceEventListenersAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'authy-device-events' AND query ILIKE 'LISTEN%'",
            connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
