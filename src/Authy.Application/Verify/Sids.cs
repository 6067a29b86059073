using System.Security.Cryptography;

namespace Authy.Application.Verify;

/// <summary>
/// Twilio's resource ids: a two-letter prefix and 32 lowercase hex characters (128 random bits). The official clients
/// depend on the shape: twilio-node refuses an account SID that does not start with <c>AC</c>.
/// </summary>
public static class Sids
{
    public const string Account = "AC";

    public const string ApiKey = "SK";

    public const string Service = "VA";

    public const string Verification = "VE";

    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="sid"/> is <paramref name="prefix"/> followed by 32 hex characters (either case).</summary>
    public static bool IsWellFormed(string? sid, string prefix) =>
        sid is { Length: 34 } && sid.StartsWith(prefix, StringComparison.Ordinal) && sid.AsSpan(2).ContainsAnyExcept(HexDigits) is false;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
