using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Authy.Application.Otp;

/// <summary>
/// HOTP (RFC 4226): HMAC over the 8-byte big-endian counter, dynamic truncation to 31 bits, modulo
/// 10^digits, zero-padded on the left.
/// </summary>
/// <remarks>
/// Implemented here rather than with Otp.NET's <c>Hotp</c> because codes of 9 and 10 digits are needed and
/// the verifier must compute codes into stack buffers without allocating strings. The unit tests check it
/// against the RFC vectors and against Otp.NET.
/// </remarks>
public static class Hotp
{
    /// <summary>The smallest number of digits accepted (RFC 4226 §5.3 requires at least 6).</summary>
    public const int MinDigits = 6;

    /// <summary>The largest number of digits accepted (the truncated value has 31 bits, at most 10 digits).</summary>
    public const int MaxDigits = 10;

    private const int MaxHashBytes = 64;

    /// <summary>Computes the HOTP value of <paramref name="key"/> at <paramref name="counter"/>.</summary>
    /// <param name="key">The shared secret; must not be empty.</param>
    /// <param name="counter">The moving factor, zero or more.</param>
    /// <param name="digits">The number of digits, <see cref="MinDigits"/> to <see cref="MaxDigits"/>.</param>
    /// <param name="algorithm">The HMAC hash function.</param>
    /// <returns>Exactly <paramref name="digits"/> ASCII digits, leading zeros kept.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Digits out of range, a negative counter or an unknown algorithm.</exception>
    /// <exception cref="ArgumentException">An empty key.</exception>
    public static string Compute(
        ReadOnlySpan<byte> key, long counter, int digits, OtpHashAlgorithm algorithm = OtpHashAlgorithm.Sha1)
    {
        ValidateDigits(digits);
        Span<byte> code = stackalloc byte[MaxDigits];
        code = code[..digits];
        Write(key, counter, algorithm, code);
        return Encoding.ASCII.GetString(code);
    }

    /// <summary>Throws unless <paramref name="digits"/> is between <see cref="MinDigits"/> and <see cref="MaxDigits"/>.</summary>
    internal static void ValidateDigits(int digits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, MinDigits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaxDigits);
    }

    /// <summary>
    /// Writes the code as ASCII digits into <paramref name="destination"/>, whose length is the number of digits
    /// (already validated by the caller). Nothing is allocated.
    /// </summary>
    internal static void Write(ReadOnlySpan<byte> key, long counter, OtpHashAlgorithm algorithm, Span<byte> destination)
    {
        if (key.IsEmpty)
        {
            throw new ArgumentException("The OTP key must not be empty.", nameof(key));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(counter);

        Span<byte> message = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);

        Span<byte> hash = stackalloc byte[MaxHashBytes];
        var length = algorithm switch
        {
            OtpHashAlgorithm.Sha1 => HMACSHA1.HashData(key, message, hash),
            OtpHashAlgorithm.Sha256 => HMACSHA256.HashData(key, message, hash),
            OtpHashAlgorithm.Sha512 => HMACSHA512.HashData(key, message, hash),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown OTP hash algorithm."),
        };

        // Dynamic truncation (RFC 4226 §5.3): the low nibble of the last byte selects 4 bytes; the top bit is dropped.
        var offset = hash[length - 1] & 0x0f;
        long value = BinaryPrimitives.ReadInt32BigEndian(hash.Slice(offset, 4)) & 0x7fffffff;
        CryptographicOperations.ZeroMemory(hash);

        // value < 2^31 < 10^10, so 10 digits need no modulo; writing from the right keeps leading zeros.
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
    }
}
