using Authy.Application.Outcomes;
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

/// <summary>The <c>via</c> vocabulary both the Authy and the device API use for a phone code's channel.</summary>
public static class PhoneChannels
{
    /// <summary><c>sms</c> (also when absent or blank) or <c>call</c>, in any case and with spaces around.</summary>
    public static Outcome<CodeChannel> ParseVia(string? via, string field = "Via") =>
        string.IsNullOrWhiteSpace(via)
            ? CodeChannel.Sms
            : via.Trim().ToLowerInvariant() switch
            {
                "sms" => CodeChannel.Sms,
                "call" => CodeChannel.Voice,
                _ => Failures.Invalid(field, "must be sms or call"),
            };

    /// <summary>The channel as <c>via</c> names it, in events, device notices and records.</summary>
    public static string Via(CodeChannel channel) => channel switch
    {
        CodeChannel.Sms => "sms",
        CodeChannel.Voice => "call",
        _ => "email",
    };
}
