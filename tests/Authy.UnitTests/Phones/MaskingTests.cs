using Authy.Application.Phones;

namespace Authy.UnitTests.Phones;

public sealed class MaskingTests
{
    [Theory]
    [InlineData(1, "2015550123", "+1-XXX-XXX-XX23")]
    [InlineData(54, "91123456702", "+54-XXX-XXX-XX02")]
    [InlineData(351, "912345667", "+351-XXX-XXX-XX67")]
    public void Cellphone_ShowsCallingCodeAndLastTwoDigits(int countryCode, string national, string expected) =>
        Assert.Equal(expected, Masking.Cellphone(countryCode, national));

    [Theory]
    [InlineData("2015551118", "XXX-XXX-1118")]
    [InlineData("912344567", "XX-XXX-4567")]
    [InlineData("12345678", "X-XXX-5678")]
    [InlineData("1234", "1234")]
    public void StatusPhoneNumber_HidesAllButLastFour(string national, string expected) =>
        Assert.Equal(expected, Masking.StatusPhoneNumber(national));

    [Theory]
    [InlineData("ana@example.com", "a***@example.com")]
    [InlineData("@nodomain", "***")]
    public void Email_KeepsFirstCharacterAndDomain(string email, string expected) =>
        Assert.Equal(expected, Masking.Email(email));

    [Fact]
    public void MaskE164_ParsesTheCallingCode() =>
        Assert.Equal("+44-XXX-XXX-XX89", PhoneNumberParser.MaskE164("+447911123489"));

    [Theory]
    [InlineData("1", 1)]
    [InlineData("+44", 44)]
    [InlineData("US", 1)]
    [InlineData("pt", 351)]
    public void TryParseCountryCode_AcceptsCodesAndRegions(string raw, int expected)
    {
        Assert.Equal(PhoneProblem.None, PhoneNumberParser.TryParseCountryCode(raw, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(null, PhoneProblem.CountryCodeMissing)]
    [InlineData("999", PhoneProblem.CountryCodeNotSupported)]
    [InlineData("XX", PhoneProblem.CountryCodeNotSupported)]
    [InlineData("1a", PhoneProblem.CountryCodeNotSupported)]
    public void TryParseCountryCode_RefusesOthers(string? raw, PhoneProblem expected) =>
        Assert.Equal(expected, PhoneNumberParser.TryParseCountryCode(raw, out _));

    [Theory]
    [InlineData("201-555-0123", PhoneProblem.None)]
    [InlineData("(201) 555.0123", PhoneProblem.None)]
    [InlineData("", PhoneProblem.NumberMissing)]
    [InlineData("201-555-0123x", PhoneProblem.NumberMalformed)]
    [InlineData("12", PhoneProblem.NumberMalformed)]
    [InlineData("555-123-456", PhoneProblem.NumberMalformed)]
    [InlineData("555-1234", PhoneProblem.NumberNotValid)]
    [InlineData("555-123-4567", PhoneProblem.None)]
    [InlineData("432-123-4567", PhoneProblem.None)]
    [InlineData("+1 201-555-0123", PhoneProblem.None)]
    [InlineData("+44 7911 123456", PhoneProblem.NumberNotValid)]
    [InlineData("+1 201-555-0123+", PhoneProblem.NumberMalformed)]
    [InlineData("++1 201-555-0123", PhoneProblem.NumberMalformed)]
    public void TryNormalize_ClassifiesNumbers(string raw, PhoneProblem expected) =>
        Assert.Equal(expected, PhoneNumberParser.TryNormalize(1, raw, out _));

    [Theory]
    [InlineData("201-555-0123", PhoneProblem.None)]
    [InlineData("+1 201-555-0123", PhoneProblem.None)]
    [InlineData("555-123-4567", PhoneProblem.NumberNotValid)]
    [InlineData("+1 432-123-4567", PhoneProblem.NumberNotValid)]
    public void TryNormalize_Strict_RefusesNumbersLibphonenumberCallsInvalid(string raw, PhoneProblem expected) =>
        Assert.Equal(expected, PhoneNumberParser.TryNormalize(1, raw, strict: true, out _));

    [Theory]
    [InlineData(1, "+1 (201) 555-0123", "2015550123")]
    [InlineData(1, "432-123-4567", "4321234567")]
    [InlineData(44, "+44 7911 123456", "7911123456")]
    public void TryNormalize_WithOrWithoutCountryCode_GivesTheSameNationalNumber(int countryCode, string raw, string national)
    {
        Assert.Equal(PhoneProblem.None, PhoneNumberParser.TryNormalize(countryCode, raw, out var phone));
        Assert.Equal(national, phone.NationalNumber);
        Assert.Equal(countryCode, phone.CountryCode);
    }

    [Fact]
    public void TryNormalize_StripsSeparators()
    {
        PhoneNumberParser.TryNormalize(1, "(201) 555-0123", out var phone);

        Assert.Equal("2015550123", phone.NationalNumber);
        Assert.Equal("+12015550123", phone.E164);
    }
}
