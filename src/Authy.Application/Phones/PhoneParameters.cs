using Authy.Application.Errors;

namespace Authy.Application.Phones;

/// <summary>
/// Reads the <c>country_code</c> and <c>phone_number</c> pair of the phones/* endpoints, with the errors they share:
/// a missing one is 60004 naming it, an unusable one is 60033.
/// </summary>
public static class PhoneParameters
{
    /// <summary>Reads the pair with the lenient rule (a number of a possible length is accepted).</summary>
    public static Outcome<NormalizedPhone> Parse(string? countryCode, string? phoneNumber) =>
        Parse(countryCode, phoneNumber, strict: false);

    /// <summary>
    /// Reads the pair; <paramref name="strict"/> (the application's <c>StrictPhoneNumbers</c>) also refuses numbers
    /// libphonenumber does not know as assigned.
    /// </summary>
    public static Outcome<NormalizedPhone> Parse(string? countryCode, string? phoneNumber, bool strict)
    {
        if (string.IsNullOrWhiteSpace(countryCode))
        {
            return AuthyErrors.MissingParameter("country_code");
        }

        if (string.IsNullOrWhiteSpace(phoneNumber))
        {
            return AuthyErrors.MissingParameter("phone_number");
        }

        if (PhoneNumberParser.TryParseCountryCode(countryCode, out var code) != PhoneProblem.None
            || PhoneNumberParser.TryNormalize(code, phoneNumber, strict, out var phone) != PhoneProblem.None)
        {
            return AuthyErrors.InvalidPhoneNumber;
        }

        return phone;
    }
}
