using System.Security.Cryptography;
using System.Text;

namespace Authy.Application.Verify.Accounts;

/// <summary>
/// Auth tokens and API-key secrets: 32 random lowercase hex characters (128 bits, Twilio's shape), shown once and
/// stored as SHA-256. A fast hash is enough for a random 128-bit secret; the comparison is constant-time.
/// </summary>
public static class AccountCredentials
{
    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(byte[] storedHash, string secret) =>
        CryptographicOperations.FixedTimeEquals(storedHash, Hash(secret));
}
