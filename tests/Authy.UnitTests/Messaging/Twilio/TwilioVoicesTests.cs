using Authy.Application.Messaging.Templates;
using Authy.Infrastructure.Messaging.Twilio;

namespace Authy.UnitTests.Messaging.Twilio;

public sealed class TwilioVoicesTests
{
    public static TheoryData<string> SpokenLocales => new(Locales.Supported.Where(l => l != "hr"));

    [Theory]
    [InlineData("en", "en-US", "Polly.Joanna")]
    [InlineData("de", "de-DE", "Polly.Vicki")]
    [InlineData("fr", "fr-FR", "Polly.Celine")]
    [InlineData("es", "es-ES", "Polly.Conchita")]
    [InlineData("pt-BR", "pt-BR", "Polly.Camila")]
    [InlineData("pt", "pt-PT", "Polly.Ines")]
    [InlineData("zh-CN", "cmn-CN", "Polly.Zhiyu")]
    [InlineData("zh-HK", "yue-HK", "Google.yue-HK-Standard-A")]
    [InlineData("ar", "arb", "Polly.Zeina")]
    [InlineData("tl", "fil-PH", "Google.fil-PH-Standard-A")]
    [InlineData("nb", "nb-NO", "Polly.Liv")]
    public void For_Locale_GivesMatchingLanguageAndVoice(string locale, string language, string voice) =>
        Assert.Equal(new TwilioVoice(language, voice, false), TwilioVoices.For(locale));

    [Theory]
    [MemberData(nameof(SpokenLocales))]
    public void For_EverySupportedLocaleButCroatian_HasItsOwnVoiceWhoseNameMatchesItsLanguage(string locale)
    {
        var voice = TwilioVoices.For(locale);

        Assert.False(voice.IsFallback);
        // Google voice names embed their language; a mismatched pair fails the whole <Say> at Twilio.
        if (voice.Voice.StartsWith("Google.", StringComparison.Ordinal))
        {
            Assert.StartsWith($"Google.{voice.Language}-", voice.Voice, StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("Polly.", voice.Voice, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("hr")]
    [InlineData("xx")]
    [InlineData(null)]
    public void For_LocaleWithoutTwilioVoice_FallsBackToEnglish(string? locale) =>
        Assert.Equal(new TwilioVoice("en-US", "Polly.Joanna", true), TwilioVoices.For(locale));
}
