using System.Globalization;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Observability;
using Authy.Application.Users;

namespace Authy.Application.Tokens;

/// <summary>
/// Limits on sent codes, per member and per phone number across applications, so a leaked API key or a scripted
/// login form cannot turn the server into an SMS cannon.
/// </summary>
public sealed class SendLimits(IThrottle throttle)
{
    /// <summary>Counts one send; false when either limit is now exceeded (the caller answers 429 and sends nothing).</summary>
    public async Task<bool> TryConsumeAsync(AuthenticatedApp app, AppUser member, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromSeconds(app.Settings.SendWindowSeconds);
        var perMember = await throttle.HitAsync(
            string.Create(CultureInfo.InvariantCulture, $"send:member:{member.Id}"), window, cancellationToken);
        var perPhone = await throttle.HitAsync(
            string.Create(CultureInfo.InvariantCulture, $"send:phone:{member.User.CountryCode}:{member.User.PhoneNumber}"), window, cancellationToken);
        if (perMember <= app.Settings.MaxSendsPerUser && perPhone <= app.Settings.MaxSendsPerPhone)
        {
            return true;
        }

        AuthyMetrics.ThrottleHit(ThrottleLimits.CodeSends);
        return false;
    }
}
