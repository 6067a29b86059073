using Authy.Application.Messaging.Templates;

namespace Authy.UnitTests.Messaging.Templates;

public sealed class MessageTemplatesTests
{
    private const string App = "Acme Bank";

    // A leading zero: a template that parsed or formatted the code as a number would lose it.
    private const string Code = "0123456";

    private const string Phone = "+1 201-555-0123";

    public static TheoryData<string> SupportedLocales => new(Locales.Supported);

    public static TheoryData<string> NonEnglishLocales => new(Locales.Supported.Where(locale => locale != "en"));

    public static TheoryData<string> LeftToRightLocales => new(Locales.Supported.Where(locale => locale is not ("ar" or "he")));

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void SmsToken_EverySupportedLocale_HasAppAndVerbatimCode(string locale) =>
        AssertFilled(MessageTemplates.SmsToken(locale, App, Code), expectCode: true);

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void SmsTokenWithAction_EverySupportedLocale_StartsWithActionThenTokenLine(string locale)
    {
        var text = MessageTemplates.SmsTokenWithAction(locale, App, Code, "Approve the transfer of 10 EUR");

        AssertFilled(text, expectCode: true);
        Assert.Equal("Approve the transfer of 10 EUR\n" + MessageTemplates.SmsToken(locale, App, Code), text);
    }

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void VoiceToken_EverySupportedLocale_SpeaksEveryDigitSeparatelyTwice(string locale)
    {
        var text = MessageTemplates.VoiceToken(locale, App, Code);

        AssertFilled(text, expectCode: false);
        const string Spoken = "0, 1, 2, 3, 4, 5, 6";
        var first = text.IndexOf(Spoken, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{text}' does not spell the code digit by digit.");
        Assert.True(text.IndexOf(Spoken, first + Spoken.Length, StringComparison.Ordinal) > first, $"'{text}' does not repeat the code.");
    }

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void EmailSubject_EverySupportedLocale_HasApp(string locale) =>
        AssertFilled(MessageTemplates.EmailSubject(locale, App), expectCode: false);

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void EmailTextBody_EverySupportedLocale_HasAppAndVerbatimCode(string locale) =>
        AssertFilled(MessageTemplates.EmailTextBody(locale, App, Code), expectCode: true);

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void EmailHtmlBody_EverySupportedLocale_HasAppCodeAndLang(string locale)
    {
        var html = MessageTemplates.EmailHtmlBody(locale, App, Code);

        AssertFilled(html, expectCode: true);
        Assert.Contains($"<html lang=\"{locale}\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void PhoneVerificationSms_EverySupportedLocale_HasAppAndVerbatimCodeAndDiffersFromTokenSms(string locale)
    {
        var text = MessageTemplates.PhoneVerificationSms(locale, App, Code);

        AssertFilled(text, expectCode: true);
        Assert.NotEqual(MessageTemplates.SmsToken(locale, App, Code), text);
    }

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void PhoneVerificationVoice_EverySupportedLocale_SpeaksEveryDigitTwiceAndDiffersFromTokenVoice(string locale)
    {
        var text = MessageTemplates.PhoneVerificationVoice(locale, App, Code);

        AssertFilled(text, expectCode: false);
        Assert.NotEqual(MessageTemplates.VoiceToken(locale, App, Code), text);
        const string Spoken = "0, 1, 2, 3, 4, 5, 6";
        var first = text.IndexOf(Spoken, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{text}' does not spell the code digit by digit.");
        Assert.True(text.IndexOf(Spoken, first + Spoken.Length, StringComparison.Ordinal) > first, $"'{text}' does not repeat the code.");
    }

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void PhoneVerificationSmsSent_EverySupportedLocale_HasVerbatimPhone(string locale) =>
        AssertPhoneFilled(MessageTemplates.PhoneVerificationSmsSent(locale, Phone));

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void PhoneVerificationCallStarted_EverySupportedLocale_HasVerbatimPhoneAndDiffersFromSmsSent(string locale)
    {
        var text = MessageTemplates.PhoneVerificationCallStarted(locale, Phone);

        AssertPhoneFilled(text);
        Assert.NotEqual(MessageTemplates.PhoneVerificationSmsSent(locale, Phone), text);
    }

    [Theory]
    [MemberData(nameof(NonEnglishLocales))]
    public void SmsToken_NonEnglishLocale_IsTranslated(string locale)
    {
        Assert.NotEqual(MessageTemplates.SmsToken("en", App, Code), MessageTemplates.SmsToken(locale, App, Code));
        Assert.NotEqual(MessageTemplates.VoiceToken("en", App, Code), MessageTemplates.VoiceToken(locale, App, Code));
        Assert.NotEqual(MessageTemplates.EmailTextBody("en", App, Code), MessageTemplates.EmailTextBody(locale, App, Code));
        Assert.NotEqual(MessageTemplates.PhoneVerificationVoice("en", App, Code), MessageTemplates.PhoneVerificationVoice(locale, App, Code));
        Assert.NotEqual(MessageTemplates.PhoneVerificationSmsSent("en", Phone), MessageTemplates.PhoneVerificationSmsSent(locale, Phone));
        Assert.NotEqual(MessageTemplates.PhoneVerificationCallStarted("en", Phone), MessageTemplates.PhoneVerificationCallStarted(locale, Phone));
    }

    [Fact]
    public void SmsToken_English_MatchesAuthyWording() =>
        Assert.Equal("Your Acme Bank verification code is: 0123456", MessageTemplates.SmsToken("en", App, Code));

    [Fact]
    public void VoiceToken_English_MatchesExpectedSentence() =>
        Assert.Equal(
            "Your Acme Bank verification code is 0, 1, 2, 3, 4, 5, 6. I repeat: 0, 1, 2, 3, 4, 5, 6.",
            MessageTemplates.VoiceToken("en", App, Code));

    [Fact]
    public void PhoneVerificationVoice_English_MatchesExpectedSentence() =>
        Assert.Equal(
            "Your Acme Bank phone verification code is 0, 1, 2, 3, 4, 5, 6. I repeat: 0, 1, 2, 3, 4, 5, 6.",
            MessageTemplates.PhoneVerificationVoice("en", App, Code));

    [Fact]
    public void PhoneVerificationSmsSent_English_MatchesAuthyWording() =>
        Assert.Equal("Text message sent to +1 201-555-0123.", MessageTemplates.PhoneVerificationSmsSent("en", Phone));

    [Fact]
    public void PhoneVerificationCallStarted_English_MatchesAuthyWordingWithoutFullStop() =>
        Assert.Equal("Call to +1 201-555-0123 initiated", MessageTemplates.PhoneVerificationCallStarted("en", Phone));

    [Fact]
    public void PhoneVerificationCallStarted_Spanish_MatchesAuthyWording() =>
        Assert.Equal("Llamada a +1 201-555-0123 fue iniciada.", MessageTemplates.PhoneVerificationCallStarted("es", Phone));

    [Fact]
    public void PhoneVerificationSmsSent_Spanish_IsTranslated() =>
        Assert.Equal("Mensaje de texto enviado a +1 201-555-0123.", MessageTemplates.PhoneVerificationSmsSent("es", Phone));

    [Fact]
    public void PhoneVerificationVoice_Spanish_IsTranslated() =>
        Assert.Equal(
            "Tu código para verificar tu teléfono en Acme Bank es 0, 1, 2, 3, 4, 5, 6. Repito: 0, 1, 2, 3, 4, 5, 6.",
            MessageTemplates.PhoneVerificationVoice("es", App, Code));

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    public void PhoneVerificationAnswers_LocaleWithoutTranslation_FallBackToEnglish(string locale)
    {
        Assert.Equal(MessageTemplates.PhoneVerificationSmsSent("en", Phone), MessageTemplates.PhoneVerificationSmsSent(locale, Phone));
        Assert.Equal(MessageTemplates.PhoneVerificationCallStarted("en", Phone), MessageTemplates.PhoneVerificationCallStarted(locale, Phone));
    }

    [Fact]
    public void SmsToken_EnglishWith30CharAppAnd10DigitCode_FitsOneGsmSegment()
    {
        var text = MessageTemplates.SmsToken("en", new string('A', 30), "0123456789");

        Assert.True(text.Length <= 160, $"{text.Length} characters");
        Assert.All(text, c => Assert.True(char.IsAscii(c)));
    }

    [Theory]
    [InlineData("zh", "驗證碼")]
    [InlineData("zh-HK", "電郵")]
    [InlineData("zh-CN", "验证码")]
    [InlineData("pt-BR", "celular")]
    [InlineData("pt", "telemóvel")]
    public void Templates_RegionalVariants_UseTheirOwnScriptAndWording(string locale, string expected)
    {
        var all = MessageTemplates.SmsToken(locale, App, Code)
            + MessageTemplates.PhoneVerificationSms(locale, App, Code)
            + MessageTemplates.EmailTextBody(locale, App, Code);

        Assert.Contains(expected, all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xx")]
    [InlineData("")]
    [InlineData("en-GB")]
    public void SmsToken_LocaleWithoutTranslation_FallsBackToEnglish(string locale) =>
        Assert.Equal(MessageTemplates.SmsToken("en", App, Code), MessageTemplates.SmsToken(locale, App, Code));

    [Fact]
    public void EmailHtmlBody_LocaleWithoutTranslation_IsEnglishWithEnglishLang()
    {
        var html = MessageTemplates.EmailHtmlBody("xx", App, Code);

        Assert.Equal(MessageTemplates.EmailHtmlBody("en", App, Code), html);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_LocaleInOtherCase_FindsTheTranslation() =>
        Assert.Equal(MessageTemplates.SmsToken("pt-BR", App, Code), MessageTemplates.SmsToken("PT-br", App, Code));

    [Fact]
    public void EmailHtmlBody_ScriptInAppName_IsEncoded()
    {
        var html = MessageTemplates.EmailHtmlBody("en", "<script>alert('x')</script>", Code);

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EmailHtmlBody_MarkupInCode_IsEncoded()
    {
        var html = MessageTemplates.EmailHtmlBody("en", App, "<b>1</b>");

        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;1&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("he")]
    public void EmailHtmlBody_ArabicOrHebrew_IsRightToLeft(string locale) =>
        Assert.Contains($"<html lang=\"{locale}\" dir=\"rtl\">", MessageTemplates.EmailHtmlBody(locale, App, Code), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(LeftToRightLocales))]
    public void EmailHtmlBody_OtherLocales_IsLeftToRight(string locale) =>
        Assert.Contains($"<html lang=\"{locale}\" dir=\"ltr\">", MessageTemplates.EmailHtmlBody(locale, App, Code), StringComparison.Ordinal);

    [Fact]
    public void SmsToken_PlaceholderTextInAppName_IsInsertedLiterally() =>
        Assert.Equal("Your {code} verification code is: 0123456", MessageTemplates.SmsToken("en", "{code}", Code));

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void PhoneVerificationAnswers_PlaceholderTextInPhone_IsInsertedLiterally(string locale)
    {
        Assert.Contains("{code}{app}{phone}", MessageTemplates.PhoneVerificationSmsSent(locale, "{code}{app}{phone}"), StringComparison.Ordinal);
        Assert.Contains("{code}{app}{phone}", MessageTemplates.PhoneVerificationCallStarted(locale, "{code}{app}{phone}"), StringComparison.Ordinal);
    }

    [Fact]
    public void PhoneVerificationSmsSent_PlaceholderTextInPhone_IsInsertedLiterally() =>
        Assert.Equal("Text message sent to {code}.", MessageTemplates.PhoneVerificationSmsSent("en", "{code}"));

    [Fact]
    public void PhoneVerificationVoice_PlaceholderTextInAppName_IsInsertedLiterally() =>
        Assert.Equal(
            "Your {code} phone verification code is 1, 2. I repeat: 1, 2.",
            MessageTemplates.PhoneVerificationVoice("en", "{code}", "12"));

    [Fact]
    public void SmsTokenWithAction_BlankActionMessage_IsPlainTokenSms() =>
        Assert.Equal(MessageTemplates.SmsToken("en", App, Code), MessageTemplates.SmsTokenWithAction("en", App, Code, "  "));

    [Fact]
    public void EmailTextBody_English_PutsCodeOnItsOwnLine() =>
        Assert.Equal(
            "Your Acme Bank verification code is:\n\n0123456\n\nIf you did not request this code, you can ignore this email.\n",
            MessageTemplates.EmailTextBody("en", App, Code));

    [Fact]
    public void SmsToken_NullAppName_Throws() =>
        Assert.Throws<ArgumentNullException>(() => MessageTemplates.SmsToken("en", null!, Code));

    [Fact]
    public void PhoneVerificationAnswers_NullPhone_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => MessageTemplates.PhoneVerificationSmsSent("en", null!));
        Assert.Throws<ArgumentNullException>(() => MessageTemplates.PhoneVerificationCallStarted("en", null!));
    }

    private static void AssertFilled(string text, bool expectCode)
    {
        Assert.Contains(App, text, StringComparison.Ordinal);
        if (expectCode)
        {
            Assert.Contains(Code, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("}", text, StringComparison.Ordinal);
    }

    private static void AssertPhoneFilled(string text)
    {
        Assert.False(string.IsNullOrWhiteSpace(text));
        Assert.Contains(Phone, text, StringComparison.Ordinal);
        Assert.True(text.Length > Phone.Length, $"'{text}' is only the phone number.");
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("}", text, StringComparison.Ordinal);
    }
}
