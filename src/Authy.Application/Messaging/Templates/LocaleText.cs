namespace Authy.Application.Messaging.Templates;

/// <summary>
/// The translated sentences of one locale. Each may use <c>{app}</c> (the application's name),
/// <c>{code}</c> (the token), <c>{phone}</c> (a phone number) or <c>{digit}</c> (a keypad digit), as its summary says; the placeholders
/// are named rather than positional so a translator can move them to wherever the language puts them.
/// </summary>
internal sealed record LocaleText
{
    /// <summary>The locale these sentences are written in (the <c>lang</c> of the HTML e-mail).</summary>
    public required string Locale { get; init; }

    /// <summary>The SMS carrying a 2FA token: <c>{app}</c> and <c>{code}</c>.</summary>
    public required string Sms { get; init; }

    /// <summary>The SMS of the phone-verification API: <c>{app}</c> and <c>{code}</c>.</summary>
    public required string PhoneVerificationSms { get; init; }

    /// <summary>The spoken token, said twice: <c>{app}</c> once and <c>{code}</c> twice.</summary>
    public required string Voice { get; init; }

    /// <summary>
    /// The spoken code of the phone-verification API, said twice: <c>{app}</c> once and <c>{code}</c> twice.
    /// </summary>
    public required string PhoneVerificationVoice { get; init; }

    /// <summary>The e-mail subject: <c>{app}</c>.</summary>
    public required string EmailSubject { get; init; }

    /// <summary>The e-mail's line before the code: <c>{app}</c>.</summary>
    public required string EmailIntro { get; init; }

    /// <summary>The e-mail's closing line for someone who did not ask for a code.</summary>
    public required string EmailIgnore { get; init; }

    /// <summary>The phone-verification API's answer once the SMS is queued: <c>{phone}</c>.</summary>
    public required string PhoneVerificationSmsSent { get; init; }

    /// <summary>The phone-verification API's answer once the call is started: <c>{phone}</c>.</summary>
    public required string PhoneVerificationCallStarted { get; init; }

    /// <summary>
    /// What a call says before it reads the code, asking the callee to press one key: <c>{digit}</c>, 1 to 9. The code
    /// is read only after that key, so an answering machine never records it.
    /// </summary>
    public required string VoicePrompt { get; init; }
}
