namespace Authy.Application.Apps;

/// <summary>An application: the tenant that owns users, identified on the wire by its API key.</summary>
public sealed class App
{
    /// <summary>Shown on the wire as the integer <c>app_id</c>.</summary>
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the API key. The key itself is shown once, at creation or rotation.</summary>
    public required byte[] ApiKeyHash { get; set; }

    /// <summary>The key's last four characters, so an operator can tell keys apart in <c>apps list</c>.</summary>
    public required string ApiKeyHint { get; set; }

    /// <summary>
    /// The API key encrypted at rest. OneTouch callbacks are signed with the key itself (HMAC, as Authy clients verify),
    /// so a hash alone is not enough; lookups still use <see cref="ApiKeyHash"/>.
    /// </summary>
    public byte[]? EncryptedApiKey { get; set; }

    /// <summary>
    /// SHA-256 of the dashboard access key, the Webhooks API's <c>access_key</c>; null until one is issued (applications
    /// created before webhooks have none until <c>apps rotate-access-key</c>). The key is shown once, like the API key.
    /// </summary>
    public byte[]? AccessKeyHash { get; set; }

    /// <summary>The access key's last four characters, so <c>apps show</c> can tell keys apart.</summary>
    public string? AccessKeyHint { get; set; }

    /// <summary>
    /// The API signing key, encrypted at rest: it keys the HMAC of Webhooks-API requests (<c>X-Authy-Signature</c>), so
    /// the server needs it in clear to verify one. Null until issued.
    /// </summary>
    public byte[]? EncryptedApiSigningKey { get; set; }

    public AppSettings Settings { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }
}
