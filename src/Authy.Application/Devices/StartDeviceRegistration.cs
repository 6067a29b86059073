using System.Globalization;
using System.Security.Cryptography;
using Authy.Application.Abstractions;
using Authy.Application.Messaging;
using Authy.Application.Messaging.Templates;
using Authy.Application.Observability;
using Authy.Application.Outcomes;
using Authy.Application.Phones;
using Microsoft.Extensions.Options;

namespace Authy.Application.Devices;

/// <summary>
/// The parameters of device registration, as sent, and the address the request came from (after trusted proxies),
/// which the send guard counts; null when unknown.
/// </summary>
public sealed record StartDeviceRegistrationCommand(string? CountryCode, string? PhoneNumber, string? Via, string? Locale, System.Net.IPAddress? Client);

public sealed record DeviceRegistrationStarted(Guid RegistrationId, int ExpiresIn, string Via, string Cellphone);

/// <summary>
/// Step one of registering a device: proves the phone. A random 6-digit code goes out by SMS or call; only its HMAC
/// (keyed by the registration id) is stored. The route carries no API key, so anyone can call it: registrations are
/// throttled per phone number, and the send passes the <see cref="SendGuard"/> like every other code, with the limits
/// for requests without a key (the server's allowed countries and channels, sends per client address).
/// </summary>
public sealed class StartDeviceRegistration(
    IAuthyDb db,
    IThrottle throttle,
    SendGuard guard,
    ISecretProtector protector,
    OutboxWriter outbox,
    TimeProvider time,
    IOptions<DeviceOptions> options)
{
    public const int CodeDigits = 6;

    public async Task<Outcome<DeviceRegistrationStarted>> ExecuteAsync(StartDeviceRegistrationCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var via = string.IsNullOrWhiteSpace(command.Via) ? "sms" : command.Via.Trim().ToLowerInvariant();
        if (via is not ("sms" or "call"))
        {
            return Failures.Invalid("Via", "must be sms or call");
        }

        if (PhoneNumberParser.TryParseCountryCode(command.CountryCode, out var countryCode) != PhoneProblem.None)
        {
            return Failures.Invalid("CountryCode", "is not a supported calling code");
        }

        if (PhoneNumberParser.TryNormalize(countryCode, command.PhoneNumber, out var phone) != PhoneProblem.None)
        {
            return Failures.InvalidPhoneNumber;
        }

        var key = string.Create(CultureInfo.InvariantCulture, $"device-registration:phone:{phone.CountryCode}:{phone.NationalNumber}");
        // The guard first: its per-address limit stops a client before it can spend the per-phone registrations of
        // someone else's number.
        if (await guard.CheckUnauthenticatedAsync(phone, via == "sms" ? PaidChannel.Sms : PaidChannel.Call, command.Client, cancellationToken) is { } refused)
        {
            return refused;
        }

        var registrations = await throttle.HitAsync(key, TimeSpan.FromSeconds(settings.RegistrationWindowSeconds), cancellationToken);
        var now = time.GetUtcNow();
        if (registrations.Count > settings.MaxRegistrationsPerPhone)
        {
            AuthyMetrics.ThrottleHit(ThrottleLimits.DeviceRegistrations);
            return Failures.Throttled(registrations.RetryAfter(now));
        }

        var id = Guid.NewGuid();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        db.DeviceRegistrations.Add(new DeviceRegistration
        {
            Id = id,
            CountryCode = phone.CountryCode,
            PhoneNumber = phone.NationalNumber,
            Via = via,
            CodeHash = HashCode(protector, id, code),
            ExpiresAt = now.AddSeconds(settings.RegistrationSeconds),
            CreatedAt = now,
        });
        var locale = Locales.Resolve(command.Locale, phone.CountryCode);
        var cellphone = Masking.Cellphone(phone.CountryCode, phone.NationalNumber);
        var text = MessageTemplates.PhoneVerificationSms(locale, settings.ServiceName, code);
        if (via == "sms")
        {
            outbox.Add(new SmsMessage(phone.E164, text, locale), cellphone, null, null);
        }
        else
        {
            outbox.Add(new VoiceMessage(phone.E164, MessageTemplates.VoiceToken(locale, settings.ServiceName, code), code, locale), cellphone, null, null);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new DeviceRegistrationStarted(id, settings.RegistrationSeconds, via, cellphone);
    }

    /// <summary>The code's MAC under the master key, bound to the registration: a database dump cannot test guesses.</summary>
    internal static byte[] HashCode(ISecretProtector protector, Guid registrationId, string code) =>
        protector.Mac([.. registrationId.ToByteArray(), .. System.Text.Encoding.UTF8.GetBytes(code)], SecretPurposes.DeviceRegistrationCode);
}
