using System.Diagnostics.CodeAnalysis;
using Authy.Application.Users;

namespace Authy.Application.Tokens;

/// <summary>
/// What verify keeps of a member in the node's memory (ADR 0021): the facts that change only through a use case that
/// announces the change (<see cref="IMemberChanges"/>). The seed stays encrypted here, as in the database.
/// </summary>
/// <remarks>
/// Nothing here decides whether a code is accepted: the fast path's one statement re-checks the member id, status and
/// seed version in the database, so a stale entry can cost a statement but never accept a wrong code. The one-use step,
/// the failure count and the latest device are not here at all: they change on every verify.
/// </remarks>
/// <param name="MemberId">The <c>app_users</c> row: a member deleted and registered again has a new one.</param>
/// <param name="Status">Active or banned.</param>
/// <param name="CreatedAt">When the member joined (verify's answer without a device).</param>
/// <param name="EncryptedSeed">The Authy seed as stored, encrypted; decrypted per verify, never kept decrypted.</param>
/// <param name="SeedVersion">Raised by every rotation (ADR 0019).</param>
/// <param name="Registered">The member had a successful verify (registered_at is set; it is never cleared).</param>
public sealed record CachedVerifyMember(
    long MemberId,
    AppUserStatus Status,
    DateTimeOffset CreatedAt,
    byte[] EncryptedSeed,
    int SeedVersion,
    bool Registered)
{
    /// <summary>The cacheable facts of a member another use case read anyway (sms and call: the next request is verify).</summary>
    public static CachedVerifyMember Of(AppUser member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new(member.Id, member.Status, member.CreatedAt, member.EncryptedSeed, member.SeedVersion, member.RegisteredAt is not null);
    }
}

/// <summary>The node's bounded cache of <see cref="CachedVerifyMember"/> by application and Authy ID.</summary>
public interface IVerifyMemberCache
{
    bool TryGet(int appId, long authyId, [NotNullWhen(true)] out CachedVerifyMember? member);

    void Set(int appId, long authyId, CachedVerifyMember member);

    /// <summary>Forgets the member on this node only; <see cref="IMemberChanges"/> forgets it on every node.</summary>
    void Remove(int appId, long authyId);
}

/// <summary>
/// Announces that a member's cached facts changed (its seed rotated, its status changed, or it was deleted): every
/// node forgets it (PostgreSQL <c>NOTIFY</c>; on SQLite, the one node). Call it after the change is committed.
/// </summary>
public interface IMemberChanges
{
    Task PublishAsync(int appId, long authyId, CancellationToken cancellationToken);
}
