using System.Diagnostics;
using System.Globalization;
using Authy.Bench.Scenarios;
using Npgsql;

namespace Authy.Bench.Setup;

/// <summary>One statement's share of a phase, from pg_stat_statements.</summary>
public sealed record StatementStats(string Query, long Calls, double MeanMillis, double TotalMillis, double CallsPerIteration);

/// <summary>The bench's direct access to PostgreSQL: databases, the user seeding, and statement statistics.</summary>
public sealed class BenchDatabase(string adminConnectionString)
{
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database }.ToString();

    public async Task RecreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", cancellationToken);
    }

    public async Task<string> ServerVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection.PostgreSqlVersion.ToString();
    }

    /// <summary>
    /// Adds users until the application has <paramref name="targetUsers"/>, each a copy of the template member (so
    /// its encrypted seed, which the server wrote, stays valid) with its own phone number; every user with an even id
    /// also gets a copy of the template device. One INSERT … SELECT generate_series per batch, users, memberships and
    /// devices in one statement. Returns the number added.
    /// </summary>
    public async Task<long> SeedUsersAsync(string database, int appId, long templateMemberId, long templateDeviceId, long targetUsers, TextWriter log, CancellationToken cancellationToken)
    {
        const int BatchSize = 100_000;
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync(cancellationToken);
        var existing = await ScalarAsync<long>(connection, "SELECT count(*) FROM app_users WHERE app_id = @app", cancellationToken, ("app", appId));
        var clones = await ScalarAsync<long>(connection, "SELECT count(*) FROM users WHERE phone_number NOT LIKE '20%'", cancellationToken);
        var toAdd = targetUsers - existing;
        if (toAdd <= 0)
        {
            return 0;
        }

        var started = Stopwatch.GetTimestamp();
        var sql = $"""
            WITH new_users AS (
                INSERT INTO users (country_code, phone_number, created_at)
                SELECT 1, {BenchPhones.CloneSql("g.i")}, now() FROM generate_series(@from, @to - 1) AS g(i)
                RETURNING id
            ), members AS (
                INSERT INTO app_users (app_id, user_id, email, status, encrypted_seed, last_accepted_step, registered_at, created_at)
                SELECT t.app_id, n.id, 'clone' || n.id || '@example.com', t.status, t.encrypted_seed, NULL, t.registered_at, t.created_at
                FROM new_users n CROSS JOIN (SELECT * FROM app_users WHERE id = @member) t
                RETURNING user_id
            )
            INSERT INTO devices (user_id, os_type, name, public_key, registration_method, created_at, last_synced_at)
            SELECT m.user_id, d.os_type, d.name, d.public_key, d.registration_method, d.created_at, d.last_synced_at
            FROM members m CROSS JOIN (SELECT * FROM devices WHERE id = @device) d
            WHERE m.user_id % 2 = 0
            """;
        for (var from = clones; from < clones + toAdd; from += BatchSize)
        {
            var to = Math.Min(from + BatchSize, clones + toAdd);
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            command.Parameters.AddWithValue("member", templateMemberId);
            command.Parameters.AddWithValue("device", templateDeviceId);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  seeded {existing + to - clones:N0} users ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)"));
        }

        // As autovacuum would have by now on a database that grew to this size: statistics and a visibility map.
        await ExecuteAsync(connection, "VACUUM (ANALYZE) users, app_users, devices", cancellationToken, timeoutSeconds: 600);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  VACUUM ANALYZE done ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)"));

        // The seeding wrote hundreds of MB: write them out now, so that the checkpoint they would trigger a few minutes
        // later does not land in a measured phase (a production database is not bulk-loaded just before its traffic).
        await ExecuteAsync(connection, "CHECKPOINT", cancellationToken, timeoutSeconds: 600);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  CHECKPOINT done ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)"));
        return toAdd;
    }

    /// <summary>The application's members: all of them, and those with and without a device.</summary>
    public async Task<(List<long> All, List<long> WithDevice, List<long> WithoutDevice)> MembersAsync(string database, int appId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT m.user_id, EXISTS (SELECT 1 FROM devices d WHERE d.user_id = m.user_id)
            FROM app_users m WHERE m.app_id = @app ORDER BY m.user_id
            """,
            connection);
        command.Parameters.AddWithValue("app", appId);
        var all = new List<long>();
        var withDevice = new List<long>();
        var withoutDevice = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            all.Add(id);
            (reader.GetBoolean(1) ? withDevice : withoutDevice).Add(id);
        }

        return (all, withDevice, withoutDevice);
    }

    public async Task<long> TableRowsAsync(string database, string table, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync(cancellationToken);
        return await ScalarAsync<long>(connection, $"SELECT count(*) FROM {table}", cancellationToken);
    }

    /// <summary>
    /// Row updates of <paramref name="table"/> so far, and how many of them were HOT (heap-only: the new row version fit
    /// on the same page, so no index was written). Cumulative; the statistics collector reports them within a second.
    /// </summary>
    public async Task<(long Updates, long HotUpdates)> UpdateCountsAsync(string database, string table, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = @table", connection);
        command.Parameters.AddWithValue("table", table);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    /// <summary>Outbox rows still waiting for the dispatcher.</summary>
    /// <summary>The numbers of <paramref name="userIds"/> in E.164 form, as the server sends them to a provider.</summary>
    public async Task<Dictionary<long, string>> PhonesAsync(string database, IReadOnlyList<long> userIds, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT id, '+' || country_code || phone_number FROM users WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", userIds.ToArray());
        var phones = new Dictionary<long, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            phones[reader.GetInt64(0)] = reader.GetString(1);
        }

        return phones;
    }

    /// <summary>Drops the messages still queued: the delivery phase measures its own, not a backlog left by earlier load.</summary>
    public async Task<long> DropPendingOutboxAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM outbox_messages WHERE status = 'Pending'", connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> PendingOutboxAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync(cancellationToken);
        return await ScalarAsync<long>(connection, "SELECT count(*) FROM outbox_messages WHERE status = 'Pending'", cancellationToken);
    }

    public async Task<string> DatabaseSizeAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync(cancellationToken);
        return await ScalarAsync<string>(connection, "SELECT pg_size_pretty(pg_database_size(current_database()))", cancellationToken);
    }

    /// <summary>Turns on pg_stat_statements in <paramref name="database"/>; false when the library is not preloaded.</summary>
    public async Task<bool> TryEnableStatementStatsAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", cancellationToken);
            await ExecuteAsync(connection, "SELECT pg_stat_statements_reset()", cancellationToken);
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    public async Task ResetStatementStatsAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_stat_statements_reset()", cancellationToken);
    }

    /// <summary>The statements run in <paramref name="database"/> since the last reset, most called first.</summary>
    public async Task<List<StatementStats>> StatementStatsAsync(string database, long iterations, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor(database));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT s.query, s.calls, s.mean_exec_time, s.total_exec_time
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database() AND s.query NOT LIKE '%pg_stat_statements%'
            ORDER BY s.calls DESC, s.total_exec_time DESC LIMIT 15
            """,
            connection);
        var rows = new List<StatementStats>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var calls = reader.GetInt64(1);
            rows.Add(new StatementStats(
                OneLine(reader.GetString(0)),
                calls,
                reader.GetDouble(2),
                reader.GetDouble(3),
                iterations > 0 ? (double)calls / iterations : 0));
        }

        return rows;
    }

    private static string OneLine(string query)
    {
        var text = string.Join(' ', query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 220 ? text : text[..217] + "...";
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, int timeoutSeconds = 120)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(cancellationToken))!, typeof(T), CultureInfo.InvariantCulture);
    }
}
