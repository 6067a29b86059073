namespace Authy.Application.Verify.Accounts;

/// <summary>
/// A Verify v2 account: what Twilio's Account SID and Auth Token name. Every Verify resource belongs to one, and the
/// Basic-auth credential decides which. The token is stored only as a hash.
/// </summary>
public sealed class Account
{
    public int Id { get; set; }

    /// <summary><c>AC</c> + 32 lowercase hex.</summary>
    public required string Sid { get; set; }

    public required string FriendlyName { get; set; }

    /// <summary>SHA-256 of the auth token (see <see cref="AccountCredentials"/>).</summary>
    public required byte[] AuthTokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// An API key of an account (<c>SK…</c> and a secret): a second credential an application can use and the operator can
/// delete without rotating the account's token. The secret is stored only as a hash.
/// </summary>
public sealed class AccountApiKey
{
    public int Id { get; set; }

    /// <summary><c>SK</c> + 32 lowercase hex.</summary>
    public required string Sid { get; set; }

    public int AccountId { get; set; }

    public required string FriendlyName { get; set; }

    public required byte[] SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
