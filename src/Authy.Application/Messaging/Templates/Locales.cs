namespace Authy.Application.Messaging.Templates;

/// <summary>
/// The 35 locales Authy accepts in <c>locale</c> (spec §8), and how a message's locale is chosen:
/// the requested one when it is usable, else the language of the phone's country calling code,
/// else English.
/// </summary>
public static class Locales
{
    /// <summary>English: the last resort, and the language of every message without a translation.</summary>
    public const string Default = "en";

    /// <summary>The supported locales, spelled exactly as the spec lists them (BCP 47, region upper-case).</summary>
    public static IReadOnlyList<string> Supported { get; } = Array.AsReadOnly(
    [
        "af", "ar", "ca", "zh", "zh-CN", "zh-HK", "hr", "cs", "da", "nl", "en", "fi", "fr", "de", "el", "he", "hi", "hu",
        "id", "it", "ja", "ko", "ms", "nb", "pl", "pt-BR", "pt", "ro", "ru", "es", "sv", "tl", "th", "tr", "vi",
    ]);

    // Case-insensitive lookup that hands back the canonical spelling ("ZH-cn" -> "zh-CN").
    private static readonly Dictionary<string, string> Canonical =
        Supported.ToDictionary(locale => locale, locale => locale, StringComparer.OrdinalIgnoreCase);

