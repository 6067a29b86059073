using System.Net;
using System.Text;

namespace Authy.Application.Messaging.Templates;

/// <summary>
/// The text of every message that carries a code to a user, and of the phone-verification API's
/// answers, in each of the <see cref="Locales.Supported"/> locales. Each method takes a locale already
/// chosen by <see cref="Locales.Resolve"/>; any other locale gets English. The code is inserted exactly
/// as given (leading zeros kept), and the app's name and the phone number as given, except where the
/// format demands encoding (HTML).
/// </summary>
public static class MessageTemplates
{
    private const string AppPlaceholder = "{app}";
    private const string CodePlaceholder = "{code}";
    private const string PhonePlaceholder = "{phone}";
    private const string DigitPlaceholder = "{digit}";

    // Separates the digits of a spoken code so a text-to-speech engine reads them one at a time
    // ("1, 2, 3") instead of as a number ("one hundred and twenty-three").
    private const string SpokenDigitSeparator = ", ";

    /// <summary>The SMS that carries a 2FA token, e.g. <c>Your Acme verification code is: 0123456</c>.</summary>
    public static string SmsToken(string locale, string appName, string code)
    {
        ArgumentNullException.ThrowIfNull(appName);
        ArgumentNullException.ThrowIfNull(code);
        return Fill(Translations.For(locale).Sms, appName, code);
    }

    /// <summary>
    /// The token SMS when the application passed <c>action_message</c>: that message (the app's own
    /// words, not translated) on the first line, then the <see cref="SmsToken"/> line.
    /// </summary>
    public static string SmsTokenWithAction(string locale, string appName, string code, string actionMessage)
    {
        var tokenLine = SmsToken(locale, appName, code);
        return string.IsNullOrWhiteSpace(actionMessage) ? tokenLine : actionMessage.Trim() + "\n" + tokenLine;
    }

    /// <summary>
    /// What a voice call says: the code digit by digit, then again after "I repeat", e.g.
    /// <c>Your Acme verification code is 0, 1, 2, 3. I repeat: 0, 1, 2, 3.</c>
    /// </summary>
    public static string VoiceToken(string locale, string appName, string code)
    {
        ArgumentNullException.ThrowIfNull(appName);
        ArgumentNullException.ThrowIfNull(code);
        return Fill(Translations.For(locale).Voice, appName, SpellOut(code));
    }

    /// <summary>The subject of the e-mail that carries a token, e.g. <c>Your Acme verification code</c>.</summary>
    public static string EmailSubject(string locale, string appName)
    {
        ArgumentNullException.ThrowIfNull(appName);
        return Fill(Translations.For(locale).EmailSubject, appName, string.Empty);
    }

    /// <summary>The plain-text part of the token e-mail.</summary>
    public static string EmailTextBody(string locale, string appName, string code)
    {
        ArgumentNullException.ThrowIfNull(appName);
        ArgumentNullException.ThrowIfNull(code);
        var text = Translations.For(locale);
        return Fill(text.EmailIntro, appName, code) + "\n\n" + code + "\n\n" + text.EmailIgnore + "\n";
    }

    /// <summary>
    /// The HTML part of the token e-mail: one inline-styled card (mail clients drop style sheets),
    /// <c>lang</c> set to the locale and <c>dir="rtl"</c> for Arabic and Hebrew. Every inserted text,
    /// the app's name included, is HTML-encoded.
    /// </summary>
    public static string EmailHtmlBody(string locale, string appName, string code)
    {
        ArgumentNullException.ThrowIfNull(appName);
        ArgumentNullException.ThrowIfNull(code);
        var text = Translations.For(locale);
        var direction = IsRightToLeft(text.Locale) ? "rtl" : "ltr";
        var title = WebUtility.HtmlEncode(Fill(text.EmailSubject, appName, code));
        var intro = WebUtility.HtmlEncode(Fill(text.EmailIntro, appName, code));
        var encodedCode = WebUtility.HtmlEncode(code);
        var ignore = WebUtility.HtmlEncode(text.EmailIgnore);

        // The code paragraph is always left-to-right so that digits keep their order in an RTL page.
        return $"""
            <!DOCTYPE html>
            <html lang="{text.Locale}" dir="{direction}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title>
            </head>
            <body style="margin:0;padding:24px;background-color:#f4f4f5;font-family:Arial,Helvetica,sans-serif;color:#18181b;">
            <div style="max-width:480px;margin:0 auto;padding:32px;background-color:#ffffff;border-radius:8px;">
            <p style="margin:0 0 16px 0;font-size:16px;line-height:24px;">{intro}</p>
            <p dir="ltr" style="margin:0 0 24px 0;font-size:32px;line-height:40px;font-weight:bold;letter-spacing:6px;text-align:center;font-family:Consolas,Menlo,monospace;">{encodedCode}</p>
            <p style="margin:0;font-size:13px;line-height:20px;color:#71717a;">{ignore}</p>
            </div>
            </body>
            </html>

            """;
    }

