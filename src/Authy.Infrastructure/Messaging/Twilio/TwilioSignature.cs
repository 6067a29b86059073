using Twilio.Security;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>Checks Twilio's <c>X-Twilio-Signature</c> with the library's <see cref="RequestValidator"/>.</summary>
public static class TwilioSignature
{
    /// <summary>
    /// Whether <paramref name="signature"/> signs a request to <paramref name="url"/> with these form fields (one value
    /// per name; Twilio repeats none in its callbacks). Fails closed: no signature or no Auth Token never matches (the
    /// validator would throw on the one and accept an HMAC keyed with nothing on the other).
    /// </summary>
    public static bool IsValid(string authToken, string url, IDictionary<string, string> form, string? signature) =>
        !string.IsNullOrEmpty(signature) && !string.IsNullOrEmpty(authToken)
        // A validator holds an HMAC instance, which is not thread-safe: one per request.
        && new RequestValidator(authToken).Validate(url, form, signature);
}
