using System.Security.Cryptography;
using Authy.Application.Abstractions;
using Authy.Application.Otp;
using Authy.Application.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Authy.Application.Devices;

/// <summary>
/// Removes a device: its key stops working at once, sms/call go to the phone again, and every seed the device was
/// handed is replaced, so the codes it can still compute are refused everywhere (ADR 0019). The user's other devices
/// are told (<see cref="DeviceEventTypes.TokensChanged"/>) and fetch the new seeds; SMS, voice and e-mail codes are
/// derived from the member's seed when sent, so they follow at once.
/// </summary>
public sealed partial class RemoveDevice(
    IAuthyDb db, ISecretProtector protector, IDeviceEvents deviceEvents, IMemberChanges memberChanges, TimeProvider time, ILogger<RemoveDevice> logger)
{
    public const string DeviceRemovedReason = "device_removed";

    /// <summary>False when the device was already gone.</summary>
    public async Task<bool> ExecuteAsync(AuthenticatedDevice device, CancellationToken cancellationToken)
    {
        string name;
        List<int> appIds;
        List<long> otherDevices;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Writing the device's row first waits for a sync of this device in progress (ListTokensAsync writes the same
            // row first), so the grants read next include every seed that sync hands out.
            var present = await db.Devices.Where(d => d.Id == device.DeviceId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSyncedAt, d => d.LastSyncedAt), cancellationToken);
            if (present == 0)
            {
                return false;
            }

            name = await db.Devices.Where(d => d.Id == device.DeviceId).Select(d => d.Name).FirstAsync(cancellationToken);
            // Any version: a grant of an older version names a seed already replaced, and replacing it again costs
            // the other devices one sync, while a legacy grant (version 0) names the current seed.
            var granted = await db.DeviceSeedGrants.Where(g => g.DeviceId == device.DeviceId)
                .Select(g => g.AppUserId)
                .ToListAsync(cancellationToken);
            await db.Devices.Where(d => d.Id == device.DeviceId).ExecuteDeleteAsync(cancellationToken); // grants cascade

            // In id order, so two removals rotating the same memberships lock their rows in the same order.
            foreach (var memberId in granted.Order())
            {
                var seed = OtpSecret.NewSeed();
                var encrypted = protector.Protect(seed, SecretPurposes.Seed);
                CryptographicOperations.ZeroMemory(seed);
                await db.AppUsers.Where(m => m.Id == memberId)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(m => m.EncryptedSeed, encrypted).SetProperty(m => m.SeedVersion, m => m.SeedVersion + 1),
                        cancellationToken);
            }

            appIds = await db.AppUsers.AsNoTracking()
                .Where(m => granted.Contains(m.Id))
                .Select(m => m.AppId)
                .OrderBy(id => id)
                .ToListAsync(cancellationToken);
            otherDevices = await db.Devices.AsNoTracking()
                .Where(d => d.UserId == device.UserId)
                .Select(d => d.Id)
                .ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        LogRemoved(logger, device.DeviceId, appIds.Count);
        foreach (var appId in appIds)
        {
            // verify's caches on every node drop the old seed; a node that misses this still refuses its codes, since
            // the fast path's statement requires the cached seed version (ADR 0021).
            await memberChanges.PublishAsync(appId, device.UserId, CancellationToken.None);
        }

        if (appIds.Count > 0 && otherDevices.Count > 0)
        {
            try
            {
                // The removal stands whatever the caller does now: telling the other devices must not depend on it.
                await deviceEvents.PublishAsync(
                    otherDevices,
                    DeviceEventTypes.TokensChanged,
                    new TokensChanged(appIds, DeviceRemovedReason, name, time.GetUtcNow()),
                    CancellationToken.None);
            }
            catch (DbUpdateException)
            {
                // Another device was removed meanwhile. Those not told still get the new seeds on their next sync: their
                // grants name the old version.
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} removed; the seeds of {Applications} applications it was handed were replaced")]
    private static partial void LogRemoved(ILogger logger, long deviceId, int applications);
}
