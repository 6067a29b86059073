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
    /// Normalises a national number typed with spaces, dashes, dots or brackets, leniently (as
    /// <see cref="TryNormalize(int, string?, bool, out NormalizedPhone)"/> with <c>strict: false</c>).
    /// </summary>
    public static PhoneProblem TryNormalize(int countryCode, string? rawNumber, out NormalizedPhone phone) =>
        TryNormalize(countryCode, rawNumber, strict: false, out phone);

    /// <summary>
    /// Normalises a number typed with spaces, dashes, dots or brackets, either national (<c>775-461-5609</c>) or with its
    /// calling code after a leading <c>+</c> (<c>+1 775-461-5609</c>), as Authy accepted both. A number with other
    /// characters, or of an impossible length, is malformed. A <c>+</c> code other than <paramref name="countryCode"/> is
    /// not valid (authy-client refuses the same mismatch before sending). A number of a possible length that
    /// libphonenumber does not know as assigned (<c>432-123-4567</c>: NANP exchanges never start with 1) is accepted,
    /// as Authy accepted it, unless <paramref name="strict"/>.
    /// </summary>
    public static PhoneProblem TryNormalize(int countryCode, string? rawNumber, bool strict, out NormalizedPhone phone)
    {
        phone = new NormalizedPhone(countryCode, string.Empty);
        var text = rawNumber?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return PhoneProblem.NumberMissing;
        }

        var international = text[0] == '+';
        var digits = new System.Text.StringBuilder(text.Length);
        foreach (var c in international ? text.AsSpan(1) : text.AsSpan())
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

        // With its calling code (up to 3 digits) a number is that much longer than a national one.
        if (digits.Length < 4 || digits.Length > (international ? 20 : 17))
        {
            return PhoneProblem.NumberMalformed;
        }

        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(international ? "+" + digits : string.Create(CultureInfo.InvariantCulture, $"+{countryCode}{digits}"), null);
        }
        catch (NumberParseException)
        {
            return PhoneProblem.NumberMalformed;
        }

        if (parsed.CountryCode != countryCode)
        {
            return PhoneProblem.NumberNotValid;
        }

        var possible = Util.IsPossibleNumberWithReason(parsed);
        if (possible is not (PhoneNumberUtil.ValidationResult.IS_POSSIBLE or PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY))
        {
            return PhoneProblem.NumberMalformed;
        }

        // A local-only length (a US number without its area code) cannot be dialled from elsewhere, strict or not.
        if (!Util.IsValidNumber(parsed) && (strict || possible != PhoneNumberUtil.ValidationResult.IS_POSSIBLE))
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
