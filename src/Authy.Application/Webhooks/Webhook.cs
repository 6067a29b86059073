namespace Authy.Application.Webhooks;

/// <summary>
/// A subscription of an application to some of Authy's events (spec §3.18): events are POSTed to <see cref="Url"/> as
/// a JWT signed with the webhook's own signing key. Shown on the wire as <c>WH_&lt;uuid&gt;</c>.
/// </summary>
public sealed class Webhook
{
    public const string IdPrefix = "WH_";

    public Guid Id { get; set; }

    public int AppId { get; set; }

    public required string Name { get; set; }

    public required string Url { get; set; }

    /// <summary>The subscribed event names, comma-separated, in the order they were given (see <see cref="WebhookEventNames"/>).</summary>
    public required string Events { get; set; }

    /// <summary>The HS256 key of this webhook's JWTs, encrypted at rest (returned in clear by create and list).</summary>
    public required byte[] EncryptedSigningKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static string WireId(Guid id) => IdPrefix + id.ToString("D");

    /// <summary>Reads <c>WH_&lt;uuid&gt;</c>; anything else names no webhook.</summary>
    public static bool TryParseWireId(string? text, out Guid id)
    {
        id = Guid.Empty;
        return text is not null && text.StartsWith(IdPrefix, StringComparison.Ordinal)
            && Guid.TryParseExact(text.AsSpan(IdPrefix.Length), "D", out id);
    }

    public static IReadOnlyList<string> SplitEvents(string events) => events.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A used <c>X-Authy-Signature-Nonce</c> of one application (its SHA-256), kept until <see cref="ExpiresAt"/> so a
/// replayed Webhooks-API request is refused on every node (ADR 0012).
/// </summary>
public sealed class WebhookApiNonce
{
    public int AppId { get; set; }

    public required byte[] NonceHash { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
