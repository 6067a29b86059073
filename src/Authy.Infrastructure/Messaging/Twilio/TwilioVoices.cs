namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>A <c>&lt;Say&gt;</c> language and a voice that speaks it; <see cref="IsFallback"/> when the locale has none.</summary>
public sealed record TwilioVoice(string Language, string Voice, bool IsFallback);

/// <summary>
/// Which Twilio text-to-speech voice reads each of the 35 locales. Twilio fails a <c>&lt;Say&gt;</c> whose voice does not
/// speak its language, so each locale names a matching pair: an Amazon Polly voice where Polly has the language, a
/// Google voice otherwise (Twilio's basic man/woman voices cover only five languages). Croatian has no voice in
/// Twilio's published table, so a Croatian call is made in English (<see cref="TwilioVoice.IsFallback"/>).
/// </summary>
public static class TwilioVoices
{
    public static readonly TwilioVoice English = new("en-US", "Polly.Joanna", false);

    private static readonly Dictionary<string, TwilioVoice> ByLocale = new(StringComparer.OrdinalIgnoreCase)
    {
        ["af"] = new("af-ZA", "Google.af-ZA-Standard-A", false),
        ["ar"] = new("arb", "Polly.Zeina", false),
        ["ca"] = new("ca-ES", "Polly.Arlet-Neural", false),
        ["zh"] = new("cmn-CN", "Polly.Zhiyu", false),
        ["zh-CN"] = new("cmn-CN", "Polly.Zhiyu", false),
        ["zh-HK"] = new("yue-HK", "Google.yue-HK-Standard-A", false),
        ["cs"] = new("cs-CZ", "Polly.Jitka-Neural", false),
        ["da"] = new("da-DK", "Polly.Naja", false),
        ["nl"] = new("nl-NL", "Polly.Lotte", false),
        ["en"] = English,
        ["fi"] = new("fi-FI", "Polly.Suvi-Neural", false),
        ["fr"] = new("fr-FR", "Polly.Celine", false),
        ["de"] = new("de-DE", "Polly.Vicki", false),
        ["el"] = new("el-GR", "Google.el-GR-Standard-A", false),
        ["he"] = new("he-IL", "Google.he-IL-Standard-A", false),
        ["hi"] = new("hi-IN", "Polly.Aditi", false),
        ["hu"] = new("hu-HU", "Google.hu-HU-Standard-A", false),
        ["id"] = new("id-ID", "Google.id-ID-Standard-A", false),
        ["it"] = new("it-IT", "Polly.Bianca", false),
        ["ja"] = new("ja-JP", "Polly.Mizuki", false),
        ["ko"] = new("ko-KR", "Polly.Seoyeon", false),
        ["ms"] = new("ms-MY", "Google.ms-MY-Standard-A", false),
        ["nb"] = new("nb-NO", "Polly.Liv", false),
        ["pl"] = new("pl-PL", "Polly.Ewa", false),
        ["pt-BR"] = new("pt-BR", "Polly.Camila", false),
        ["pt"] = new("pt-PT", "Polly.Ines", false),
        ["ro"] = new("ro-RO", "Polly.Carmen", false),
        ["ru"] = new("ru-RU", "Polly.Tatyana", false),
        ["es"] = new("es-ES", "Polly.Conchita", false),
        ["sv"] = new("sv-SE", "Polly.Astrid", false),
        ["tl"] = new("fil-PH", "Google.fil-PH-Standard-A", false),
        ["th"] = new("th-TH", "Google.th-TH-Standard-A", false),
        ["tr"] = new("tr-TR", "Polly.Filiz", false),
        ["vi"] = new("vi-VN", "Google.vi-VN-Standard-A", false),
    };

    private static readonly TwilioVoice Fallback = English with { IsFallback = true };

    /// <summary>The voice of <paramref name="locale"/>; English, marked as a fallback, for one Twilio cannot speak.</summary>
    public static TwilioVoice For(string? locale) =>
        locale is not null && ByLocale.TryGetValue(locale, out var voice) ? voice : Fallback;
}
