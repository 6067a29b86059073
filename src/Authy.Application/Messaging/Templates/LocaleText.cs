namespace Authy.Application.Messaging.Templates;

/// <summary>
/// The translated sentences of one locale. Each may use <c>{app}</c> (the application's name) and
/// <c>{code}</c> (the token); the placeholders are named rather than positional so a translator can
/// move them to wherever the language puts them.
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

    /// <summary>The e-mail subject: <c>{app}</c>.</summary>
    public required string EmailSubject { get; init; }

    /// <summary>The e-mail's line before the code: <c>{app}</c>.</summary>
    public required string EmailIntro { get; init; }

    /// <summary>The e-mail's closing line for someone who did not ask for a code.</summary>
    public required string EmailIgnore { get; init; }
}
