using System.Globalization;
using Authy.Application.Abstractions;
using Authy.Application.Delivery;
using Authy.Application.Messaging;
using Authy.Application.Messaging.Templates;
using Authy.Application.Observability;
using Authy.Application.Outcomes;
using Authy.Application.Phones;
using Microsoft.Extensions.Options;

namespace Authy.Application.Devices;

/// <summary>
/// Device registration: the phone and channel, parsed by the surface; the locale as sent; and the address the request
/// came from (after trusted proxies), which the send guard counts; null when unknown.
/// </summary>
public sealed record StartDeviceRegistrationCommand(NormalizedPhone Phone, CodeChannel Channel, string? Locale, System.Net.IPAddress? Client);

public sealed record DeviceRegistrationStarted(Guid RegistrationId, int ExpiresIn, string Via, string Cellphone);

/// <summary>
/// Step one of registering a device: proves the phone. A random 6-digit code goes out by SMS or call; only its HMAC
/// (keyed by the registration id) is stored. The route carries no API key, so anyone can call it: registrations are
/// throttled per phone number, and the send passes the <see cref="SendGuard"/> like every other code, with the limits
/// for requests without a key (the server's allowed countries and channels, sends per client address).
/// </summary>
public sealed class StartDeviceRegistration(
    IAuthyDb db,
    CodeDelivery delivery,
    ISecretProtector protector,
    TimeProvider time,
    IOptions<DeviceOptions> options)
{
    public const int CodeDigits = 6;

    /// <summary>
    /// Reads a registration's number as the device API sends it: a calling code the server supports, and a national
    /// number of a possible length (the lenient rule: no application's strictness applies to a request without a key).
    /// </summary>
    public static Outcome<NormalizedPhone> ParsePhone(string? countryCode, string? phoneNumber)
    {
        if (PhoneNumberParser.TryParseCountryCode(countryCode, out var code) != PhoneProblem.None)
        {
            return Failures.Invalid("CountryCode", "is not a supported calling code");
        }

        return PhoneNumberParser.TryNormalize(code, phoneNumber, out var phone) == PhoneProblem.None ? phone : Failures.InvalidPhoneNumber;
    }

    public async Task<Outcome<DeviceRegistrationStarted>> ExecuteAsync(StartDeviceRegistrationCommand command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (phone, channel) = (command.Phone, command.Channel);
        var via = PhoneChannels.Via(channel);
        // The route has no key: the guard's limits for strangers apply first (CodeDelivery), then the registrations
        // per phone.
        var limits = new SendLimits(
            TimeSpan.FromSeconds(settings.RegistrationWindowSeconds),
            ThrottleLimits.DeviceRegistrations,
            [new(string.Create(CultureInfo.InvariantCulture, $"device-registration:phone:{phone.CountryCode}:{phone.NationalNumber}"), settings.MaxRegistrationsPerPhone)]);
        var send = new CodeSend(App: null, channel, CodeRecipient.ToPhone(phone), command.Locale, limits, Client: command.Client);
        var admitted = await delivery.AdmitAsync(send, cancellationToken);
        if (!admitted.IsAdmitted)
        {
            return admitted.Refusal!;
        }

        var now = time.GetUtcNow();
        var id = Guid.NewGuid();
        var code = OneTimeCodes.Draw(CodeDigits);
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
        var queued = delivery.Queue(admitted, new DeviceRegistrationMessage(settings.ServiceName, code));
        await delivery.CommitAsync(queued, cancellationToken);
        return new DeviceRegistrationStarted(id, settings.RegistrationSeconds, via, queued.Send.To.Masked);
    }

    /// <summary>The code's MAC, bound to the registration (see <see cref="OneTimeCodes.Mac"/>).</summary>
    internal static byte[] HashCode(ISecretProtector protector, Guid registrationId, string code) =>
        OneTimeCodes.Mac(protector, SecretPurposes.DeviceRegistrationCode, registrationId, code);
}

/// <summary>The code that proves a phone to a new device, signed with the server's service name.</summary>
internal sealed class DeviceRegistrationMessage(string serviceName, string code) : CodeMessage(code)
{
    public override string Sms(string locale) => MessageTemplates.PhoneVerificationSms(locale, serviceName, Code);

    public override string Voice(string locale) => MessageTemplates.VoiceToken(locale, serviceName, Code);
}
