using Authy.Application.Phones;

namespace Authy.Application.Delivery;

/// <summary>How a code reaches its recipient.</summary>
public enum CodeChannel
{
    Sms,
    Voice,
    Email,
}

/// <summary>
/// Where a code goes: a phone number, or an e-mail address with the calling code of its owner's phone (the language
/// of an e-mail without a requested locale follows the phone's country, as an SMS would).
/// </summary>
public sealed record CodeRecipient
{
    private CodeRecipient(NormalizedPhone? phone, string? email, int countryCode) =>
        (Phone, Email, CountryCode) = (phone, email, countryCode);

    public NormalizedPhone? Phone { get; }

    public string? Email { get; }

    /// <summary>The calling code the message's language is detected from.</summary>
    public int CountryCode { get; }

    /// <summary>The destination as logs and the outbox show it: <c>+1-XXX-XXX-XX12</c>, <c>j***@example.com</c>.</summary>
    public string Masked => Phone is { } phone ? Masking.Cellphone(phone.CountryCode, phone.NationalNumber) : Masking.Email(Email!);

    public static CodeRecipient ToPhone(NormalizedPhone phone) => new(phone, null, phone.CountryCode);

    public static CodeRecipient ToEmail(string address, int countryCode) => new(null, address, countryCode);
}
