using System.Globalization;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Errors;
using Authy.Application.Observability;
using Authy.Application.Phones;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Authy.Application.Messaging;

/// <summary>SMS or voice: the channels that cost money per send.</summary>
public enum PaidChannel
{
    Sms,
    Call,
}

/// <summary>
/// The cost and fraud checks every SMS or call passes before it is queued, so a refused send never reaches a provider:
/// the application's allowed countries, the server's per-prefix velocity limit, and the application's monthly cap.
/// Counters live in the database (<see cref="IThrottle"/>), shared by every node. Each refusal is logged with the
/// masked number.
/// </summary>
public sealed partial class SendGuard(IThrottle throttle, TimeProvider time, IOptions<SendGuardOptions> options, ILogger<SendGuard> logger)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Null when the send may go ahead (and is now counted); otherwise the error to answer.</summary>
    public async Task<AuthyError?> CheckAsync(AuthenticatedApp app, NormalizedPhone phone, PaidChannel channel, CancellationToken cancellationToken)
    {
        var masked = Masking.Cellphone(phone.CountryCode, phone.NationalNumber);
        if (!IsAllowedCountry(app.Settings.AllowedCountries, phone))
        {
            LogRefused(logger, app.Id, masked, "country not allowed");
            return AuthyErrors.CountryNotAllowed;
        }

        var settings = options.Value;
        if (settings.MaxSendsPerPrefix > 0)
        {
            var digits = phone.E164[1..];
            var prefix = digits[..Math.Min(settings.PrefixDigits, digits.Length)];
            var sends = await throttle.HitAsync("send:prefix:" + prefix, TimeSpan.FromSeconds(settings.PrefixWindowSeconds), cancellationToken);
            if (sends > settings.MaxSendsPerPrefix)
            {
                LogRefused(logger, app.Id, masked, "prefix velocity limit");
                AuthyMetrics.ThrottleHit(ThrottleLimits.SendPrefix);
                return AuthyErrors.DosProtection;
            }
        }

        if (app.Settings.MonthlySendCap > 0)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var key = string.Create(CultureInfo.InvariantCulture, $"send:month:{app.Id}:{now:yyyy-MM}");
            // The key names the month, so the window only has to outlast it.
            if (await throttle.HitAsync(key, TimeSpan.FromDays(32), cancellationToken) > app.Settings.MonthlySendCap)
            {
                LogRefused(logger, app.Id, masked, "monthly send cap");
                AuthyMetrics.ThrottleHit(ThrottleLimits.MonthlySendCap);
                return channel == PaidChannel.Sms ? AuthyErrors.MonthlySmsLimitReached : AuthyErrors.MonthlyCallsLimitReached;
            }
        }

        return null;
    }

    /// <summary>This month's counted sends of an application, for operators.</summary>
    public Task<int> MonthlySendsAsync(int appId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return throttle.CountAsync(string.Create(CultureInfo.InvariantCulture, $"send:month:{appId}:{now:yyyy-MM}"), TimeSpan.FromDays(32), cancellationToken);
    }

    internal static bool IsAllowedCountry(string allowedCountries, NormalizedPhone phone)
    {
        if (string.IsNullOrWhiteSpace(allowedCountries))
        {
            return true;
        }

        var region = Util.GetRegionCodeForNumber(Util.Parse(phone.E164, null));
        return allowedCountries.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(allowed => string.Equals(allowed, region, StringComparison.OrdinalIgnoreCase));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send refused for app {AppId} to {MaskedPhone}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int appId, string maskedPhone, string reason);
}
