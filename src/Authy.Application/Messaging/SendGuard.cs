using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Observability;
using Authy.Application.Outcomes;
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
/// The one gate every SMS or call with a code passes before it is queued, whichever route asked for it, so a refused
/// send never reaches a provider. Server-wide, for every sender: sends per number and per number prefix (SMS pumping
/// targets ranges of premium numbers). For an application: its allowed countries and monthly cap. For a request with no
/// API key (device registration): the server's allowed channels and countries, sends per client address (nothing else
/// identifies who is asking), and only a share of each number's and prefix's budgets, so that strangers cannot use up
/// what applications need to reach their users. Requests with an API key are never limited by address, since an
/// application's backend sends all its users' codes from a few addresses.
/// Counters live in the database (<see cref="IThrottle"/>), shared by every node, and each is counted before it is
/// checked, so concurrent sends cannot pass a limit together. Each refusal is logged with the masked number.
/// </summary>
public sealed partial class SendGuard(IThrottle throttle, TimeProvider time, IOptions<SendGuardOptions> options, ILogger<SendGuard> logger)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>A send an application asked for with its API key. Null when it may go ahead (and is now counted); otherwise the error to answer.</summary>
    public async Task<Failure?> CheckAsync(AuthenticatedApp app, NormalizedPhone phone, PaidChannel channel, CancellationToken cancellationToken)
    {
        var masked = Masking.Cellphone(phone.CountryCode, phone.NationalNumber);
        if (!IsAllowedCountry(app.Settings.AllowedCountries, phone))
        {
            LogRefused(logger, app.Id.ToString(CultureInfo.InvariantCulture), masked, "country not allowed");
            return Failures.CountryNotAllowed;
        }

        // The application's own cap first: an application past it must not spend the budgets it shares with others.
        if (app.Settings.MonthlySendCap > 0)
        {
            var now = time.GetUtcNow();
            var month = await throttle.HitAsync(MonthKey(app.Id, now), TimeSpan.FromDays(32), cancellationToken);
            if (month.Count > app.Settings.MonthlySendCap)
            {
                LogRefused(logger, app.Id.ToString(CultureInfo.InvariantCulture), masked, "monthly send cap");
                AuthyMetrics.ThrottleHit(ThrottleLimits.MonthlySendCap);
                var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
                var error = channel == PaidChannel.Sms ? Failures.MonthlySmsLimitReached : Failures.MonthlyCallsLimitReached;
                return error with { RetryAfter = nextMonth - now };
            }
        }

        return await CheckNumberAsync(phone, masked, app.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    /// <summary>
    /// A send no API key asked for (a device proving its phone) from <paramref name="client"/> (null when unknown, as in
    /// tests without a connection). Null when it may go ahead (and is now counted); otherwise the error to answer.
    /// </summary>
    public async Task<Failure?> CheckUnauthenticatedAsync(NormalizedPhone phone, PaidChannel channel, IPAddress? client, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var masked = Masking.Cellphone(phone.CountryCode, phone.NationalNumber);
        if (!IsAllowedChannel(settings.UnauthenticatedChannels, channel))
        {
            LogRefused(logger, "none", masked, "channel not allowed without an API key");
            return channel == PaidChannel.Sms ? Failures.SmsDisabled : Failures.CallsDisabled;
        }

        if (!IsAllowedCountry(settings.UnauthenticatedCountries, phone))
        {
            LogRefused(logger, "none", masked, "country not allowed without an API key");
            return Failures.CountryNotAllowed;
        }

        // The address is counted first: a client that cycles through numbers must not be able to spread its sends.
        if (client is not null
            && await HitAsync("send:address:" + AddressKey(client), settings.MaxUnauthenticatedSendsPerAddress, settings.AddressWindowSeconds, ThrottleLimits.SendAddress, cancellationToken) is { } perAddress)
        {
            LogRefused(logger, "none", masked, "client address limit");
            return perAddress;
        }

        // Then their own share of the number's and the prefix's budgets, before the shared counts: a client without a
        // key may use only part of what applications need to reach that number.
        var digits = phone.E164[1..];
        if (await HitAsync("send:unauthenticated:number:" + digits, settings.MaxUnauthenticatedSendsPerNumber, settings.NumberWindowSeconds, ThrottleLimits.SendNumber, cancellationToken) is { } perNumber)
        {
            LogRefused(logger, "none", masked, "number limit without an API key");
            return perNumber;
        }

        if (await HitAsync("send:unauthenticated:prefix:" + Prefix(digits), settings.MaxUnauthenticatedSendsPerPrefix, settings.PrefixWindowSeconds, ThrottleLimits.SendPrefix, cancellationToken) is { } perPrefix)
        {
            LogRefused(logger, "none", masked, "prefix limit without an API key");
            return perPrefix;
        }

        return await CheckNumberAsync(phone, masked, "none", cancellationToken);
    }

    /// <summary>This month's counted sends of an application, for operators.</summary>
    public async Task<int> MonthlySendsAsync(int appId, CancellationToken cancellationToken) =>
        (await throttle.CountAsync(MonthKey(appId, time.GetUtcNow()), TimeSpan.FromDays(32), cancellationToken)).Count;

    /// <summary>The server-wide limits on one number and on its prefix, whoever asks.</summary>
    private async Task<Failure?> CheckNumberAsync(NormalizedPhone phone, string masked, string requester, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var digits = phone.E164[1..];
        // The number, then the prefix only while the number is within its limit: one round trip for both. A limit of 0
        // means no limit, and nothing is counted for it.
        var limits = new List<(ThrottleHit Hit, string Metric, string Reason)>(2);
        if (settings.MaxSendsPerNumber > 0)
        {
            limits.Add((new("send:number:" + digits, TimeSpan.FromSeconds(settings.NumberWindowSeconds), settings.MaxSendsPerNumber), ThrottleLimits.SendNumber, "number limit"));
        }

        if (settings.MaxSendsPerPrefix > 0)
        {
            limits.Add((new("send:prefix:" + Prefix(digits), TimeSpan.FromSeconds(settings.PrefixWindowSeconds), settings.MaxSendsPerPrefix), ThrottleLimits.SendPrefix, "prefix velocity limit"));
        }

        if (limits.Count == 0)
        {
            return null;
        }

        var counts = await throttle.HitWhileWithinAsync(limits.ConvertAll(l => l.Hit), cancellationToken);
        for (var i = 0; i < limits.Count; i++)
        {
            if (counts[i].Count > limits[i].Hit.Limit)
            {
                var refusal = Refusal(counts[i], limits[i].Metric);
                LogRefused(logger, requester, masked, limits[i].Reason);
                return refusal;
            }
        }

        return null;
    }

    /// <summary>Counts one send on <paramref name="key"/>; the 429 to answer when that passes <paramref name="limit"/> (0: no limit, nothing counted).</summary>
    private async Task<Failure?> HitAsync(string key, int limit, int windowSeconds, string metric, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return null;
        }

        var sends = await throttle.HitAsync(key, TimeSpan.FromSeconds(windowSeconds), cancellationToken);
        if (sends.Count <= limit)
        {
            return null;
        }

        return Refusal(sends, metric);
    }

    private Failure Refusal(ThrottleCount sends, string metric)
    {
        AuthyMetrics.ThrottleHit(metric);
        return Failures.Throttled(sends.RetryAfter(time.GetUtcNow()));
    }

    private string Prefix(string digits) => digits[..Math.Min(options.Value.PrefixDigits, digits.Length)];

    private static string MonthKey(int appId, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"send:month:{appId}:{now.UtcDateTime:yyyy-MM}");

    /// <summary>
    /// The counted unit of a client address: the address itself for IPv4, its /64 for IPv6 (one subscriber's whole
    /// allocation, which a client can rotate through freely).
    /// </summary>
    internal static string AddressKey(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
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

    private static bool IsAllowedChannel(string allowedChannels, PaidChannel channel)
    {
        var name = channel == PaidChannel.Sms ? "sms" : "call";
        return allowedChannels.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(allowed => string.Equals(allowed, name, StringComparison.OrdinalIgnoreCase));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Send refused for app {AppId} to {MaskedPhone}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string appId, string maskedPhone, string reason);
}
