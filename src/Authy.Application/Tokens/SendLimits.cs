using System.Globalization;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Observability;
using Authy.Application.Outcomes;
using Authy.Application.Users;

namespace Authy.Application.Tokens;

/// <summary>
/// Limits on sent codes, per member and per phone number across applications, so a leaked API key or a scripted
/// login form cannot turn the server into an SMS cannon.
/// </summary>
public sealed class SendLimits(IThrottle throttle, TimeProvider time)
{
    /// <summary>Counts one send; null when it may go ahead, else the 429 to answer (nothing is sent).</summary>
    public async Task<Failure?> TryConsumeAsync(AuthenticatedApp app, AppUser member, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromSeconds(app.Settings.SendWindowSeconds);
        // Both are always counted: one round trip.
        var counts = await throttle.HitAllAsync(
            [
                string.Create(CultureInfo.InvariantCulture, $"send:member:{member.Id}"),
                string.Create(CultureInfo.InvariantCulture, $"send:phone:{member.User.CountryCode}:{member.User.PhoneNumber}"),
            ],
            window,
            cancellationToken);
        var (perMember, perPhone) = (counts[0], counts[1]);
        var memberExceeded = perMember.Count > app.Settings.MaxSendsPerUser;
        var phoneExceeded = perPhone.Count > app.Settings.MaxSendsPerPhone;
        if (!memberExceeded && !phoneExceeded)
        {
            return null;
        }

        // When both are exceeded, the send may go again only once both windows have ended.
        var now = time.GetUtcNow();
        var retryAfter = TimeSpan.Zero;
        if (memberExceeded)
        {
            retryAfter = perMember.RetryAfter(now);
        }

        if (phoneExceeded && perPhone.RetryAfter(now) > retryAfter)
        {
            retryAfter = perPhone.RetryAfter(now);
        }

        AuthyMetrics.ThrottleHit(ThrottleLimits.CodeSends);
        return Failures.Throttled(retryAfter);
    }
}
