using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Authy.Application.Webhooks;

/// <summary>
/// The Twilio-style identifiers a webhook carries (<c>account_sid</c> <c>AC…</c>, <c>service_id</c> <c>IS…</c>):
/// two letters and 32 lower-case hex digits, derived from the application id so they are stable across nodes and
/// restarts without being stored. They are labels, not secrets: anyone may know them.
/// </summary>
public static class AccountSids
{
    public static string Account(int appId) => Derive("AC", appId);

    public static string Service(int appId) => Derive("IS", appId);

    private static string Derive(string prefix, int appId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"authy-{prefix}:{appId}")));
        return prefix + Convert.ToHexStringLower(digest, 0, 16);
    }
}
