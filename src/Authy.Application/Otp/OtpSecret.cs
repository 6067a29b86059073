using System.Security.Cryptography;
using OtpNet;

namespace Authy.Application.Otp;

/// <summary>New seeds from the operating system's CSPRNG, and their Base32 form (RFC 4648) for QR codes and sync.</summary>
public static class OtpSecret
{
    /// <summary>The seed length: 20 bytes, 160 bits, as RFC 4226 §4 recommends.</summary>
    public const int SeedBytes = 20;

    /// <summary>A new random seed of <see cref="SeedBytes"/> bytes from <see cref="RandomNumberGenerator"/>.</summary>
    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedBytes);

    /// <summary>RFC 4648 Base32, upper case, without padding (the form <c>otpauth://</c> URIs use).</summary>
    /// <exception cref="ArgumentException">An empty secret.</exception>
    public static string ToBase32(ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            throw new ArgumentException("The secret must not be empty.", nameof(secret));
        }

        return Base32Encoding.ToString(secret.ToArray()).TrimEnd('=');
    }

    /// <summary>
    /// Decodes RFC 4648 Base32: case-insensitive; spaces, hyphens and trailing <c>=</c> padding are ignored.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="base32"/> is null.</exception>
    /// <exception cref="FormatException">No data, a character outside the alphabet, padding that is not at the end,
    /// or a length no encoder produces.</exception>
    public static byte[] FromBase32(string base32)
    {
        ArgumentNullException.ThrowIfNull(base32);

        Span<char> buffer = base32.Length <= 256 ? stackalloc char[base32.Length] : new char[base32.Length];
        var length = 0;
        var padding = false;
        foreach (var c in base32)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (c == '=')
            {
                padding = true;
                continue;
            }

            if (padding)
            {
                throw new FormatException("Base32 padding must come last.");
            }

            buffer[length++] = c switch
            {
                >= 'A' and <= 'Z' or >= '2' and <= '7' => c,
                >= 'a' and <= 'z' => (char)(c - ('a' - 'A')),
                _ => throw new FormatException("Not a Base32 character."),
            };
        }

        // 8 characters carry 5 bytes; a final group of 1, 3 or 6 characters holds no whole byte.
        if (length == 0 || (length % 8) is 1 or 3 or 6)
        {
            throw new FormatException("Not a valid Base32 length.");
        }

        return Base32Encoding.ToBytes(new string(buffer[..length]));
    }
}
