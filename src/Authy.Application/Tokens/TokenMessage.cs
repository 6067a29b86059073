using Authy.Application.Delivery;
using Authy.Application.Messaging.Templates;

namespace Authy.Application.Tokens;

/// <summary>A member's current code, as sms/{id}, call/{id} and email/{id} send it, with the action message if any.</summary>
internal sealed class TokenMessage(string appName, string code, string? actionMessage = null) : CodeMessage(code)
{
    public override string Sms(string locale) => string.IsNullOrEmpty(actionMessage)
        ? MessageTemplates.SmsToken(locale, appName, Code)
        : MessageTemplates.SmsTokenWithAction(locale, appName, Code, actionMessage);

    public override string Voice(string locale) => MessageTemplates.VoiceToken(locale, appName, Code);

    public override EmailContent Email(string locale) => new(
        MessageTemplates.EmailSubject(locale, appName),
        MessageTemplates.EmailTextBody(locale, appName, Code),
        MessageTemplates.EmailHtmlBody(locale, appName, Code));
}
