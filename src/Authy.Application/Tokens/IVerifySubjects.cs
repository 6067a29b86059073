using Authy.Application.Abstractions;
using Authy.Application.Users;

namespace Authy.Application.Tokens;

/// <summary>
/// What verify needs to know before it checks a code: the member, its user's latest device and the member's failed
/// verifies in the current lock-out window.
/// </summary>
public sealed record VerifySubject(
    long MemberId,
    AppUserStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RegisteredAt,
    byte[] EncryptedSeed,
    long? LastAcceptedStep,
    DeviceSummary? LatestDevice,
    ThrottleCount RecentFailures,
    int SeedVersion);

/// <summary>The member's failed-verify counter and its limit: at <see cref="Limit"/> failures the member is locked out.</summary>
public sealed record VerifyLockout(string Key, TimeSpan Window, int Limit);

/// <summary>
/// What the fast path's statement returns besides the acceptance: the user's latest device (for the answer) and
/// whether the member had failures in the lock-out window (then the counter is reset, as on the full path).
/// </summary>
public sealed record ConsumedStep(DeviceSummary? LatestDevice, bool HadRecentFailures);

/// <summary>Which secret a step is consumed on.</summary>
public enum VerifySecret
{
    /// <summary>The member's Authy seed (app, SMS, voice, e-mail codes): <c>app_users</c>.</summary>
    AuthySeed,

    /// <summary>The member's QR secret for third-party apps: <c>generic_secrets</c>.</summary>
    Generic,
}

/// <summary>
/// verify's hand-written statements (ADR 0017): the one read before a code is checked, and the conditional update that
/// accepts a checked code. verify is the hottest request, and EF Core can express neither "the latest device" without
/// numbering all of them nor a condition on the throttle table inside the update.
/// </summary>
public interface IVerifySubjects
{
    /// <summary>The member of <paramref name="appId"/> with <paramref name="authyId"/>, or null, with its failures under <paramref name="lockout"/>.</summary>
    Task<VerifySubject?> FindAsync(int appId, long authyId, VerifyLockout lockout, CancellationToken cancellationToken);

    /// <summary>
    /// Accepts <paramref name="step"/> of the secret with id <paramref name="secretId"/>, in one statement and only if the
    /// step is newer than the last accepted one (one use per code) and the member is not locked out at that moment (its
    /// failures are under the limit). Of concurrent verifies on any node, at most one moves a secret to a step, and none
    /// is accepted after the failures that reached the limit: a correct guess among many parallel ones passes only if it
    /// was among the first <see cref="VerifyLockout.Limit"/> counted. For the Authy seed, the seed must also still be
    /// <paramref name="seedVersion"/>, the one the code was checked against (a device removal replaces it). False when
    /// any condition failed.
    /// </summary>
    Task<bool> TryConsumeStepAsync(VerifySecret secret, long secretId, int seedVersion, long step, VerifyLockout lockout, CancellationToken cancellationToken);

    /// <summary>
    /// The fast path (ADR 0021): accepts <paramref name="step"/> of the Authy seed of <paramref name="member"/>, checked
    /// against the cached seed, in one statement that also reads what the answer needs. The conditions of
    /// <see cref="TryConsumeStepAsync"/> hold, plus the member still exists with the cached status and seed version; the
    /// first acceptance sets <c>registered_at</c>. Null when any condition failed (nothing was changed).
    /// </summary>
    Task<ConsumedStep?> TryConsumeCachedAsync(CachedVerifyMember member, long step, VerifyLockout lockout, CancellationToken cancellationToken);
}
