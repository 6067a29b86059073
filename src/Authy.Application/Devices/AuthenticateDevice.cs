using Authy.Application.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.Devices;

/// <summary>The device a request's token proved to be.</summary>
public sealed record AuthenticatedDevice(long DeviceId, long UserId);

/// <summary>
/// Checks a device token: ES256 signature by the device's registered key, not expired, not issued in the future, not
/// longer-lived than allowed, and its <c>jti</c> never seen before (stored until the token would expire anyway).
/// Every refusal looks the same to the caller.
/// </summary>
public sealed class AuthenticateDevice(IAuthyDb db, TimeProvider time, IOptions<DeviceOptions> options)
{
    public async Task<AuthenticatedDevice?> ExecuteAsync(string token, CancellationToken cancellationToken)
    {
        var claims = DeviceKeys.ReadUnverified(token);
        if (claims is null)
        {
            return null;
        }

        var settings = options.Value;
        var now = time.GetUtcNow();
        var skew = TimeSpan.FromSeconds(settings.ClockSkewSeconds);
        if (claims.ExpiresAt < now - skew
            || claims.IssuedAt > now + skew
            || claims.ExpiresAt <= claims.IssuedAt
            || claims.ExpiresAt - claims.IssuedAt > TimeSpan.FromSeconds(settings.MaxTokenLifetimeSeconds))
        {
            return null;
        }

        var device = await db.Devices.AsNoTracking()
            .Where(d => d.Id == claims.DeviceId)
            .Select(d => new { d.Id, d.UserId, d.PublicKey })
            .FirstOrDefaultAsync(cancellationToken);
        if (device?.PublicKey is null || !DeviceKeys.SignatureIsValid(claims, device.PublicKey))
        {
            return null;
        }

        // The primary key (device, jti) makes the second use of a token fail, on any node.
        db.DeviceTokenUses.Add(new DeviceTokenUse { DeviceId = device.Id, TokenId = claims.TokenId, ExpiresAt = claims.ExpiresAt + skew });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return null;
        }

        return new AuthenticatedDevice(device.Id, device.UserId);
    }
}
