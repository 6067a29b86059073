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

    public AppSettings Settings { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }
}
