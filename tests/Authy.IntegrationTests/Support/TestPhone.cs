using System.Globalization;
using System.Text.RegularExpressions;

namespace Authy.IntegrationTests.Support;

/// <summary>A valid, unique phone number for one test (US, area code 201, a random line).</summary>
public sealed record TestPhone(int CountryCode, string National)
{
    public string E164 => string.Create(CultureInfo.InvariantCulture, $"+{CountryCode}{National}");

    public string LastTwo => National[^2..];

    /// <summary>Formatted the way people type it, with dashes.</summary>
    public string Dashed => $"{National[..3]}-{National[3..6]}-{National[6..]}";

    public static TestPhone Next() =>
        new(1, string.Create(CultureInfo.InvariantCulture, $"201{System.Security.Cryptography.RandomNumberGenerator.GetInt32(200, 999)}{System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 10000):D4}"));

    /// <summary>
    /// A unique number that Authy accepted but libphonenumber calls invalid: area code 432 with an exchange starting
    /// with 1 (432-1XX-XXXX), which NANP never assigns. Its length is possible, so only strict applications refuse it.
    /// </summary>
    public static TestPhone NextUnassigned() =>
        new(1, string.Create(CultureInfo.InvariantCulture, $"4321{System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 100):D2}{System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 10000):D4}"));
}

public static partial class Codes
{
    /// <summary>The 7-digit code in a message text.</summary>
    public static string Extract(string text) => SevenDigits().Match(text) is { Success: true } match
        ? match.Value
        : throw new InvalidOperationException("The message has no 7-digit code.");

    [GeneratedRegex(@"\b\d{7}\b")]
    private static partial Regex SevenDigits();
}
