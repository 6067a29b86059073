using Authy.Application.Abstractions;

namespace Authy.Application.Devices;

/// <summary>
/// Registers a device for a user. The device API (phone proof, key registration) arrives with soft tokens; until then
/// this is how tests and operators give a user an authenticator.
/// </summary>
public sealed class AddDevice(IAuthyDb db, TimeProvider time)
{
    public async Task<Device> ExecuteAsync(long authyId, string osType, string name, string registrationMethod, CancellationToken cancellationToken)
    {
        var device = new Device
        {
            UserId = authyId,
            OsType = osType,
            Name = name,
            RegistrationMethod = registrationMethod,
            CreatedAt = time.GetUtcNow(),
        };
        db.Devices.Add(device);
        await db.SaveChangesAsync(cancellationToken);
        return device;
    }
}