    /// <summary>
    /// The SMS of the phone-verification API (spec §3.12), worded apart from the 2FA token SMS,
    /// e.g. <c>Your Acme phone verification code is: 1234</c>.
    /// </summary>
    public static string PhoneVerificationSms(string locale, string appName, string code)
    {
        ArgumentNullException.ThrowIfNull(appName);
        ArgumentNullException.ThrowIfNull(code);
        return Fill(Translations.For(locale).PhoneVerificationSms, appName, code);
    }

    /// <summary>
    /// What the call of the phone-verification API says, worded apart from the 2FA token call: the
    /// code digit by digit as in <see cref="VoiceToken"/>, e.g.
    /// <c>Your Acme phone verification code is 1, 2, 3, 4. I repeat: 1, 2, 3, 4.</c>
    /// </summary>
    public static string PhoneVerificationVoice(string locale, string appName, string code)
    {
        ArgumentNullException.ThrowIfNull(appName);
        ArgumentNullException.ThrowIfNull(code);
        return Fill(Translations.For(locale).PhoneVerificationVoice, appName, SpellOut(code));
    }

    /// <summary>
    /// The <c>message</c> the phone-verification API answers once the SMS is queued, e.g.
    /// <c>Text message sent to +1 201-555-0123.</c>
    /// </summary>
    public static string PhoneVerificationSmsSent(string locale, string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return Fill(Translations.For(locale).PhoneVerificationSmsSent, (PhonePlaceholder, phone));
    }

    /// <summary>
    /// The <c>message</c> the phone-verification API answers once the call is started, e.g.
    /// <c>Call to +1 201-555-0123 initiated</c> (without a full stop, as the real service answers).
    /// </summary>
    public static string PhoneVerificationCallStarted(string locale, string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return Fill(Translations.For(locale).PhoneVerificationCallStarted, (PhonePlaceholder, phone));
    }

    /// <summary>
    /// What a call says before it reads the code: which key to press to hear it, e.g. <c>Press 5 to hear your code.</c>
    /// </summary>
    /// <param name="locale">A locale chosen by <see cref="Locales.Resolve"/>; any other gets English.</param>
    /// <param name="digit">The key, 1 to 9.</param>
    public static string VoicePrompt(string locale, int digit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digit, 9);
        return Fill(Translations.For(locale).VoicePrompt, (DigitPlaceholder, digit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static bool IsRightToLeft(string locale) => locale is "ar" or "he";

    /// <summary>A code as a speech engine should say it: its digits one by one, whitespace dropped.</summary>
    private static string SpellOut(string code) =>
        string.Join(SpokenDigitSeparator, code.Where(c => !char.IsWhiteSpace(c)));

    private static string Fill(string template, string app, string code) =>
        Fill(template, (AppPlaceholder, app), (CodePlaceholder, code));

    /// <summary>
    /// Replaces the placeholders in one pass, so a value that itself contains a placeholder (a name or
    /// phone number with <c>{code}</c> in it) is inserted literally instead of being substituted again.
    /// A brace that starts none of the given placeholders is kept as it is.
    /// </summary>
    private static string Fill(string template, params ReadOnlySpan<(string Placeholder, string Value)> values)
    {
        var builder = new StringBuilder(template.Length * 2);
        var rest = template.AsSpan();
        while (!rest.IsEmpty)
        {
            var brace = rest.IndexOf('{');
            if (brace < 0)
            {
                builder.Append(rest);
                break;
            }

            builder.Append(rest[..brace]);
            rest = rest[brace..];
            var replaced = false;
            foreach (var (placeholder, value) in values)
            {
                if (rest.StartsWith(placeholder, StringComparison.Ordinal))
                {
                    builder.Append(value);
                    rest = rest[placeholder.Length..];
                    replaced = true;
                    break;
                }
            }

            if (!replaced)
            {
                builder.Append('{');
                rest = rest[1..];
            }
        }

        return builder.ToString();
    }
}
