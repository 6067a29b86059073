using Authy.Application.Errors;

namespace Authy.Application.Phones;

/// <summary>
/// Reads the <c>country_code</c> and <c>phone_number</c> pair of the phones/* endpoints, with the errors they share:
/// a missing one is 60004 naming it, an unusable one is 60033.
/// </summary>
public static class PhoneParameters
{
    public static Outcome<NormalizedPhone> Parse(string? countryCode, string? phoneNumber)
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
            || PhoneNumberParser.TryNormalize(code, phoneNumber, out var phone) != PhoneProblem.None)
        {
            return AuthyErrors.InvalidPhoneNumber;
        }

        return phone;
    }
}
