using System.Globalization;
using PhoneNumbers;

namespace Authy.Application.Phones;

/// <summary>A phone number split the way Authy identifies users: calling code and national number (digits).</summary>
public sealed record NormalizedPhone(int CountryCode, string NationalNumber)
{
    public string E164 => string.Create(CultureInfo.InvariantCulture, $"+{CountryCode}{NationalNumber}");
}

/// <summary>Why a phone number was refused.</summary>
public enum PhoneProblem
{
    None,
    CountryCodeMissing,
    CountryCodeNotSupported,
    NumberMissing,
    NumberMalformed,
    NumberNotValid,
}

/// <summary>Parsing and validation with libphonenumber's offline metadata.</summary>
public static class PhoneNumberParser
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Reads a calling code as clients send it: <c>1</c>, <c>"1"</c>, <c>"+1"</c>, or an ISO region such as <c>US</c>
    /// (authy-client accepts regions).
    /// </summary>
    public static PhoneProblem TryParseCountryCode(string? raw, out int countryCode)
    {
        countryCode = 0;
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return PhoneProblem.CountryCodeMissing;
        }

        if (text.Length == 2 && char.IsAsciiLetter(text[0]) && char.IsAsciiLetter(text[1]))
        {
            countryCode = Util.GetCountryCodeForRegion(text.ToUpperInvariant());
            return countryCode == 0 ? PhoneProblem.CountryCodeNotSupported : PhoneProblem.None;
        }

        if (!int.TryParse(text.TrimStart('+'), NumberStyles.None, CultureInfo.InvariantCulture, out countryCode)
            || Util.GetRegionCodeForCountryCode(countryCode) == "ZZ")
        {
            return PhoneProblem.CountryCodeNotSupported;
        }

        return PhoneProblem.None;
    }

    /// <summary>
    /// Normalises a national number typed with spaces, dashes, dots or brackets. A number with other characters,
    /// or of an impossible length, is malformed; one that is possible but not valid for the country is not valid.
    /// </summary>
    public static PhoneProblem TryNormalize(int countryCode, string? rawNumber, out NormalizedPhone phone)
    {
        phone = new NormalizedPhone(countryCode, string.Empty);
        var text = rawNumber?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return PhoneProblem.NumberMissing;
        }

        var digits = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
            {
                return PhoneProblem.NumberMalformed;
            }
        }

        if (digits.Length is < 4 or > 17)
        {
            return PhoneProblem.NumberMalformed;
        }

        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(string.Create(CultureInfo.InvariantCulture, $"+{countryCode}{digits}"), null);
        }
        catch (NumberParseException)
        {
            return PhoneProblem.NumberMalformed;
        }

        if (!Util.IsPossibleNumber(parsed))
        {
            return PhoneProblem.NumberMalformed;
        }

        if (!Util.IsValidNumber(parsed))
        {
            return PhoneProblem.NumberNotValid;
        }

        phone = new NormalizedPhone(countryCode, Util.GetNationalSignificantNumber(parsed));
        return PhoneProblem.None;
    }

    /// <summary>The number as people write it internationally, and as Authy's messages show it: <c>+1 201-555-0123</c>.</summary>
    public static string FormatInternational(NormalizedPhone phone) =>
        Util.Format(Util.Parse(phone.E164, null), PhoneNumberFormat.INTERNATIONAL);

    /// <summary>The log and response mask (<c>+1-XXX-XXX-XX02</c>) of a number held in E.164 form.</summary>
    public static string MaskE164(string e164)
    {
        try
        {
            var parsed = Util.Parse(e164, null);
            return Masking.Cellphone(parsed.CountryCode, Util.GetNationalSignificantNumber(parsed));
        }
        catch (NumberParseException)
        {
            return "+X-XXX-XXX-XX";
        }
    }
}
