using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Authy.Application.Abstractions;

namespace Authy.Application.Phones.Verification;

/// <summary>Drawing, hashing and comparing phone-verification codes.</summary>
internal static class PhoneVerificationCodes
{
    public const int MinLength = 4;

    public const int MaxLength = 10;

    public const int DefaultLength = 4;

    /// <summary>A uniformly random code of <paramref name="length"/> digits, leading zeros kept.</summary>
    public static string Draw(int length)
    {
        var digits = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            digits.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return digits.ToString();
    }

    public static bool IsWellFormed(string? code) =>
        code is { Length: >= MinLength and <= MaxLength } && code.All(char.IsAsciiDigit);

    /// <summary>
    /// The code's MAC under the master key, bound to the verification id so equal codes of two verifications hash
    /// apart. Keyed by a secret the database does not hold: a dump cannot be used to try the few thousand codes.
    /// </summary>
    public static byte[] Hash(ISecretProtector protector, Guid verificationId, string code) =>
        protector.Mac([.. verificationId.ToByteArray(), .. Encoding.UTF8.GetBytes(code)], SecretPurposes.PhoneVerificationCode);

    public static bool Matches(ISecretProtector protector, PhoneVerification verification, string code) =>
        CryptographicOperations.FixedTimeEquals(verification.CodeHash, Hash(protector, verification.Id, code));

    /// <summary>Whole seconds left, rounded up, so a fresh 10-minute code reads 600 and a live one never reads 0.</summary>
    public static int SecondsLeft(PhoneVerification verification, DateTimeOffset now) =>
        Math.Max(0, (int)Math.Ceiling((verification.ExpiresAt - now).TotalSeconds));

    public static string ThrottleKey(int appId, NormalizedPhone phone) =>
        string.Create(CultureInfo.InvariantCulture, $"phone-verification:send:{appId}:{phone.CountryCode}:{phone.NationalNumber}");
}
