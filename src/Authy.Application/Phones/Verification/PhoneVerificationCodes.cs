using System.Globalization;
using Authy.Application.Abstractions;
using Authy.Application.Delivery;

namespace Authy.Application.Phones.Verification;

/// <summary>Phone-verification codes: their lengths, and the <see cref="OneTimeCodes"/> operations under their purpose.</summary>
internal static class PhoneVerificationCodes
{
    public const int MinLength = 4;

    public const int MaxLength = 10;

    public const int DefaultLength = 4;

    public static string Draw(int length) => OneTimeCodes.Draw(length);

    public static bool IsWellFormed(string? code) => OneTimeCodes.IsDigits(code, MinLength, MaxLength);

    /// <summary>The code's MAC, bound to the verification (see <see cref="OneTimeCodes.Mac"/>).</summary>
    public static byte[] Hash(ISecretProtector protector, Guid verificationId, string code) =>
        OneTimeCodes.Mac(protector, SecretPurposes.PhoneVerificationCode, verificationId, code);

    public static bool Matches(ISecretProtector protector, PhoneVerification verification, string code) =>
        OneTimeCodes.Matches(protector, SecretPurposes.PhoneVerificationCode, verification.Id, verification.CodeHash, code);

    /// <summary>Whole seconds left, rounded up, so a fresh 10-minute code reads 600 and a live one never reads 0.</summary>
    public static int SecondsLeft(PhoneVerification verification, DateTimeOffset now) =>
        Math.Max(0, (int)Math.Ceiling((verification.ExpiresAt - now).TotalSeconds));

    public static string ThrottleKey(int appId, NormalizedPhone phone) =>
        string.Create(CultureInfo.InvariantCulture, $"phone-verification:send:{appId}:{phone.CountryCode}:{phone.NationalNumber}");
}
