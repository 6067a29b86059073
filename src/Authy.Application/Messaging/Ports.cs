using System.Text.Json.Serialization;
namespace Authy.Application.Messaging;

/// <summary>
/// A text message to a phone in E.164 form. <see cref="VoiceFallback"/>, set when the application allows it, is the
/// call that carries the same code if no SMS provider can deliver the text.
/// </summary>
public sealed record SmsMessage(string To, string Text, string Locale, VoiceMessage? VoiceFallback = null);

/// <summary>A call that reads <see cref="Code"/> to a phone in E.164 form; <see cref="Text"/> is the localized script.</summary>
public sealed record VoiceMessage(string To, string Text, string Code, string Locale);

/// <summary>An e-mail carrying a code.</summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody, string Locale);

/// <summary>What a provider answered: its name and its id for the message, when it gives one.</summary>
public sealed record DeliveryReceipt(string Provider, string? ProviderMessageId);

/// <summary>Sends SMS. Adapters: Log, Twilio, an HTTP gateway; the outbox sees the routed chain. Throws on a failed send.</summary>
public interface ISmsSender
{
    Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}

/// <summary>Places voice calls that read a code. Throws on a failed call.</summary>
public interface IVoiceSender
{
    Task<DeliveryReceipt> SendAsync(VoiceMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends e-mail. Throws on a failed send.</summary>
public interface IEmailSender
{
    Task<DeliveryReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// An HTTP callback to an application (OneTouch results), as queued: <see cref="Body"/> is the JSON object sent as the
/// POST body or flattened into the GET query. It carries no key: it is signed when sent, with the application's key
/// of that moment (<see cref="OneTouch.DeliverCallback"/>).
/// </summary>
public sealed record CallbackMessage(string Url, string Method, string Body, int AppId)
{
    /// <summary>
    /// Only in callbacks queued by an earlier version, which copied the key into the message; such a callback is sent
    /// signed with it, once. Never written now.
    /// </summary>
    [JsonPropertyName("SigningKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? QueuedSigningKey { get; init; }
}

/// <summary>A callback ready to send: <see cref="SigningKey"/> keys the <c>X-Authy-Signature</c> HMAC.</summary>
public sealed record SignedCallback(string Url, string Method, string Body, string SigningKey);

/// <summary>Sends application callbacks; throws on a network error, a timeout or a non-2xx answer, so the outbox retries.</summary>
public interface ICallbackSender
{
    Task<DeliveryReceipt> SendAsync(SignedCallback callback, CancellationToken cancellationToken);
}

/// <summary>Why a provider refused a message for good.</summary>
public enum DeliveryRefusal
{
    /// <summary>Any other refusal the provider says a retry would meet again.</summary>
    Refused,

    /// <summary>The destination is not a valid phone number.</summary>
    InvalidNumber,

    /// <summary>The number cannot receive the channel (a landline for SMS).</summary>
    NotMobile,

    /// <summary>The provider account may not reach the number's country or route.</summary>
    CountryNotAllowed,

    /// <summary>The recipient opted out of messages from this sender (replied STOP).</summary>
    OptedOut,

    /// <summary>The e-mail recipient was refused, or is not an address.</summary>
    RecipientRefused,
}

/// <summary>
/// A provider refused a message for good (an invalid or unreachable number, a country the account may not send to):
/// retrying cannot help, so the outbox marks it failed at once, with the <see cref="Refusal"/> in its last error. Other
/// exceptions from a sender are transient and retried.
/// </summary>
public sealed class PermanentDeliveryException(string provider, DeliveryRefusal refusal, string reason, Exception? inner = null)
    : Exception($"{provider} refused the message ({refusal}): {reason}", inner)
{
    public string Provider { get; } = provider;

    public DeliveryRefusal Refusal { get; } = refusal;
}
