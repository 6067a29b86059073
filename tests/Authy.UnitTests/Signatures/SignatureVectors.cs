using System.Net;
using System.Text.Json.Nodes;

namespace Authy.UnitTests.Signatures;

/// <summary>Helpers shared by the signature tests.</summary>
internal static class SignatureVectors
{
    public static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>
    /// Decodes a query string the way authy-java's test helper does (split on '&amp;', split on the first
    /// '=', URL-decode both sides with '+' as space), keeping every pair in order.
    /// </summary>
    public static List<KeyValuePair<string, string?>> DecodeQuery(string query) =>
        query.Split('&')
            .Select(pair =>
            {
                var idx = pair.IndexOf('=', StringComparison.Ordinal);
                var key = idx >= 0 ? pair[..idx] : pair;
                var value = idx >= 0 ? pair[(idx + 1)..] : string.Empty;
                return new KeyValuePair<string, string?>(WebUtility.UrlDecode(key), WebUtility.UrlDecode(value));
            })
            .ToList();

    public static KeyValuePair<string, string?> Pair(string key, string? value) => new(key, value);
}
