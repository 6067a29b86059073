namespace Authy.Application.Webhooks;

/// <summary>
/// The 23 event names of Authy's Webhooks API (spec §3.18, identical in every public source). All of them can be
/// subscribed to; <see cref="Emitted"/> lists the ones this server produces today.
/// </summary>
public static class WebhookEventNames
{
    public const string AccountRecoveryApproved = "account_recovery_approved";
    public const string AccountRecoveryCanceled = "account_recovery_canceled";
    public const string AccountRecoveryStarted = "account_recovery_started";
    public const string CustomMessageNotAllowed = "custom_message_not_allowed";
    public const string DeviceRegistrationCompleted = "device_registration_completed";
    public const string OneTouchRequestResponded = "one_touch_request_responded";
    public const string PhoneChangeCanceled = "phone_change_canceled";
    public const string PhoneChangePinSent = "phone_change_pin_sent";
    public const string PhoneChangeRequested = "phone_change_requested";
    public const string PhoneVerificationCodeIsInvalid = "phone_verification_code_is_invalid";
    public const string PhoneVerificationCodeIsValid = "phone_verification_code_is_valid";
    public const string PhoneVerificationFailed = "phone_verification_failed";
    public const string PhoneVerificationNotFound = "phone_verification_not_found";
    public const string PhoneVerificationStarted = "phone_verification_started";
    public const string SuspendedAccount = "suspended_account";
    public const string TokenInvalid = "token_invalid";
    public const string TokenVerified = "token_verified";
    public const string TooManyCodeVerifications = "too_many_code_verifications";
    public const string TooManyPhoneVerifications = "too_many_phone_verifications";
    public const string TotpTokenSent = "totp_token_sent";
    public const string UserAdded = "user_added";
    public const string UserPhoneChanged = "user_phone_changed";
    public const string UserRemoved = "user_removed";

    /// <summary>Every name a webhook may subscribe to, in Authy's (alphabetical) order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AccountRecoveryApproved, AccountRecoveryCanceled, AccountRecoveryStarted, CustomMessageNotAllowed,
        DeviceRegistrationCompleted, OneTouchRequestResponded, PhoneChangeCanceled, PhoneChangePinSent,
        PhoneChangeRequested, PhoneVerificationCodeIsInvalid, PhoneVerificationCodeIsValid, PhoneVerificationFailed,
        PhoneVerificationNotFound, PhoneVerificationStarted, SuspendedAccount, TokenInvalid, TokenVerified,
        TooManyCodeVerifications, TooManyPhoneVerifications, TotpTokenSent, UserAdded, UserPhoneChanged, UserRemoved,
    ];

    /// <summary>
    /// The events the server's own use cases raise (docs/webhooks.md says when). The phone-verification names are
    /// raised by the phone verification feature; account recovery, phone change and custom-message events belong to
    /// features this server does not have, so subscribing to them is accepted and never fires.
    /// </summary>
    public static IReadOnlyList<string> Emitted { get; } =
    [
        UserAdded, UserRemoved, TotpTokenSent, TokenVerified, TokenInvalid, TooManyCodeVerifications,
        DeviceRegistrationCompleted, OneTouchRequestResponded, SuspendedAccount,
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    /// <summary>Exact, case-sensitive match: Authy's names are lower-case and so must a subscription be.</summary>
    public static bool IsKnown(string name) => Known.Contains(name);
}
