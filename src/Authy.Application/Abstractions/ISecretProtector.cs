namespace Authy.Application.Abstractions;

/// <summary>
/// Encrypts secrets at rest (TOTP seeds, outbox payloads) so that a database dump alone reveals none.
/// The purpose is bound into the ciphertext: a seed cannot be decrypted as a payload.
/// </summary>
public interface ISecretProtector
{
    byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> when the data was tampered with or the key is unknown.</summary>
    byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose);
}
