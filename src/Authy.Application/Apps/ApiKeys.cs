using System.Security.Cryptography;
using System.Text;

namespace Authy.Application.Apps;

/// <summary>
/// API keys are 32 random alphanumerics (about 190 bits), shown once and stored as SHA-256. A fast hash is enough:
/// the key has far too much entropy to guess, and lookups happen on every request.
/// </summary>
public static class ApiKeys
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 32);

    public static byte[] Hash(string apiKey) => SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    public static string Hint(string apiKey) => apiKey.Length > 4 ? apiKey[^4..] : apiKey;
}
