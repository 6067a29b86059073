using System.Data.Common;
using System.Globalization;
using Authy.Application.Tokens;
using Authy.Application.Users;
using Authy.Infrastructure.Throttling;

namespace Authy.Infrastructure.Persistence;

/// <summary>
/// verify's statements (ADR 0017). The read joins the latest device on a scalar <c>max(id)</c> of the user's devices,
/// which both providers answer from the last entry of the user in the <c>devices (user_id, id)</c> index, one probe at
/// any table size (the bench's 1,000,000-user database), and the failed-verify counter by its key.
/// </summary>
public sealed class VerifySubjects(AuthyDbContext db, TimeProvider time) : IVerifySubjects
{
    private const string FindSql = """
        SELECT m.id, m.status, m.created_at, m.registered_at, m.encrypted_seed, m.last_accepted_step,
               d.id, d.os_type, d.registration_method, d.created_at, d.last_synced_at,
               t."count", t.window_started_at, m.seed_version
        FROM app_users m
        LEFT JOIN devices d ON d.id = (SELECT max(latest.id) FROM devices latest WHERE latest.user_id = m.user_id)
        LEFT JOIN throttle_counters t ON t."key" = @key AND t.window_started_at > @cutoff
        WHERE m.app_id = @app AND m.user_id = @user
        """;

    // The lock-out condition reads the counter inside the update, so the check and the acceptance are one statement. It
    // and the read's join apply the throttle's window rule (DatabaseThrottle.Cutoff: open while it started after @cutoff).
    private const string NotLockedOut = """
        AND COALESCE((SELECT t."count" FROM throttle_counters t WHERE t."key" = @key AND t.window_started_at > @cutoff), 0) < @limit
        """;

    // The seed version condition: a device removal that replaced the seed after verify read it must not let a code of
    // the old seed through.
    private const string ConsumeAuthySeedSql = $"""
        UPDATE app_users SET last_accepted_step = @step
        WHERE id = @id AND (last_accepted_step IS NULL OR last_accepted_step < @step) AND seed_version = @version
        {NotLockedOut}
        """;

    private const string ConsumeGenericSql = $"""
        UPDATE generic_secrets SET last_accepted_step = @step
        WHERE id = @id AND (last_accepted_step IS NULL OR last_accepted_step < @step)
        {NotLockedOut}
        """;

    // The fast path's one statement (ADR 0021): the consume above plus the member's cached facts (id, status, seed version:
    // a ban, a deletion or a rotation since the cache was filled makes it match no row), the first verify's registered_at,
    // and what the answer needs and the cache cannot hold: the latest device and the failure counter.
    private const string ConsumeCachedUpdate = $"""
        UPDATE app_users SET last_accepted_step = @step, registered_at = COALESCE(registered_at, @now)
        WHERE id = @id AND status = @status AND seed_version = @version
          AND (last_accepted_step IS NULL OR last_accepted_step < @step)
        {NotLockedOut}
        """;

    // PostgreSQL: the update in a data-modifying CTE, joined once to the latest device (two index probes); zero rows when
    // it consumed nothing.
    private const string ConsumeCachedPostgresSql = $"""
        WITH consumed AS ({ConsumeCachedUpdate}
        RETURNING user_id)
        SELECT d.id, d.os_type, d.registration_method, d.created_at, d.last_synced_at,
               (SELECT t."count" FROM throttle_counters t WHERE t."key" = @key AND t.window_started_at > @cutoff)
        FROM consumed
        LEFT JOIN devices d ON d.id = (SELECT max(latest.id) FROM devices latest WHERE latest.user_id = consumed.user_id)
        """;

    // SQLite has no data-modifying CTE and lets RETURNING name only the updated table: each device column is a scalar
    // subquery correlated on it. In process, the extra probes cost no round trip.
    private const string ConsumeCachedSqliteSql = $"""
        {ConsumeCachedUpdate}
        RETURNING
          (SELECT d.id FROM devices d WHERE d.id = {LatestDevice}),
          (SELECT d.os_type FROM devices d WHERE d.id = {LatestDevice}),
          (SELECT d.registration_method FROM devices d WHERE d.id = {LatestDevice}),
          (SELECT d.created_at FROM devices d WHERE d.id = {LatestDevice}),
          (SELECT d.last_synced_at FROM devices d WHERE d.id = {LatestDevice}),
          (SELECT t."count" FROM throttle_counters t WHERE t."key" = @key AND t.window_started_at > @cutoff)
        """;

