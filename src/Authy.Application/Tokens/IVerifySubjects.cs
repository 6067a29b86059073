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
    int RecentFailures);

/// <summary>
/// Reads a <see cref="VerifySubject"/> in one statement. verify is the hottest request, and its reads were three round
/// trips through EF Core (which cannot express "the latest device" without numbering all of them); this port is the
/// one hand-written read of the use cases (ADR 0017).
/// </summary>
public interface IVerifySubjects
{
    /// <summary>
    /// The member of <paramref name="appId"/> with <paramref name="authyId"/>, or null. <see cref="VerifySubject.RecentFailures"/>
    /// is <see cref="Abstractions.IThrottle.CountAsync"/> of <paramref name="failureKey"/> over <paramref name="failureWindow"/>.
    /// </summary>
    Task<VerifySubject?> FindAsync(int appId, long authyId, string failureKey, TimeSpan failureWindow, CancellationToken cancellationToken);
}
