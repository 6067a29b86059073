namespace Authy.Application.Abstractions;

/// <summary>
/// Encrypts secrets at rest (TOTP seeds, outbox payloads) and keys the hashes of short codes, so that a database
/// dump alone reveals none.
/// The purpose is bound into the ciphertext: a seed cannot be decrypted as a payload.
/// </summary>
public interface ISecretProtector
{
    byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose);

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> when the data was tampered with or the key is unknown.</summary>
    byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose);

    /// <summary>
    /// A keyed hash (HMAC-SHA256) under a key derived from the master key for <paramref name="purpose"/>. For short
    /// codes stored as hashes: without the master key, a database dump cannot test guesses against them. Hashes made
    /// before the master key rotates stop matching, which only short-lived codes may accept.
    /// </summary>
    byte[] Mac(ReadOnlySpan<byte> data, string purpose);
}
