using Authy.Application.Abstractions;
using Authy.Application.Otp;
using Authy.Application.Phones;
using Authy.Application.Tokens;
using Authy.Application.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.Devices;

public sealed record DeviceInfo(long DeviceId, long AuthyId, string Name, string OsType, string Cellphone, DateTimeOffset CreatedAt);

/// <summary>
/// One application's token as a device shows it. <see cref="Secret"/> (Base32) is there only when the device does not hold
/// seed <see cref="SeedVersion"/> yet: on its first sync and after a rotation; otherwise null, and the device keeps
/// using the secret it stored (ADR 0019).
/// </summary>
public sealed record SyncedToken(int AppId, string AppName, int SeedVersion, string? Secret, int Digits, int Period, string Algorithm);

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
    /// 7 digits at the Authy period. A seed leaves the server here, to the device that proved the phone, once per
    /// version: the grant recorded with it says the device holds that version, so later calls list the token without
    /// it until the seed is rotated. Null when the device was removed meanwhile.
    /// </summary>
    public async Task<IReadOnlyList<SyncedToken>?> ListTokensAsync(AuthenticatedDevice device, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The device's row is written first: a removal of this device (RemoveDevice writes the same row first) either
        // finishes before, and then there is nothing to hand out, or waits for this sync and sees its grants.
        var present = await db.Devices.Where(d => d.Id == device.DeviceId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSyncedAt, now), cancellationToken);
        if (present == 0)
        {
            return null;
        }

        var memberships = await db.AppUsers.AsNoTracking()
            .Where(m => m.UserId == device.UserId && m.Status == AppUserStatus.Active && m.App.Settings.TokenSyncEnabled)
            .OrderBy(m => m.AppId)
            .Select(m => new { m.Id, m.AppId, m.App.Name, m.EncryptedSeed, m.SeedVersion })
            .ToListAsync(cancellationToken);
        var grants = await db.DeviceSeedGrants
            .Where(g => g.DeviceId == device.DeviceId)
            .ToDictionaryAsync(g => g.AppUserId, cancellationToken);

        var parameters = TokenCodes.Parameters(tokenOptions.Value.PeriodSeconds);
        var tokens = new List<SyncedToken>(memberships.Count);
        foreach (var m in memberships)
        {
            string? secret = null;
            var grant = grants.GetValueOrDefault(m.Id);
            if (grant?.SeedVersion != m.SeedVersion)
            {
                secret = OtpSecret.ToBase32(protector.Unprotect(m.EncryptedSeed, SecretPurposes.Seed));
                if (grant is null)
                {
                    grant = new DeviceSeedGrant { DeviceId = device.DeviceId, AppUserId = m.Id };
                    db.DeviceSeedGrants.Add(grant);
                }

                grant.SeedVersion = m.SeedVersion;
                grant.GrantedAt = now;
            }

            tokens.Add(new SyncedToken(m.AppId, m.Name, m.SeedVersion, secret, parameters.Digits, parameters.StepSeconds, "SHA1"));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tokens;
    }
}
