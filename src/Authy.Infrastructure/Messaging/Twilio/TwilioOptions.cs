using System.Text.RegularExpressions;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>
/// Twilio credentials, senders and the public address Twilio calls back (section <c>Twilio</c>). Checked when the server
/// starts (<see cref="Validate"/>); no value of it is ever logged.
/// </summary>
public sealed partial class TwilioOptions
{
    public const string SectionName = "Twilio";

    /// <summary>The account, <c>AC</c> + 32 hex digits. It is in every request path, also with an API key.</summary>
    public string AccountSid { get; set; } = string.Empty;

    /// <summary>
    /// The account's Auth Token. Required even with an API key: Twilio signs its callbacks with it, never with a key.
    /// </summary>
    public string AuthToken { get; set; } = string.Empty;

    /// <summary>Optional API key (<c>SK</c> + 32 hex digits) used for REST calls instead of the Auth Token.</summary>
    public string? ApiKeySid { get; set; }

    /// <summary>The secret of <see cref="ApiKeySid"/>.</summary>
    public string? ApiKeySecret { get; set; }

    /// <summary>The SMS sender, E.164 (<c>+14155550100</c>). This or <see cref="MessagingServiceSid"/>.</summary>
    public string? From { get; set; }

    /// <summary>A Messaging Service (<c>MG</c> + 32 hex digits) that picks the sender; wins over <see cref="From"/> for SMS.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>The caller id of calls, E.164; defaults to <see cref="From"/>.</summary>
    public string? VoiceFrom { get; set; }

    /// <summary>Twilio's REST base; only tests change it.</summary>
    public string BaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>
    /// This server's address as Twilio reaches it (<c>https://2fa.example.com</c>); defaults to the top-level
    /// <c>PublicBaseUrl</c>. Twilio fetches call scripts and posts status callbacks there, and signs that exact URL.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Time limit of one REST request to Twilio, in seconds (1–60). Default 10.</summary>
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>How long a call may ask for its code after it was placed, in seconds (60–3600). Default 600.</summary>
    public int CallLifetimeSeconds { get; set; } = 600;

    /// <summary>How long a call rings before Twilio gives up, in seconds (5–600). Default 30.</summary>
    public int RingTimeoutSeconds { get; set; } = 30;

    /// <summary>The caller id of calls.</summary>
    public string CallerId => string.IsNullOrWhiteSpace(VoiceFrom) ? From ?? string.Empty : VoiceFrom;

    /// <summary>The public base, <see cref="CanonicalPublicBaseUrl"/> (set by <see cref="TwilioProvider"/> from either setting).</summary>
    public string ResolvedPublicBaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// A valid public base as <see cref="Uri"/> writes it: no default port, host in lower case, no trailing slash. Twilio
    /// signs the URL it was given, sometimes without its port, and the library's validator tries a URL that names the
    /// default port only as given; so the URLs this server hands Twilio name no default port (a URL without one is also
    /// tried with it). Only <see cref="Validate"/>d values come here.
    /// </summary>
    public static string CanonicalPublicBaseUrl(string url) =>
        new Uri(url).GetComponents(UriComponents.SchemeAndServer | UriComponents.UserInfo | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');

    /// <summary>What is wrong with the settings, one sentence each; <paramref name="production"/> demands https.</summary>
    public IEnumerable<string> Validate(bool production)
    {
        if (!AccountSidPattern().IsMatch(AccountSid ?? string.Empty))
        {
            yield return "Twilio:AccountSid must be AC followed by 32 hexadecimal digits (Twilio console, Account Info).";
        }

        if (string.IsNullOrWhiteSpace(AuthToken))
        {
            yield return "Twilio:AuthToken is required: Twilio signs its callbacks with it (also when an API key is used).";
        }

        var hasKeySid = !string.IsNullOrWhiteSpace(ApiKeySid);
        if (hasKeySid != !string.IsNullOrWhiteSpace(ApiKeySecret))
        {
            yield return "Twilio:ApiKeySid and Twilio:ApiKeySecret go together: set both or neither.";
        }
        else if (hasKeySid && !ApiKeySidPattern().IsMatch(ApiKeySid!))
        {
            yield return "Twilio:ApiKeySid must be SK followed by 32 hexadecimal digits.";
        }

        var hasService = !string.IsNullOrWhiteSpace(MessagingServiceSid);
        if (hasService && !MessagingServiceSidPattern().IsMatch(MessagingServiceSid!))
        {
            yield return "Twilio:MessagingServiceSid must be MG followed by 32 hexadecimal digits.";
        }

        if (!string.IsNullOrWhiteSpace(From) && !E164Pattern().IsMatch(From))
        {
            yield return "Twilio:From must be an E.164 number such as +14155550100.";
        }

        if (string.IsNullOrWhiteSpace(From) && !hasService)
        {
            yield return "Twilio:From or Twilio:MessagingServiceSid is required.";
        }

        if (!string.IsNullOrWhiteSpace(VoiceFrom) && !E164Pattern().IsMatch(VoiceFrom))
        {
            yield return "Twilio:VoiceFrom must be an E.164 number such as +14155550100.";
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            yield return "Twilio:BaseUrl must be an absolute http(s) URL.";
        }

        if (string.IsNullOrWhiteSpace(ResolvedPublicBaseUrl))
        {
            yield return "Twilio needs this server's public address for call scripts and status callbacks: set Twilio:PublicBaseUrl or PublicBaseUrl (e.g. https://2fa.example.com).";
        }
        else if (!Uri.TryCreate(ResolvedPublicBaseUrl, UriKind.Absolute, out var site)
            || (site.Scheme != Uri.UriSchemeHttps && site.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(site.Query) || site.Host.Contains('_', StringComparison.Ordinal))
        {
            yield return "Twilio:PublicBaseUrl (or PublicBaseUrl) must be an absolute http(s) URL without a query, and Twilio refuses host names with underscores.";
        }
        else if (production && site.Scheme != Uri.UriSchemeHttps)
        {
            yield return "Twilio:PublicBaseUrl (or PublicBaseUrl) must use https in Production: the call script Twilio fetches carries the code.";
        }

        if (RequestTimeoutSeconds is < 1 or > 60)
        {
            yield return "Twilio:RequestTimeoutSeconds must be 1–60.";
        }

        if (CallLifetimeSeconds is < 60 or > 3600)
        {
            yield return "Twilio:CallLifetimeSeconds must be 60–3600.";
        }

        if (RingTimeoutSeconds is < 5 or > 600)
        {
            yield return "Twilio:RingTimeoutSeconds must be 5–600.";
        }
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountSidPattern();

    [GeneratedRegex("^SK[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeySidPattern();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex MessagingServiceSidPattern();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164Pattern();
}
