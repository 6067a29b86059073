using Authy.Application.Outcomes;

namespace Authy.Application.Phones;

/// <summary>
/// Reads the country code and phone number pair of the phone endpoints, with the failures they share: a missing one
/// is <see cref="Failures.Missing"/> naming it, an unusable one <see cref="Failures.InvalidPhoneNumber"/>.
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
            return Failures.Missing("CountryCode");
        }

        if (string.IsNullOrWhiteSpace(phoneNumber))
        {
            return Failures.Missing("PhoneNumber");
        }

        if (PhoneNumberParser.TryParseCountryCode(countryCode, out var code) != PhoneProblem.None
            || PhoneNumberParser.TryNormalize(code, phoneNumber, strict, out var phone) != PhoneProblem.None)
        {
            return Failures.InvalidPhoneNumber;
        }

        return phone;
    }
}
