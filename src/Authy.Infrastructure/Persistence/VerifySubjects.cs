using System.Data.Common;
using Authy.Application.Tokens;
using Authy.Application.Users;
using Authy.Infrastructure.Throttling;

namespace Authy.Infrastructure.Persistence;

/// <summary>
/// verify's one read (ADR 0017). The latest device is joined on a scalar <c>max(id)</c> of the user's devices, which
/// both providers answer from the last entry of the user in the <c>devices (user_id, id)</c> index, one probe at any
/// table size (the bench's 1,000,000-user database); the failed-verify count is the throttle's own query, as a scalar
/// subquery.
/// </summary>
public sealed class VerifySubjects(AuthyDbContext db, TimeProvider time) : IVerifySubjects
{
    private const string Sql = $"""
        SELECT m.id, m.status, m.created_at, m.registered_at, m.encrypted_seed, m.last_accepted_step,
               d.id, d.os_type, d.registration_method, d.created_at, d.last_synced_at,
               ({DatabaseThrottle.CountQuery}) AS failures
        FROM app_users m
        LEFT JOIN devices d ON d.id = (SELECT max(latest.id) FROM devices latest WHERE latest.user_id = m.user_id)
        WHERE m.app_id = @app AND m.user_id = @user
        """;

    public Task<VerifySubject?> FindAsync(int appId, long authyId, string failureKey, TimeSpan failureWindow, CancellationToken cancellationToken)
    {
        var cutoff = DatabaseThrottle.Cutoff(time.GetUtcNow().ToUnixTimeSeconds(), failureWindow);
        return RawSql.RunAsync(db, Sql, [("@app", appId), ("@user", authyId), ("@key", failureKey), ("@cutoff", cutoff)], ReadAsync, cancellationToken);
    }

    private static async Task<VerifySubject?> ReadAsync(DbCommand command, CancellationToken cancellationToken)
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
        return new VerifySubject(
            MemberId: reader.GetInt64(0),
            Status: Enum.Parse<AppUserStatus>(reader.GetString(1)),
            CreatedAt: reader.GetTimestamp(2)!.Value,
            RegisteredAt: reader.GetTimestamp(3),
            EncryptedSeed: reader.GetFieldValue<byte[]>(4),
            LastAcceptedStep: reader.GetNullableInt64(5),
            LatestDevice: device,
            RecentFailures: reader.IsDBNull(11) ? 0 : Convert.ToInt32(reader.GetValue(11), System.Globalization.CultureInfo.InvariantCulture));
    }
}
