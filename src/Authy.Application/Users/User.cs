namespace Authy.Application.Users;

/// <summary>
/// A person, identified by (country calling code, national number): registering that phone again,
/// from any application, gives the same <see cref="Id"/> (the <c>authy_id</c>).
/// </summary>
public sealed class User
{
    public long Id { get; set; }

    public int CountryCode { get; set; }

    /// <summary>The national significant number, digits only.</summary>
    public required string PhoneNumber { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<Devices.Device> Devices { get; } = [];
}
