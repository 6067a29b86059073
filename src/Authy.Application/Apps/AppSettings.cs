using System.ComponentModel.DataAnnotations;

namespace Authy.Application.Apps;

/// <summary>Per-application behaviour. Defaults are the secure choice; docs/security.md explains each.</summary>
public sealed class AppSettings
{
    /// <summary>Whether <c>sms/{id}</c> sends codes. Default true.</summary>
    public bool SmsEnabled { get; set; } = true;

    /// <summary>Whether <c>call/{id}</c> places calls. Default true.</summary>
    public bool PhoneCallsEnabled { get; set; } = true;

    /// <summary>
    /// When true, sms and call are sent even to users with a registered device (as if <c>force=true</c>).
    /// Default false: such users are told to open their authenticator (the "ignored" answer).
    /// </summary>
    public bool AlwaysSendToDeviceUsers { get; set; }

    /// <summary>How verify treats a user who has never verified a token. Default <see cref="UnregisteredUserPolicy.CheckToken"/>.</summary>
    public UnregisteredUserPolicy UnregisteredUsers { get; set; } = UnregisteredUserPolicy.CheckToken;

    /// <summary>
    /// Tokens are accepted this many seconds either side of server time. Default 180 (Authy's ±3 minutes); at most 600,
    /// because every step in the window costs one HMAC per verify.
    /// </summary>
    [Range(30, 600)]
    public int TokenWindowSeconds { get; set; } = 180;

    /// <summary>Failed verifies allowed per user within <see cref="FailedVerifyWindowSeconds"/> before 429. Default 10.</summary>
    [Range(1, 1000)]
    public int MaxFailedVerifies { get; set; } = 10;

    /// <summary>The failed-verify window in seconds. Default 900 (15 minutes).</summary>
    [Range(60, 86400)]
    public int FailedVerifyWindowSeconds { get; set; } = 900;

    /// <summary>Codes sent (sms, call, e-mail) per user within <see cref="SendWindowSeconds"/>. Default 5.</summary>
    [Range(1, 1000)]
    public int MaxSendsPerUser { get; set; } = 5;

    /// <summary>Codes sent to one phone number, across all applications, within <see cref="SendWindowSeconds"/>. Default 10.</summary>
    [Range(1, 1000)]
    public int MaxSendsPerPhone { get; set; } = 10;

    /// <summary>Whether <c>users/{id}/secret</c> issues QR secrets for third-party authenticator apps. Default true.</summary>
    public bool GenericTokensEnabled { get; set; } = true;

    /// <summary>Whether a user's registered devices receive this application's token (and show its codes). Default true.</summary>
    public bool TokenSyncEnabled { get; set; } = true;

    /// <summary>Where approved and denied OneTouch requests are reported (http or https); null sends no callback.</summary>
    [MaxLength(2000)]
    [Url]
    public string? OneTouchCallbackUrl { get; set; }

    /// <summary><c>POST</c> (JSON body, the default) or <c>GET</c> (parameters in the query string) for callbacks.</summary>
    [RegularExpression("^(POST|GET)$")]
    public string OneTouchCallbackMethod { get; set; } = "POST";

    /// <summary>The send window in seconds. Default 600 (10 minutes).</summary>
    [Range(60, 86400)]
    public int SendWindowSeconds { get; set; } = 600;

    /// <summary>How long a phone-verification code is valid, in seconds. Default 600 (10 minutes), as Authy's.</summary>
    [Range(60, 3600)]
    public int PhoneVerificationSeconds { get; set; } = 600;

    /// <summary>Wrong codes a phone verification accepts before it is spent. Default 5.</summary>
    [Range(1, 20)]
    public int MaxPhoneVerificationChecks { get; set; } = 5;

    /// <summary>Phone-verification sends (first sends and resends) to one number within <see cref="PhoneVerificationSendWindowSeconds"/>. Default 5.</summary>
    [Range(1, 1000)]
    public int MaxPhoneVerificationSends { get; set; } = 5;

    /// <summary>The phone-verification send window in seconds. Default 600 (10 minutes).</summary>
    [Range(60, 86400)]
    public int PhoneVerificationSendWindowSeconds { get; set; } = 600;

    /// <summary>
    /// Whether phones/verification/start accepts <c>custom_message</c>. Default false: a free-text SMS from an API key
    /// is a phishing tool when the key leaks.
    /// </summary>
    public bool PhoneVerificationCustomMessageAllowed { get; set; }

    /// <summary>
    /// Whether phones/verification/start accepts <c>custom_code</c> (the application chooses the code). Default false:
    /// a code the server did not draw is only as random as the application makes it.
    /// </summary>
    public bool PhoneVerificationCustomCodeAllowed { get; set; }

    /// <summary>
    /// ISO 3166 regions (<c>US,CA,GB</c>) this application may send codes to by SMS or call; empty allows every country.
    /// A number elsewhere is refused (<see cref="Outcomes.Failures.CountryNotAllowed"/>) before any provider is called.
    /// </summary>
    [MaxLength(1000)]
    [RegularExpression("^$|^[A-Za-z]{2}( *, *[A-Za-z]{2})*$")]
    public string AllowedCountries { get; set; } = string.Empty;

    /// <summary>SMS and calls this application may send per calendar month (UTC); 0, the default, sets no cap.</summary>
    [Range(0, 100_000_000)]
    public int MonthlySendCap { get; set; }

    /// <summary>
    /// When every SMS provider fails, call the number instead, with the same code (only if <see cref="PhoneCallsEnabled"/>).
    /// Default false: a call the user did not ask for surprises them.
    /// </summary>
    public bool SmsFallbackToVoice { get; set; }

    /// <summary>
    /// 6-digit codes from QR (generic) secrets are accepted this many 30-second steps either side of server time.
    /// Default 1, RFC 6238 §5.2's recommendation: a 6-digit code is guessed far more easily than a 7-digit one, so its
    /// window stays tight (docs/security.md gives the odds). At most 10.
    /// </summary>
    [Range(0, 10)]
    public int GenericTokenWindowSteps { get; set; } = 1;

    /// <summary>
    /// Whether sms/{id} and call/{id} accept <c>action_message</c>, free text placed in the message. Default true, as
    /// Authy had; turn it off so a leaked API key cannot send text of its choosing.
    /// </summary>
    public bool ActionMessageAllowed { get; set; } = true;

    /// <summary>
    /// When true, numbers libphonenumber calls invalid are refused even if their length is possible for the country.
    /// Default false: Authy accepted such numbers (a NANP exchange starting with 1, 432-123-4567), and clients rely on it.
    /// </summary>
    public bool StrictPhoneNumbers { get; set; }
}

/// <summary>How verify treats users who have not yet verified a token once.</summary>
public enum UnregisteredUserPolicy
{
    /// <summary>Every token is checked (secure default; a deliberate deviation from Authy).</summary>
    CheckToken = 0,

    /// <summary>
    /// Authy's historical behaviour: without <c>force=true</c>, verify answers 200 "Not checked" for such users.
    /// Only for applications that depend on it.
    /// </summary>
    AuthyLegacy = 1,
}
