using System.Net;
using Authy.Application.Messaging;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>How a refused Twilio request is handled: retried (transient) or failed at once with its refusal.</summary>
public sealed record TwilioFailure(bool Permanent, DeliveryRefusal? Refusal, bool ConfigurationError);

/// <summary>
/// Twilio's answer to a refused request, as an outcome. The rule: errors about the <em>destination</em> are permanent
/// (retrying sends the same number to the same refusal, and costs a request each time); errors about <em>this server's
/// account or settings</em> (bad credentials, a sender Twilio will not use) are retried, so the fallback provider takes
/// over meanwhile and the messages still queued go out once an operator fixes the setting; throttling and Twilio's own
/// faults are retried. See docs/operations.md for the table.
/// </summary>
public static class TwilioErrors
{
    private static readonly Dictionary<int, DeliveryRefusal> PermanentByCode = new()
    {
        // The number is not a valid phone number.
        [21211] = DeliveryRefusal.InvalidNumber,
        [21217] = DeliveryRefusal.InvalidNumber,
        // The number cannot receive SMS (a landline).
        [21614] = DeliveryRefusal.NotMobile,
        [21635] = DeliveryRefusal.NotMobile,
        // The account may not reach that country or route (Geo Permissions): an operator decision, not a typo, but
        // it holds for every retry of this message.
        [21408] = DeliveryRefusal.CountryNotAllowed,
        [21215] = DeliveryRefusal.CountryNotAllowed,
        [21612] = DeliveryRefusal.CountryNotAllowed,
        [13227] = DeliveryRefusal.CountryNotAllowed,
        [32205] = DeliveryRefusal.CountryNotAllowed,
        // The recipient replied STOP to this sender.
        [21610] = DeliveryRefusal.OptedOut,
        // Twilio blocks calls to the number.
        [21216] = DeliveryRefusal.CountryNotAllowed,
    };

    private static readonly HashSet<int> ConfigurationCodes =
    [
        20003, // authentication (wrong SID, token or key; suspended account)
        20404, // wrong account in the path
        21210, // caller id not verified
        21212, // invalid From
        21606, // From cannot send to this destination
        21659, // From is not a Twilio number
        21608, // trial account: unverified destination
    ];

    /// <summary>The outcome of an HTTP <paramref name="status"/> with Twilio's error <paramref name="code"/> (if the body had one).</summary>
    public static TwilioFailure Classify(HttpStatusCode status, int? code)
    {
        if (code is { } known && PermanentByCode.TryGetValue(known, out var refusal))
        {
            return new(true, refusal, false);
        }

        if (status == HttpStatusCode.Unauthorized || (code is { } c && ConfigurationCodes.Contains(c)))
        {
            return new(false, null, true);
        }

        if (status == HttpStatusCode.TooManyRequests || code == 20429 || (int)status >= 500)
        {
            return new(false, null, false);
        }

        // Any other 4xx: Twilio says not to retry it, and nothing suggests this message would fare better.
        return (int)status is >= 400 and < 500 ? new(true, DeliveryRefusal.Refused, false) : new(false, null, false);
    }
}
