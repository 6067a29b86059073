using Authy.Application.Messaging.Templates;

namespace Authy.UnitTests.Messaging.Templates;

public sealed class LocalesTests
{
    // Spec §8, in the spec's order.
    private static readonly string[] SpecLocales =
    [
        "af", "ar", "ca", "zh", "zh-CN", "zh-HK", "hr", "cs", "da", "nl", "en", "fi", "fr", "de", "el", "he", "hi", "hu",
        "id", "it", "ja", "ko", "ms", "nb", "pl", "pt-BR", "pt", "ro", "ru", "es", "sv", "tl", "th", "tr", "vi",
    ];

    public static TheoryData<string> SupportedLocales => new(SpecLocales);

    [Fact]
    public void Supported_Always_IsExactlyTheSpecs35UniqueLocales()
    {
        Assert.Equal(35, Locales.Supported.Count);
        Assert.Equal(35, Locales.Supported.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(SpecLocales, Locales.Supported);
    }

    [Fact]
    public void Supported_AsList_IsReadOnly()
    {
        var list = Assert.IsAssignableFrom<IList<string>>(Locales.Supported);

        Assert.True(list.IsReadOnly);
    }

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void Resolve_SupportedLocaleExactly_ReturnsIt(string locale) =>
        Assert.Equal(locale, Locales.Resolve(locale, 1));

    [Theory]
    [MemberData(nameof(SupportedLocales))]
    public void Resolve_SupportedLocaleInOtherCaseWithUnderscore_ReturnsCanonicalSpelling(string locale) =>
        Assert.Equal(locale, Locales.Resolve(locale.ToUpperInvariant().Replace('-', '_'), 1));

    [Theory]
    [InlineData("zh-cn", "zh-CN")]
    [InlineData("ZH-HK", "zh-HK")]
    [InlineData("pt_br", "pt-BR")]
    [InlineData("PT-br", "pt-BR")]
    [InlineData("EN", "en")]
    [InlineData(" fr ", "fr")]
    [InlineData("nb_NO", "nb")]
    public void Resolve_CaseAndSeparatorVariants_NormalisesToSupported(string requested, string expected) =>
        Assert.Equal(expected, Locales.Resolve(requested, 1));

    [Theory]
    [InlineData("es-MX", "es")]
    [InlineData("es-419", "es")]
    [InlineData("en-GB", "en")]
    [InlineData("en_US", "en")]
    [InlineData("pt-PT", "pt")]
    [InlineData("fr-CA", "fr")]
    [InlineData("de-AT", "de")]
    public void Resolve_UnsupportedRegion_FallsBackToLanguage(string requested, string expected) =>
        Assert.Equal(expected, Locales.Resolve(requested, 1));

    [Theory]
    [InlineData("no", "nb")]
    [InlineData("nn-NO", "nb")]
    [InlineData("iw", "he")]
    [InlineData("iw-IL", "he")]
    [InlineData("in", "id")]
    [InlineData("mo", "ro")]
    [InlineData("fil", "tl")]
    public void Resolve_LanguageAlias_ReturnsCurrentCode(string requested, string expected) =>
        Assert.Equal(expected, Locales.Resolve(requested, 1));

    [Theory]
    [InlineData("zh", "zh")]
    [InlineData("zh-TW", "zh")]
    [InlineData("zh-SG", "zh-CN")]
    [InlineData("zh-MO", "zh-HK")]
    [InlineData("zh-Hans", "zh-CN")]
    [InlineData("zh-Hans-HK", "zh-CN")]
    [InlineData("zh-Hant", "zh")]
    [InlineData("zh-Hant-TW", "zh")]
    [InlineData("zh_Hant_HK", "zh-HK")]
    public void Resolve_ChineseVariant_PicksByScriptThenRegion(string requested, string expected) =>
        Assert.Equal(expected, Locales.Resolve(requested, 1));

    [Theory]
    [InlineData("xx", 34, "es")]
    [InlineData("klingon", 55, "pt-BR")]
    [InlineData("uk-UA", 49, "de")]
    [InlineData("-", 81, "ja")]
    [InlineData("../etc", 33, "fr")]
    [InlineData("sr-Latn-RS", 385, "hr")]
    public void Resolve_UnknownLocale_DetectsFromCountryCallingCode(string requested, int callingCode, string expected) =>
        Assert.Equal(expected, Locales.Resolve(requested, callingCode));

    [Theory]
    [InlineData(null, 351, "pt")]
    [InlineData("", 852, "zh-HK")]
    [InlineData("   ", 972, "he")]
    public void Resolve_NullOrEmptyLocale_DetectsFromCountryCallingCode(string? requested, int callingCode, string expected) =>
        Assert.Equal(expected, Locales.Resolve(requested, callingCode));

    [Theory]
    [InlineData(null, 999)]
    [InlineData("xx", 999)]
    [InlineData("", 0)]
    [InlineData(null, -1)]
    [InlineData(null, 380)]
    public void Resolve_NothingDetected_ReturnsEnglish(string? requested, int callingCode) =>
        Assert.Equal("en", Locales.Resolve(requested, callingCode));

    [Fact]
    public void Resolve_RequestedLocale_WinsOverCountry() =>
        Assert.Equal("fr", Locales.Resolve("fr", 49));

    [Theory]
    [InlineData(1, "en")]
    [InlineData(44, "en")]
    [InlineData(27, "en")]
    [InlineData(61, "en")]
    [InlineData(34, "es")]
    [InlineData(52, "es")]
    [InlineData(54, "es")]
    [InlineData(56, "es")]
    [InlineData(57, "es")]
    [InlineData(51, "es")]
    [InlineData(58, "es")]
    [InlineData(55, "pt-BR")]
    [InlineData(351, "pt")]
    [InlineData(244, "pt")]
    [InlineData(33, "fr")]
    [InlineData(32, "nl")]
    [InlineData(41, "de")]
    [InlineData(49, "de")]
    [InlineData(43, "de")]
    [InlineData(39, "it")]
    [InlineData(31, "nl")]
    [InlineData(7, "ru")]
    [InlineData(81, "ja")]
    [InlineData(82, "ko")]
    [InlineData(86, "zh-CN")]
    [InlineData(852, "zh-HK")]
    [InlineData(886, "zh")]
    [InlineData(90, "tr")]
    [InlineData(30, "el")]
    [InlineData(972, "he")]
    [InlineData(91, "hi")]
    [InlineData(62, "id")]
    [InlineData(60, "ms")]
    [InlineData(66, "th")]
    [InlineData(84, "vi")]
    [InlineData(63, "tl")]
    [InlineData(48, "pl")]
    [InlineData(40, "ro")]
    [InlineData(420, "cs")]
    [InlineData(36, "hu")]
    [InlineData(45, "da")]
    [InlineData(46, "sv")]
    [InlineData(47, "nb")]
    [InlineData(358, "fi")]
    [InlineData(385, "hr")]
    [InlineData(376, "ca")]
    [InlineData(20, "ar")]
    [InlineData(966, "ar")]
    [InlineData(971, "ar")]
    [InlineData(212, "ar")]
    public void ForCountryCallingCode_KnownCode_ReturnsMainLanguage(int callingCode, string expected) =>
        Assert.Equal(expected, Locales.ForCountryCallingCode(callingCode));

    [Theory]
    [InlineData(999)]
    [InlineData(0)]
    [InlineData(-44)]
    [InlineData(380)]
    [InlineData(98)]
    public void ForCountryCallingCode_UnknownOrUnsupportedLanguage_ReturnsNull(int callingCode) =>
        Assert.Null(Locales.ForCountryCallingCode(callingCode));

    [Fact]
    public void ForCountryCallingCode_EveryMappedCode_ReturnsASupportedLocale()
    {
        for (var code = 1; code <= 999; code++)
        {
            var locale = Locales.ForCountryCallingCode(code);
            if (locale is not null)
            {
                Assert.Contains(locale, Locales.Supported);
            }
        }
    }
}
