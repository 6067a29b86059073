using Authy.Application.Messaging.Templates;

namespace Authy.UnitTests.Messaging.Templates;

public sealed class VoicePromptTests
{
    public static TheoryData<string> SupportedLocales => new(Locales.Supported);

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void VoicePrompt_EverySupportedLocale_NamesTheDigitOnceAndIsTranslated(string locale)
    {
        var prompt = MessageTemplates.VoicePrompt(locale, 7);

        Assert.Single(prompt, c => char.IsAsciiDigit(c));
        Assert.Contains('7', prompt);
        Assert.DoesNotContain('{', prompt);
        if (locale != "en")
        {
            Assert.NotEqual(MessageTemplates.VoicePrompt("en", 7), prompt);
        }
    }

    [Fact]
    public void VoicePrompt_English_AsksForTheKey() =>
        Assert.Equal("Press 5 to hear your code.", MessageTemplates.VoicePrompt("en", 5));

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void VoicePrompt_DigitOutsideOneToNine_Throws(int digit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MessageTemplates.VoicePrompt("en", digit));
}
