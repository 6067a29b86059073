using System.Globalization;
using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Delivery;
using Authy.Application.OneTouch;
using Authy.Application.Outcomes;
using Authy.Application.Users;
using Authy.Application.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.Devices;

/// <summary>A P-256 public key as a JWK's coordinates (base64url).</summary>
public sealed record DevicePublicKey(string? Kty, string? Crv, string? X, string? Y);

public sealed record CompleteDeviceRegistrationCommand(Guid RegistrationId, string? Code, string? Name, string? OsType, DevicePublicKey? PublicKey);

public sealed record DeviceRegistered(long DeviceId, long AuthyId);

/// <summary>
/// Step two: the code proves the phone, and the device's public key is recorded. The person behind the phone is
/// found (or created: a phone can register an authenticator before any application registered it), so the device
/// later receives the tokens of every application that user belongs to.
/// </summary>
public sealed class CompleteDeviceRegistration(
    IAuthyDb db,
    ISecretProtector protector,
    WebhookEvents webhooks,
    AnnouncePendingApprovals announcePendingApprovals,
    IDeviceEvents deviceEvents,
    TimeProvider time,
    IOptions<DeviceOptions> options)
{
    private static readonly HashSet<string> OsTypes = new(StringComparer.Ordinal) { "android", "ios", "web", "authy_chrome", "desktop" };

    public async Task<Outcome<DeviceRegistered>> ExecuteAsync(CompleteDeviceRegistrationCommand command, CancellationToken cancellationToken)
    {
        // The request is checked before the code, so a well-formed guess is never spent on a malformed request.
        var name = command.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            return Failures.Invalid("Name", "must be 1 to 100 characters");
        }

        var osType = command.OsType?.Trim().ToLowerInvariant() ?? string.Empty;
        if (!OsTypes.Contains(osType))
        {
            return Failures.Invalid("OsType", "must be one of " + string.Join(", ", OsTypes.Order(StringComparer.Ordinal)));
        }

        var publicKey = DeviceKeys.ImportJwk(command.PublicKey);
        if (publicKey is null)
        {
            return Failures.InvalidPublicKey;
        }

        var now = time.GetUtcNow();
        var maxAttempts = options.Value.MaxRegistrationAttempts;
        var registration = await Live(command.RegistrationId, maxAttempts, now).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (registration is null)
        {
            return Failures.DeviceRegistrationNotFound;
        }

        var code = command.Code?.Trim() ?? string.Empty;
        if (!OneTimeCodes.Matches(protector, SecretPurposes.DeviceRegistrationCode, registration.Id, registration.CodeHash, code))
        {
            // Of concurrent wrong codes on any node, exactly the budget are answered as wrong; the rest find the
            // registration dead.
            var wrong = await OneTimeCodes.CountWrongAsync(
                Live(registration.Id, maxAttempts, now), r => r.FailedAttempts, registration.FailedAttempts, maxAttempts, whenSpent: null, cancellationToken);
            return wrong == WrongCode.NothingPending ? Failures.DeviceRegistrationNotFound : Failures.RegistrationCodeIncorrect;
        }

        // Completing is one use of the registration, and only while its budget lasts: of concurrent completions one wins,
        // and a right code that raced past the budget's last wrong guess finds nothing.
        var claimed = await Live(registration.Id, maxAttempts, now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CompletedAt, now), cancellationToken);
        if (claimed == 0)
        {
            return Failures.DeviceRegistrationNotFound;
        }

        var user = await db.Users.FirstOrDefaultAsync(
            u => u.CountryCode == registration.CountryCode && u.PhoneNumber == registration.PhoneNumber, cancellationToken);
        if (user is null)
        {
            user = new User { CountryCode = registration.CountryCode, PhoneNumber = registration.PhoneNumber, CreatedAt = now };
            db.Users.Add(user);
            await db.SaveChangesAsync(cancellationToken);
        }

        var device = new Device
        {
            UserId = user.Id,
            Name = name,
            OsType = osType,
            PublicKey = publicKey,
            RegistrationMethod = registration.Via,
            CreatedAt = now,
        };
        db.Devices.Add(device);
        await db.SaveChangesAsync(cancellationToken);

        // The device serves every application the user belongs to, so each of them hears of it.
        var appIds = await db.AppUsers.AsNoTracking().Where(m => m.UserId == user.Id).Select(m => m.AppId).ToListAsync(cancellationToken);
        foreach (var appId in appIds)
        {
            await webhooks.RaiseAsync(appId, WebhookEventNames.DeviceRegistrationCompleted, user.Id, DeviceObjects(device), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await NotifyOtherDevicesAsync(device, now);

        // OneTouch requests made before the user had a device are waiting for this one.
        await announcePendingApprovals.ExecuteAsync(device.Id, user.Id, cancellationToken);
        return new DeviceRegistered(device.Id, user.Id);
    }

    /// <summary>A registration that can still be completed: not completed, not expired, with attempts left.</summary>
    private IQueryable<DeviceRegistration> Live(Guid id, int maxAttempts, DateTimeOffset now) =>
        db.DeviceRegistrations.Where(r => r.Id == id && r.CompletedAt == null && r.ExpiresAt > now && r.FailedAttempts < maxAttempts);

    /// <summary>
    /// The user's other devices show "a new device was added": a device added by someone who got hold of the phone's
    /// messages is how an account is taken over, and its owner is the one to notice.
    /// </summary>
    private async Task NotifyOtherDevicesAsync(Device device, DateTimeOffset now)
    {
        // The device exists now, whatever the caller does: the notice does not depend on it staying. A publish fails
        // whole when one of the devices was removed meanwhile, so the survivors are read again and told once more.
        for (var attempt = 1; ; attempt++)
        {
            var others = await db.Devices.AsNoTracking()
                .Where(d => d.UserId == device.UserId && d.Id != device.Id)
                .Select(d => d.Id)
                .ToListAsync(CancellationToken.None);
            if (others.Count == 0)
            {
                return;
            }

            try
            {
                await deviceEvents.PublishAsync(others, DeviceEventTypes.DeviceAdded, new DeviceAdded(device.Id, device.Name, device.OsType, now), CancellationToken.None);
                return;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // One of them was removed between the read and the publish: read the others again.
            }
            catch (DbUpdateException)
            {
                return; // removals racing twice: the registration stands, and the webhook to each application is queued
            }
        }
    }

    /// <summary>The <c>objects.device</c> of webhook events about a device.</summary>
    internal static JsonObject DeviceObjects(Device device) =>
        new()
        {
            ["device"] = new JsonObject
            {
                ["s_id"] = device.Id.ToString(CultureInfo.InvariantCulture),
                ["s_os_type"] = device.OsType,
                ["s_registration_method"] = device.RegistrationMethod,
            },
        };
}
