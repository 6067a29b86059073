using Authy.Application.Messaging;
using Authy.Application.Phones;
using Microsoft.Extensions.Logging;

namespace Authy.Infrastructure.Messaging.Log;

/// <summary>
/// The <c>Log</c> provider: delivers nothing and logs that it would have, with the destination masked and no text
/// (the text carries the code). The message stays in the outbox, where the Development-only /dev/messages page reads it.
/// </summary>
public sealed partial class LogSmsSender(ILogger<LogSmsSender> logger) : ISmsSender
{
    public Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        LogSms(logger, PhoneNumberParser.MaskE164(message.To), message.Locale, message.Text.Length);
        return Task.FromResult(new DeliveryReceipt("log", null));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Log provider: SMS to {MaskedPhone} ({Locale}, {Length} characters) recorded, not sent")]
    private static partial void LogSms(ILogger logger, string maskedPhone, string locale, int length);
}

/// <summary>The <c>Log</c> provider for voice calls.</summary>
public sealed partial class LogVoiceSender(ILogger<LogVoiceSender> logger) : IVoiceSender
{
    public Task<DeliveryReceipt> SendAsync(VoiceMessage message, CancellationToken cancellationToken)
    {
        LogCall(logger, PhoneNumberParser.MaskE164(message.To), message.Locale);
        return Task.FromResult(new DeliveryReceipt("log", null));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Log provider: call to {MaskedPhone} ({Locale}) recorded, not placed")]
    private static partial void LogCall(ILogger logger, string maskedPhone, string locale);
}

/// <summary>The <c>Log</c> provider for e-mail.</summary>
public sealed partial class LogEmailSender(ILogger<LogEmailSender> logger) : IEmailSender
{
    public Task<DeliveryReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        LogEmail(logger, Masking.Email(message.To), message.Locale);
        return Task.FromResult(new DeliveryReceipt("log", null));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Log provider: e-mail to {MaskedEmail} ({Locale}) recorded, not sent")]
    private static partial void LogEmail(ILogger logger, string maskedEmail, string locale);
}
