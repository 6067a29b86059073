namespace Authy.Infrastructure.Secrets;

/// <summary>Encryption at rest (section <c>Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Base64 of 32 random bytes: the AES-256-GCM key for seeds and outbox payloads. Required in Production.
    /// Elsewhere, when empty, a key is generated once and kept in <c>{DataDirectory}/master.key</c>.
    /// Generate one with <c>openssl rand -base64 32</c>.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>Keys that were <see cref="MasterKey"/> before a rotation: still used to decrypt, never to encrypt.</summary>
    public List<string> PreviousMasterKeys { get; set; } = [];
}
