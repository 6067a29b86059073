using Authy.Application.Abstractions;
using Authy.Application.Otp;
using Authy.Application.Phones;
using Authy.Application.Tokens;
using Authy.Application.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.Devices;

public sealed record DeviceInfo(long DeviceId, long AuthyId, string Name, string OsType, string Cellphone, DateTimeOffset CreatedAt);

/// <summary>One application's token as a device shows it.</summary>
public sealed record SyncedToken(int AppId, string AppName, string Secret, int Digits, int Period, string Algorithm);

/// <summary>What an authenticated device may read and do about itself.</summary>
public sealed class DeviceQueries(IAuthyDb db, ISecretProtector protector, TimeProvider time, IOptions<TokenOptions> tokenOptions)
{
    public async Task<DeviceInfo?> GetAsync(AuthenticatedDevice device, CancellationToken cancellationToken)
    {
        var row = await db.Devices.AsNoTracking()
            .Where(d => d.Id == device.DeviceId)
            .Join(db.Users, d => d.UserId, u => u.Id, (d, u) => new { d.Id, d.UserId, d.Name, d.OsType, d.CreatedAt, u.CountryCode, u.PhoneNumber })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new DeviceInfo(row.Id, row.UserId, row.Name, row.OsType, Masking.Cellphone(row.CountryCode, row.PhoneNumber), row.CreatedAt);
    }

    /// <summary>
    /// The Authy token of every application the device's user belongs to (active, not banned) that allows token sync:
    /// 7 digits at the Authy period. The seed leaves the server here, to the device that proved the phone.
    /// </summary>
    public async Task<IReadOnlyList<SyncedToken>> ListTokensAsync(AuthenticatedDevice device, CancellationToken cancellationToken)
    {
        var memberships = await db.AppUsers.AsNoTracking()
            .Where(m => m.UserId == device.UserId && m.Status == AppUserStatus.Active && m.App.Settings.TokenSyncEnabled)
            .OrderBy(m => m.AppId)
            .Select(m => new { m.AppId, m.App.Name, m.EncryptedSeed })
            .ToListAsync(cancellationToken);
        await db.Devices.Where(d => d.Id == device.DeviceId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSyncedAt, time.GetUtcNow()), cancellationToken);

        var parameters = TokenCodes.Parameters(tokenOptions.Value.PeriodSeconds);
        return memberships
            .Select(m => new SyncedToken(
                m.AppId,
                m.Name,
                OtpSecret.ToBase32(protector.Unprotect(m.EncryptedSeed, SecretPurposes.Seed)),
                parameters.Digits,
                parameters.StepSeconds,
                "SHA1"))
            .ToList();
    }

    /// <summary>Removes the device: its key stops working at once, and sms/call go to the phone again.</summary>
    public async Task<bool> RemoveAsync(AuthenticatedDevice device, CancellationToken cancellationToken) =>
        await db.Devices.Where(d => d.Id == device.DeviceId).ExecuteDeleteAsync(cancellationToken) > 0;
}
