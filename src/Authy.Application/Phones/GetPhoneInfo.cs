using PhoneNumbers;

namespace Authy.Application.Phones;

/// <summary>What libphonenumber's offline data says of a number: its kind and, where known, its original carrier.</summary>
public sealed record PhoneInfo(string Type, string? Provider)
{
    /// <summary>Whether the number can take a text: mobile, or a NANP number that libphonenumber cannot tell from a landline.</summary>
    public bool IsCellphone => Type is "cellphone" or "landline_or_cellphone";
}

/// <summary>
/// phones/info from offline data: no lookup leaves the server. <c>ported</c> is always false because offline data cannot
/// know about porting, and the carrier is the number range's original one.
/// </summary>
public sealed class GetPhoneInfo
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Describes a number (parsed by the surface under the application's rule); one of a possible length that
    /// libphonenumber does not know as assigned reads as type <c>unknown</c> without a carrier.
    /// </summary>
    public PhoneInfo Execute(NormalizedPhone phone) => Describe(phone);

    /// <summary>The kind and original carrier of a number (<c>unknown</c> and none for a number not known as assigned).</summary>
    public static PhoneInfo Describe(NormalizedPhone phone)
    {
        var parsed = Util.Parse(phone.E164, null);
        var carrier = PhoneNumberToCarrierMapper.GetInstance().GetNameForNumber(parsed, Locale.English);
        return new PhoneInfo(TypeName(Util.GetNumberType(parsed)), string.IsNullOrEmpty(carrier) ? null : carrier);
    }

    /// <summary>Authy's names where it had one (cellphone, landline, voip); libphonenumber's kinds, snake_cased, otherwise.</summary>
    internal static string TypeName(PhoneNumberType type) => type switch
    {
        PhoneNumberType.MOBILE => "cellphone",
        PhoneNumberType.FIXED_LINE => "landline",
        PhoneNumberType.VOIP => "voip",
        // NANP numbers (US, Canada…) do not tell mobile from fixed lines.
        PhoneNumberType.FIXED_LINE_OR_MOBILE => "landline_or_cellphone",
        PhoneNumberType.TOLL_FREE => "toll_free",
        PhoneNumberType.PREMIUM_RATE => "premium_rate",
        PhoneNumberType.SHARED_COST => "shared_cost",
        PhoneNumberType.PERSONAL_NUMBER => "personal_number",
        PhoneNumberType.PAGER => "pager",
        PhoneNumberType.UAN => "uan",
        PhoneNumberType.VOICEMAIL => "voicemail",
        PhoneNumberType.UNKNOWN => "unknown",
        _ => "unknown",
    };
}
