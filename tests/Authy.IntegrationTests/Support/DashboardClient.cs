using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Authy.Application.Apps;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// Calls the Webhooks API the way Authy's samples do: every parameter (keys included) in a form body, on GET and DELETE
/// too, with <c>X-Authy-Signature-Nonce</c> = Unix seconds and a fraction, and <c>X-Authy-Signature</c> computed by
/// <see cref="Sign"/>, which shares no code with the server.
/// </summary>
public sealed record DashboardClient(HttpClient Http, TimeProvider Clock, string AppApiKey, string AccessKey, string SigningKey)
{
    public const string Path = "/dashboard/json/application/webhooks";

    /// <summary>What TestServer's client calls, and so what the server must see as the signed URL.</summary>
    public const string BaseUrl = "http://localhost";

    public static DashboardClient For(AuthyApiFactory factory, AppWithKey app) =>
        new(factory.CreateClient(), factory.Clock, app.ApiKey, app.Dashboard!.AccessKey, app.Dashboard.ApiSigningKey);

    public Task<ApiResponse> CreateAsync(string name, string url, params string[] events) =>
        SendAsync(new(HttpMethod.Post, Path, [("url", url), ("name", name), .. events.Select(e => ("events[]", e))]));

    public Task<ApiResponse> ListAsync() => SendAsync(new(HttpMethod.Get, Path, []));

    public Task<ApiResponse> DeleteAsync(string id) => SendAsync(new(HttpMethod.Delete, Path + "/" + id, []));

    /// <summary>A new nonce in the samples' shape: <c>1795473480.123456</c>, on the server's (fake) clock.</summary>
    public string NewNonce() =>
        string.Create(CultureInfo.InvariantCulture, $"{Clock.GetUtcNow().ToUnixTimeSeconds()}.{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}");

    public Task<ApiResponse> SendAsync(DashboardCall call)
    {
        var nonce = call.Nonce ?? NewNonce();
        // An empty override leaves the parameter out.
        var keys = new List<(string Key, string Value)> { ("app_api_key", call.AppApiKey ?? AppApiKey), ("access_key", call.AccessKey ?? AccessKey) };
        keys.RemoveAll(k => k.Value.Length == 0);
        var body = call.KeysInQuery ? call.Form : [.. call.Form, .. keys];
        var query = call.KeysInQuery ? keys : [];
        var signature = Sign(call.SigningKey ?? SigningKey, nonce, call.Method.Method, call.SignedUrl ?? BaseUrl + call.Path, call.SignedParameters ?? [.. body, .. query]);

        // Absolute, so that a path starting with "//" stays a path rather than naming a host.
        var request = new HttpRequestMessage(call.Method, new Uri(BaseUrl + call.Path + (query.Count == 0 ? string.Empty : "?" + FormText(query))))
        {
            Content = new FormUrlEncodedContent(body.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))),
        };
        if (call.SendNonce)
        {
            request.Headers.Add("X-Authy-Signature-Nonce", nonce);
        }

        if (call.SendSignature)
        {
            request.Headers.Add("X-Authy-Signature", call.Signature ?? signature);
        }

        return Http.SendApiAsync(request);
    }

    /// <summary>
    /// The scheme as the docs state it, taken literally: every parameter pair percent-encoded (space as <c>+</c>), the
    /// <c>k=v</c> strings sorted ordinally (array values included, so <c>events[]</c> values end up sorted too) and
    /// joined with <c>&amp;</c>, then <c>Base64(HMAC-SHA256(key, nonce|METHOD|url|params))</c>.
    /// </summary>
    public static string Sign(string key, string nonce, string method, string url, IEnumerable<(string Key, string Value)> parameters)
    {
        var sorted = string.Join('&', parameters.Select(p => Escape(p.Key) + "=" + Escape(p.Value)).Order(StringComparer.Ordinal));
        var data = $"{nonce}|{method.ToUpperInvariant()}|{url}|{sorted}";
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data)));
    }

    private static string Escape(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);

    private static string FormText(IEnumerable<(string Key, string Value)> pairs) =>
        string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
}

/// <summary>One Webhooks-API request, with the knobs the refusal tests turn.</summary>
public sealed record DashboardCall(HttpMethod Method, string Path, IReadOnlyList<(string Key, string Value)> Form)
{
    public string? Nonce { get; init; }

    public bool SendNonce { get; init; } = true;

    public bool SendSignature { get; init; } = true;

    /// <summary>Sent instead of the computed signature.</summary>
    public string? Signature { get; init; }

    public string? SigningKey { get; init; }

    /// <summary>Sent instead of the application's key; empty sends none.</summary>
    public string? AppApiKey { get; init; }

    /// <summary>Sent instead of the application's access key; empty sends none.</summary>
    public string? AccessKey { get; init; }

    /// <summary><c>app_api_key</c> and <c>access_key</c> in the query string instead of the body.</summary>
    public bool KeysInQuery { get; init; }

    /// <summary>The URL the signature covers, when it should not be <see cref="DashboardClient.BaseUrl"/> + path.</summary>
    public string? SignedUrl { get; init; }

    /// <summary>What the signature covers, when it should not be what is sent.</summary>
    public IReadOnlyList<(string Key, string Value)>? SignedParameters { get; init; }
}
