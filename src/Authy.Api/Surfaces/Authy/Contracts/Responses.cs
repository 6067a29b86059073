using System.Text.Json.Serialization;

namespace Authy.Api.Surfaces.Authy.Contracts;

// Wire bodies, in the field order of the recorded Authy responses (spec §3). Snake_case comes from the serializer options.

/// <summary><c>{"message":"User created successfully.","user":{"id":1635},"success":true}</c></summary>
internal sealed record UserCreatedResponse(string Message, UserId User, bool Success = true);

internal sealed record UserId(long Id);

/// <summary>A message and <c>success</c>: deletes, updates, register_activity.</summary>
internal sealed record MessageResponse(string Message, bool Success = true);

internal sealed record UserStatusResponse(UserStatusBody Status, string Message = "User status.", bool Success = true);

internal sealed record UserStatusBody(
    long AuthyId,
    bool Confirmed,
    bool Registered,
    int CountryCode,
    string PhoneNumber,
    string? Email,
    IReadOnlyList<string> Devices,
    bool HasHardToken,
    bool AccountDisabled,
    IReadOnlyList<DetailedDevice> DetailedDevices,
    IReadOnlyList<DetailedDevice> DeletedDevices);

internal sealed record DetailedDevice(
    string DeviceType,
    string OsType,
    string? RegistrationDeviceId,
    string? RegistrationMethod,
    long DeviceId,
    long LastSyncDate,
    long CreationDate);

/// <summary>sms/{id} and call/{id}. <c>device</c> and <c>ignored</c> appear only in the "ignored" answer (python tests the key's presence).</summary>
internal sealed record TokenSentResponse(
    string Message,
    string Cellphone,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Device,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Ignored,
    bool Success = true);

internal sealed record EmailSentResponse(string Message, string Email, string EmailId, bool Success = true);

/// <summary><c>{"message":"Token is valid.","token":"is valid","success":true,"device":{…}}</c></summary>
internal sealed record TokenVerifiedResponse(string Message, string Token, bool Success, VerifiedDevice Device);

/// <summary>The device a verified token came from; <c>os_type</c> "sms" with nulls when it came by SMS, call or e-mail.</summary>
internal sealed record VerifiedDevice(
    long? Id,
    string OsType,
    long RegistrationDate,
    string? RegistrationMethod,
    string? RegistrationCountry,
    string? RegistrationRegion,
    string? RegistrationCity,
    string? Country,
    string? Region,
    string? City,
    string? Ip,
    long? LastAccountRecoveryAt,
    long? LastSyncDate);

/// <summary>
/// <c>{"label":"…","Issuer":"…","qr_code":"https://…","success":true}</c> — with Authy's capital I in <c>Issuer</c>.
/// </summary>
internal sealed record GenericSecretResponse(
    string Label,
    [property: JsonPropertyName("Issuer")] string Issuer,
    string QrCode,
    bool Success = true);

/// <summary><c>{"approval_request":{"uuid":"…"},"message":"…","success":true}</c>; <c>message</c> because rust reads it from every body.</summary>
internal sealed record ApprovalRequestCreatedResponse(ApprovalRequestUuid ApprovalRequest, string Message = "Approval request created.", bool Success = true);

internal sealed record ApprovalRequestUuid(string Uuid);

internal sealed record ApprovalRequestStatusResponse(ApprovalRequestStatusBody ApprovalRequest, bool Success = true);

/// <summary>The status fields with the types clients check (spec §3.16): underscore-prefixed names as Authy wrote them.</summary>
internal sealed record ApprovalRequestStatusBody(
    [property: JsonPropertyName("_app_name")] string AppName,
    [property: JsonPropertyName("_app_serial_id")] int AppSerialId,
    [property: JsonPropertyName("_authy_id")] long AuthyId,
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("_user_email"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserEmail,
    string AppId,
    string CreatedAt,
    bool Notified,
    string? ProcessedAt,
    int SecondsToExpire,
    string Status,
    string UpdatedAt,
    string UserId,
    string Uuid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] VerifiedDevice? Device);

/// <summary><c>{"app":{…},"message":"Application information.","success":true}</c>; authy-client compares the message.</summary>
internal sealed record AppDetailsResponse(AppDetails App, string Message = "Application information.", bool Success = true);

internal sealed record AppDetails(string Name, string Plan, bool SmsEnabled, bool PhoneCallsEnabled, int AppId, bool OnetouchEnabled);

/// <summary>
/// <c>{"message":"Phone number information as of … UTC","type":…,"provider":…,"ported":false,"success":true}</c>;
/// <c>provider</c> is a string, empty when the carrier is unknown: authy-client 1.1.4 refuses a null one.
/// </summary>
internal sealed record PhoneInfoResponse(string Message, string Type, string Provider, bool Ported = false, bool Success = true);

/// <summary>
/// <c>{"carrier":…,"is_cellphone":true,"is_ported":false,"message":"Text message sent to +1 201-555-0123.","seconds_to_expire":600,"uuid":…,"success":true}</c>;
/// rust needs <c>carrier</c> to be a string, never null.
/// </summary>
internal sealed record PhoneVerificationStartedResponse(
    string Carrier, bool IsCellphone, bool IsPorted, string Message, int SecondsToExpire, string Uuid, bool Success = true);

/// <summary><c>{"message":"Phone Verification status.","status":"pending","seconds_to_expire":412,"success":true}</c></summary>
internal sealed record PhoneVerificationStatusResponse(string Message, string Status, int SecondsToExpire, bool Success = true);

/// <summary>
/// <c>{"message":"Monthly statistics.","count":12,"total_users":115,"app_id":3,"success":true,"stats":[…]}</c>;
/// authy-client compares the message.
/// </summary>
internal sealed record AppStatsResponse(string Message, int Count, long TotalUsers, int AppId, bool Success, IReadOnlyList<AppStatsRow> Stats);

/// <summary>One month: exactly these seven keys (authy-client checks them with lodash equalKeys), the month in English.</summary>
internal sealed record AppStatsRow(long SmsCount, long CallsCount, long UsersCount, long AuthsCount, string Month, long ApiCallsCount, int Year);