    private const string LatestDevice = "(SELECT max(latest.id) FROM devices latest WHERE latest.user_id = app_users.user_id)";

    public Task<VerifySubject?> FindAsync(int appId, long authyId, VerifyLockout lockout, CancellationToken cancellationToken) =>
        RawSql.RunAsync(
            db,
            FindSql,
            [("@app", appId), ("@user", authyId), ("@key", lockout.Key), ("@cutoff", Cutoff(lockout))],
            (command, token) => ReadAsync(command, lockout.Window, token),
            cancellationToken);

    public async Task<bool> TryConsumeStepAsync(VerifySecret secret, long secretId, int seedVersion, long step, VerifyLockout lockout, CancellationToken cancellationToken)
    {
        (string, object)[] parameters = [("@id", secretId), ("@step", step), ("@key", lockout.Key), ("@cutoff", Cutoff(lockout)), ("@limit", lockout.Limit)];
        return await RawSql.RunAsync(
            db,
            secret == VerifySecret.Generic ? ConsumeGenericSql : ConsumeAuthySeedSql,
            secret == VerifySecret.Generic ? parameters : [.. parameters, ("@version", seedVersion)],
            (command, token) => command.ExecuteNonQueryAsync(token),
            cancellationToken) == 1;
    }

    public Task<ConsumedStep?> TryConsumeCachedAsync(CachedVerifyMember member, long step, VerifyLockout lockout, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return RawSql.RunAsync(
            db,
            db is SqliteAuthyDbContext ? ConsumeCachedSqliteSql : ConsumeCachedPostgresSql,
            [
                ("@id", member.MemberId), ("@status", member.Status.ToString()), ("@version", member.SeedVersion), ("@step", step),
                ("@now", RawSql.Timestamp(db, now)),
                ("@key", lockout.Key), ("@cutoff", Cutoff(lockout)), ("@limit", lockout.Limit),
            ],
            ReadConsumedAsync,
            cancellationToken);
    }

    private static async Task<ConsumedStep?> ReadConsumedAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var device = ReadDevice(reader, 0);
        var failures = reader.IsDBNull(5) ? 0 : Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture);
        return new ConsumedStep(device, failures > 0);
    }

    private long Cutoff(VerifyLockout lockout) => DatabaseThrottle.Cutoff(time.GetUtcNow().ToUnixTimeSeconds(), lockout.Window);

    private static async Task<VerifySubject?> ReadAsync(DbCommand command, TimeSpan failureWindow, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var device = ReadDevice(reader, 6);
        var failures = reader.IsDBNull(11) ? default : DatabaseThrottle.ToCount(
            Convert.ToInt64(reader.GetValue(11), CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(12), CultureInfo.InvariantCulture),
            failureWindow);
        return new VerifySubject(
            MemberId: reader.GetInt64(0),
            Status: Enum.Parse<AppUserStatus>(reader.GetString(1)),
            CreatedAt: reader.GetTimestamp(2)!.Value,
            RegisteredAt: reader.GetTimestamp(3),
            EncryptedSeed: reader.GetFieldValue<byte[]>(4),
            LastAcceptedStep: reader.GetNullableInt64(5),
            LatestDevice: device,
            RecentFailures: failures,
            SeedVersion: Convert.ToInt32(reader.GetValue(13), CultureInfo.InvariantCulture));
    }

    /// <summary>The latest device's five columns (id, os_type, registration_method, created_at, last_synced_at) from <paramref name="first"/> on.</summary>
    private static DeviceSummary? ReadDevice(DbDataReader reader, int first) => reader.IsDBNull(first) ? null : new DeviceSummary(
        reader.GetInt64(first),
        reader.GetString(first + 1),
        reader.GetNullableString(first + 2),
        reader.GetTimestamp(first + 3)!.Value,
        reader.GetTimestamp(first + 4));
}