    // Deprecated or sibling language codes that clients still send. Norwegian "no"/"nn" readers read
    // Bokmål; "iw", "in" and "mo" are the pre-1989 ISO codes of Hebrew, Indonesian and Romanian;
    // Filipino is standardised Tagalog.
    private static readonly Dictionary<string, string> LanguageAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["no"] = "nb",
        ["nn"] = "nb",
        ["iw"] = "he",
        ["in"] = "id",
        ["mo"] = "ro",
        ["fil"] = "tl",
    };

    private static readonly Dictionary<int, string> ByCallingCode = BuildCallingCodeTable();

    /// <summary>
    /// Chooses the locale of a message. A requested locale is matched case-insensitively, with <c>_</c>
    /// accepted for <c>-</c> (<c>pt_br</c> → <c>pt-BR</c>); a region this server has no translation for
    /// falls back to its language (<c>es-MX</c> → <c>es</c>, <c>zh-TW</c> → <c>zh</c>). An unknown or empty
    /// request is answered from <paramref name="countryCallingCode"/>, and <c>en</c> when that gives nothing.
    /// </summary>
    /// <param name="requested">The <c>locale</c> parameter as the client sent it, or null.</param>
    /// <param name="countryCallingCode">The phone's country calling code (1, 44, 351, …).</param>
    /// <returns>One of <see cref="Supported"/>.</returns>
    public static string Resolve(string? requested, int countryCallingCode) =>
        Match(requested) ?? ForCountryCallingCode(countryCallingCode) ?? Default;

    /// <summary>
    /// The most common language among the people of a country calling code, when it is one of the
    /// <see cref="Supported"/> locales; null when the code is unknown or its language is not supported.
    /// </summary>
    /// <remarks>
    /// A calling code can span several countries (+1, +7) and a country several languages (+32, +41),
    /// so this is a guess for the common case; a user who wants another language is served by the
    /// application passing <c>locale</c>.
    /// </remarks>
    public static string? ForCountryCallingCode(int countryCallingCode) =>
        ByCallingCode.GetValueOrDefault(countryCallingCode);

    /// <summary>The supported locale a client's <c>locale</c> parameter means, or null when none.</summary>
    private static string? Match(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return null;
        }

        var subtags = requested.Trim().Split(['-', '_'], StringSplitOptions.RemoveEmptyEntries);
        if (subtags.Length == 0)
        {
            return null;
        }

        var language = subtags[0].ToLowerInvariant();
        language = LanguageAliases.GetValueOrDefault(language, language);

        // BCP 47 after the language: an optional 4-letter script, then a 2-letter or 3-digit region.
        string? script = null;
        string? region = null;
        foreach (var subtag in subtags.Skip(1))
        {
            if (script is null && region is null && subtag.Length == 4 && subtag.All(char.IsAsciiLetter))
            {
                script = subtag.ToLowerInvariant();
            }
            else if (region is null && IsRegion(subtag))
            {
                region = subtag.ToUpperInvariant();
            }
        }

        if (language == "zh")
        {
            return Chinese(script, region);
        }

        if (region is not null && Canonical.TryGetValue($"{language}-{region}", out var regional))
        {
            return regional;
        }

        return Canonical.GetValueOrDefault(language);
    }

    private static bool IsRegion(string subtag) =>
        (subtag.Length == 2 && subtag.All(char.IsAsciiLetter)) || (subtag.Length == 3 && subtag.All(char.IsAsciiDigit));

    // The three Chinese locales differ in script more than in place: zh-CN is Simplified, zh-HK and zh
    // Traditional (zh-HK with Hong Kong wording). So a script subtag decides first, then the region
    // by the script it uses: Singapore and Malaysia write Simplified, Macau writes like Hong Kong,
    // Taiwan and the rest fall to plain zh.
    private static string Chinese(string? script, string? region) => script switch
    {
        "hans" => "zh-CN",
        "hant" => region is "HK" or "MO" ? "zh-HK" : "zh",
        _ => region switch
        {
            "CN" or "SG" or "MY" => "zh-CN",
            "HK" or "MO" => "zh-HK",
            _ => "zh",
        },
    };

    private static Dictionary<int, string> BuildCallingCodeTable()
    {
        // Grouped by language for review. Each code appears once: Add throws on a duplicate, which
        // the tests would surface as a type-initialisation failure.
        (string Locale, int[] Codes)[] groups =
        [
            // NANP (+1) is mostly English-speaking. South Africa (+27) and Namibia (+264): Afrikaans is
            // widely spoken, but English is the language of government, business and most SMS there,
            // and the one every user reads; Afrikaans stays available through `locale`.
            ("en",
            [
                1, 27, 44, 61, 64, 65, 92, 94, 211, 220, 230, 231, 232, 233, 234, 246, 248, 254, 255, 256,
                260, 263, 264, 265, 266, 267, 268, 290, 350, 353, 356, 500, 501, 592, 672, 674, 675, 676,
                677, 678, 679, 680, 682, 683, 685, 686, 688, 691, 692,
            ]),
            ("es",
            [
                34, 51, 52, 53, 54, 56, 57, 58, 240, 502, 503, 504, 505, 506, 507, 591, 593, 595, 598,
            ]),
            ("pt-BR", [55]),
            ("pt", [238, 239, 244, 245, 258, 351, 670]),
            // Belgium (+32) goes to Dutch, its majority language; Luxembourg (+352) to French, the
            // language most of its written communication uses.
            ("fr",
            [
                33, 221, 223, 224, 225, 226, 227, 228, 229, 235, 236, 237, 241, 242, 243, 253, 257, 261,
                262, 269, 352, 377, 508, 509, 590, 594, 596, 681, 687, 689,
            ]),
            // Switzerland (+41): German is spoken by the largest share.
            ("de", [41, 43, 49, 423]),
            ("it", [39, 378]),
            ("nl", [31, 32, 297, 597, 599]),
            // Russian is the common written language of these codes (+7 includes Kazakhstan).
            // Ukraine (+380) and the other post-Soviet states with a language of their own stay unmapped
            // (so English) rather than presuming Russian.
            ("ru", [7, 375, 996]),
            ("ar",
            [
                20, 212, 213, 216, 218, 222, 249, 961, 962, 963, 964, 965, 966, 967, 968, 970, 971, 973,
                974,
            ]),
            ("ja", [81]),
            ("ko", [82, 850]),
            ("zh-CN", [86]),
            ("zh-HK", [852, 853]),
            ("zh", [886]),
            ("tr", [90]),
            ("el", [30, 357]),
            ("he", [972]),
            ("hi", [91]),
            ("id", [62]),
            ("ms", [60, 673]),
            ("th", [66]),
            ("vi", [84]),
            ("tl", [63]),
            ("pl", [48]),
            ("ro", [40, 373]),
            ("cs", [420]),
            ("hu", [36]),
            ("da", [45, 298, 299]),
            ("sv", [46]),
            ("nb", [47]),
            ("fi", [358]),
            ("hr", [385]),
            ("ca", [376]),
        ];

        var table = new Dictionary<int, string>();
        foreach (var (locale, codes) in groups)
        {
            foreach (var code in codes)
            {
                table.Add(code, locale);
            }
        }

        return table;
    }
}
