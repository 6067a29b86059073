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
/// A signed HTTP callback to an application (OneTouch results): <see cref="Body"/> is the JSON object sent as the POST
/// body or flattened into the GET query; <see cref="SigningKey"/> keys the <c>X-Authy-Signature</c> HMAC.
/// </summary>
public sealed record CallbackMessage(string Url, string Method, string Body, string SigningKey);

/// <summary>Sends application callbacks; throws on a network error, a timeout or a non-2xx answer, so the outbox retries.</summary>
public interface ICallbackSender
{
    Task<DeliveryReceipt> SendAsync(CallbackMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A provider refused a message for good (an invalid or unreachable number, a country the account may not send to):
/// retrying cannot help, so the outbox marks it failed at once, with <see cref="AuthyErrorCode"/> recorded. Other
/// exceptions from a sender are transient and retried.
/// </summary>
public sealed class PermanentDeliveryException(string provider, string authyErrorCode, string reason, Exception? inner = null)
    : Exception($"{provider} refused the message ({authyErrorCode}): {reason}", inner)
{
    public string Provider { get; } = provider;

    /// <summary>The Authy error code that best names the failure (60033 invalid number, 60082 landline, 60013 country…).</summary>
    public string AuthyErrorCode { get; } = authyErrorCode;
}
