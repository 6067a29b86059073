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

    private long Cutoff(VerifyLockout lockout) => DatabaseThrottle.Cutoff(time.GetUtcNow().ToUnixTimeSeconds(), lockout.Window);

    private static async Task<VerifySubject?> ReadAsync(DbCommand command, TimeSpan failureWindow, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var device = reader.IsDBNull(6) ? null : new DeviceSummary(
            reader.GetInt64(6),
            reader.GetString(7),
            reader.GetNullableString(8),
            reader.GetTimestamp(9)!.Value,
            reader.GetTimestamp(10));
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
}
