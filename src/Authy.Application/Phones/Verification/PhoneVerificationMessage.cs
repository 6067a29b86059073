using Authy.Application.Delivery;
using Authy.Application.Messaging.Templates;

namespace Authy.Application.Phones.Verification;

/// <summary>A phone-verification code, with the application's custom message above it in an SMS when it sent one.</summary>
internal sealed class PhoneVerificationMessage(string appName, string code, string? customMessage) : CodeMessage(code)
{
    public override string Sms(string locale)
    {
        var text = MessageTemplates.PhoneVerificationSms(locale, appName, Code);
        return customMessage is null ? text : customMessage + "\n" + text;
    }

    public override string Voice(string locale) => MessageTemplates.PhoneVerificationVoice(locale, appName, Code);
}
