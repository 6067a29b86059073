using System.Globalization;
using System.Text.Json.Nodes;

namespace Authy.Application.Phones.Verification;

/// <summary>The <c>objects.phone_verification</c> of the phone-verification webhook events (docs/webhooks.md).</summary>
internal static class PhoneVerificationEvents
{
    public static JsonObject Objects(NormalizedPhone phone, Guid? uuid = null, string? via = null)
    {
        var verification = new JsonObject();
        if (uuid is { } id)
        {
            verification["s_uuid"] = id.ToString();
        }

        if (via is not null)
        {
            verification["s_via"] = via;
        }

        // Masked as user objects are: webhook bodies end up in logs and queues.
        verification["s_country_code"] = phone.CountryCode.ToString(CultureInfo.InvariantCulture);
        verification["s_phone_number"] = Masking.StatusPhoneNumber(phone.NationalNumber);
        return new JsonObject { ["phone_verification"] = verification };
    }
}
