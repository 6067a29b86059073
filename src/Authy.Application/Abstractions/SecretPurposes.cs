namespace Authy.Application.Abstractions;

/// <summary>The purposes bound into encrypted data, so one kind of ciphertext cannot be passed off as another.</summary>
public static class SecretPurposes
{
    public const string Seed = "authy.seed.v1";

    public const string OutboxPayload = "authy.outbox.v1";

    public const string ApiKey = "authy.api-key.v1";

    public const string PhoneVerificationCode = "authy.phone-verification-code.v1";

    public const string DeviceRegistrationCode = "authy.device-registration-code.v1";

    /// <summary>An application's API signing key (Webhooks-API request signatures).</summary>
    public const string ApiSigningKey = "authy.api-signing-key.v1";

    /// <summary>A webhook's own signing key (the HS256 key of the JWTs it receives).</summary>
    public const string WebhookSigningKey = "authy.webhook-signing-key.v1";

    /// <summary>A Twilio call's message (number, script, code), kept until the callee asks for the code.</summary>
    public const string TwilioVoiceCall = "authy.twilio-voice-call.v1";
}
