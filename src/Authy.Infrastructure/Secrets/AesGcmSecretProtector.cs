using System.Security.Cryptography;
using System.Text;
using Authy.Application.Abstractions;

namespace Authy.Infrastructure.Secrets;

/// <summary>
/// AES-256-GCM with a fresh 96-bit nonce per message and the purpose as associated data.
/// Layout: <c>version(1) | key id(8) | nonce(12) | tag(16) | ciphertext</c>. The key id (a hash prefix of the key)
/// lets an old ciphertext name the retired key that opens it, so the master key can rotate without a re-encryption pass.
/// </summary>
public sealed class AesGcmSecretProtector : ISecretProtector
{
    private const byte Version = 1;
    private const int KeyIdSize = 8;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + KeyIdSize + NonceSize + TagSize;

    private readonly byte[] _currentKeyId;
    private readonly byte[] _currentKey;
    private readonly Dictionary<string, byte[]> _keysById;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> _macKeys = new(StringComparer.Ordinal);

    public AesGcmSecretProtector(byte[] currentKey, IEnumerable<byte[]> previousKeys)
    {
        if (currentKey.Length != 32)
        {
            throw new ArgumentException("The master key must be 32 bytes.", nameof(currentKey));
        }

        _currentKey = currentKey;
        _currentKeyId = KeyId(currentKey);
        _keysById = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [Convert.ToHexString(_currentKeyId)] = currentKey };
        foreach (var key in previousKeys)
        {
            _keysById.TryAdd(Convert.ToHexString(KeyId(key)), key);
        }
    }

    /// <summary>The id (hex) of the key new data is encrypted under: the first 8 bytes of its SHA-256.</summary>
    public string CurrentKeyId => Convert.ToHexString(_currentKeyId);

    /// <summary>
    /// A check value for each configured key (current and previous), by key id: an HMAC of a fixed label under a key
    /// derived from the master key for this use only. Stored in the database, it shows whether a later start has the
    /// same key without storing anything that helps decrypt.
    /// </summary>
    public IReadOnlyDictionary<string, byte[]> KeyCheckValues() => _keysById.ToDictionary(
        pair => pair.Key,
        pair => HMACSHA256.HashData(
            HKDF.DeriveKey(HashAlgorithmName.SHA256, pair.Value, 32, salt: [], info: "authy.key-check.v1"u8.ToArray()),
            "authy master key check"u8),
        StringComparer.Ordinal);

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var output = new byte[HeaderSize + plaintext.Length];
        output[0] = Version;
        _currentKeyId.CopyTo(output.AsSpan(1, KeyIdSize));
        var nonce = output.AsSpan(1 + KeyIdSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_currentKey, TagSize);
        aes.Encrypt(
            nonce,
            plaintext,
            output.AsSpan(HeaderSize),
            output.AsSpan(1 + KeyIdSize + NonceSize, TagSize),
            Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    public byte[] Mac(ReadOnlySpan<byte> data, string purpose)
    {
        // One HKDF subkey per purpose: a MAC for one purpose never verifies for another, and the master key itself
        // is never used directly as an HMAC key.
        var key = _macKeys.GetOrAdd(purpose, p => HKDF.DeriveKey(HashAlgorithmName.SHA256, _currentKey, 32, salt: [], info: Encoding.UTF8.GetBytes("authy.mac.v1|" + p)));
        return HMACSHA256.HashData(key, data);
    }

    public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose)
    {
        if (protectedData.Length < HeaderSize || protectedData[0] != Version)
        {
            throw new CryptographicException("The protected data has an unknown format.");
        }

        var keyId = Convert.ToHexString(protectedData.Slice(1, KeyIdSize));
        if (!_keysById.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException("The protected data was encrypted with a key that is not configured.");
        }

        var plaintext = new byte[protectedData.Length - HeaderSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(
            protectedData.Slice(1 + KeyIdSize, NonceSize),
            protectedData[HeaderSize..],
            protectedData.Slice(1 + KeyIdSize + NonceSize, TagSize),
            plaintext,
            Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }

    private static byte[] KeyId(byte[] key) => SHA256.HashData(key)[..KeyIdSize];
}
