namespace Authy.Application.Abstractions;

/// <summary>The purposes bound into encrypted data, so one kind of ciphertext cannot be passed off as another.</summary>
public static class SecretPurposes
{
    public const string Seed = "authy.seed.v1";

    public const string OutboxPayload = "authy.outbox.v1";

    public const string ApiKey = "authy.api-key.v1";

    public const string PhoneVerificationCode = "authy.phone-verification-code.v1";

    public const string DeviceRegistrationCode = "authy.device-registration-code.v1";
}
