using System.Globalization;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Apps.Usage;
using Authy.Application.Observability;
using Authy.Application.Otp;
using Authy.Application.Outcomes;
using Authy.Application.Users;
using Authy.Application.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.Tokens;

/// <summary>The parameters of verify/{token}/{id}.</summary>
public sealed record VerifyTokenCommand(string Token, bool Force, string? Action);

/// <summary>
/// A passed verify. <see cref="Checked"/> is false only under the legacy unregistered-user policy, when the token
/// was not looked at. <see cref="Device"/> is the user's latest device, null when the code came by SMS, call or e-mail.
/// </summary>
public sealed record TokenVerified(bool Checked, DeviceSummary? Device, DateTimeOffset MemberSince);

/// <summary>
/// verify/{token}/{id}. Checks the code against every step in the window, refuses a step at or before the last
/// accepted one (atomically, so two concurrent verifies of one code cannot both pass, on any node), and locks the
/// member out with 429 after too many failures in the window — during which even a correct code is refused.
/// The limit holds under concurrency: each failure is counted by one atomic increment before it is answered, a failure
/// counted past the limit is answered 429 rather than 401, and a correct code is accepted only by an update that also
/// finds the member under the limit. Of N parallel wrong guesses, exactly the limit are answered as checked.
/// </summary>
/// <remarks>
/// A member in the node's cache (<see cref="IVerifyMemberCache"/>, ADR 0021) whose code matches its cached seed is
/// accepted by one statement that re-checks everything the cache might have wrong. Anything else — a miss, a code that
/// does not match the cached seed, a statement that accepted nothing — runs the full path, which is correct on its own.
/// </remarks>
public sealed class VerifyToken(
    IAuthyDb db,
    IVerifySubjects subjects,
    IVerifyMemberCache members,
    ISecretProtector protector,
    IThrottle throttle,
    IUsageMeter usage,
    WebhookEvents webhooks,
    TimeProvider time,
    IOptions<TokenOptions> options)
{
    public const int MinTokenLength = 6;
    public const int MaxTokenLength = 10;

    public async Task<Outcome<TokenVerified>> ExecuteAsync(AuthenticatedApp app, long authyId, VerifyTokenCommand command, CancellationToken cancellationToken)
    {
        var lockout = new VerifyLockout(
            string.Create(CultureInfo.InvariantCulture, $"verify-failed:app:{app.Id}:user:{authyId}"),
            TimeSpan.FromSeconds(app.Settings.FailedVerifyWindowSeconds),
            app.Settings.MaxFailedVerifies);
        if (members.TryGet(app.Id, authyId, out var cached))
        {
            if (await TryCachedAsync(app, authyId, cached, command, lockout, cancellationToken) is { } verified)
            {
                AuthyMetrics.VerifyCache(AuthyMetrics.VerifyCacheHit);
                return verified;
            }

            AuthyMetrics.VerifyCache(AuthyMetrics.VerifyCacheFallback);
        }
        else
        {
            AuthyMetrics.VerifyCache(AuthyMetrics.VerifyCacheMiss);
        }

        var member = await subjects.FindAsync(app.Id, authyId, lockout, cancellationToken);
        if (member is null)
        {
            members.Remove(app.Id, authyId);
            return Failures.UserNotFound;
        }

        // Refreshed on every full read, so an entry that went stale without a notification (a lost NOTIFY) costs at
        // most one wasted statement.
        members.Set(app.Id, authyId, new CachedVerifyMember(
            member.MemberId, member.Status, member.CreatedAt, member.EncryptedSeed, member.SeedVersion, member.RegisteredAt is not null));

        if (member.Status == AppUserStatus.Banned)
        {
            return Failures.UserBlocked;
        }

        if (SendToken.ValidateAction(command.Action, null) is { } invalidAction)
        {
            return invalidAction;
        }

        var device = member.LatestDevice;
        if (app.Settings.UnregisteredUsers == UnregisteredUserPolicy.AuthyLegacy
            && !command.Force && member.RegisteredAt is null && device is null)
        {
            return new TokenVerified(Checked: false, device, member.CreatedAt);
        }

        if (!IsWellFormed(command.Token))
        {
            return Failures.TokenIncorrect;
        }

        var now = time.GetUtcNow();
        if (member.RecentFailures.Count >= lockout.Limit)
        {
            return LockedOut(member.RecentFailures, now);
        }

        var secret = await ChooseSecretAsync(app, member, command, cancellationToken);
        if (secret is null)
        {
            return await RefuseAsync(app, authyId, lockout, cancellationToken);
        }

        var check = TotpVerifier.Verify(secret.Key, command.Token, now, secret.Window, secret.Parameters, secret.LastAcceptedStep);
        switch (check.Result)
        {
            case TotpCheck.Invalid:
                return await RefuseAsync(app, authyId, lockout, cancellationToken);
            case TotpCheck.Reused:
                return Failures.TokenReused;
            case TotpCheck.Valid:
                break;
        }

        // The conditional update is the one-use guarantee and the lock-out's last word: of two requests with the same
        // step the database lets exactly one move the secret's last accepted step forward, and none while locked out.
        if (!await subjects.TryConsumeStepAsync(secret.Kind, secret.Id, member.SeedVersion, check.Step!.Value, lockout, cancellationToken))
        {
            return await RefusedAtConsumeAsync(app, authyId, member, secret, lockout, now, cancellationToken);
        }

        if (member.RegisteredAt is null)
        {
            await db.AppUsers.Where(m => m.Id == member.MemberId && m.RegisteredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.RegisteredAt, now), cancellationToken);
        }

        return await AcceptedAsync(app, authyId, member.RecentFailures.Count > 0, lockout, device, member.CreatedAt, cancellationToken);
    }

    /// <summary>What follows an accepted code on either path: the counter reset, usage, the webhook event, the answer.</summary>
    private async Task<TokenVerified> AcceptedAsync(
        AuthenticatedApp app, long authyId, bool hadRecentFailures, VerifyLockout lockout, DeviceSummary? device, DateTimeOffset memberSince, CancellationToken cancellationToken)
    {
        if (hadRecentFailures)
        {
            await throttle.ResetAsync(lockout.Key, cancellationToken); // a success clears earlier mistakes
        }

        usage.Record(app.Id, UsageKind.Auth);
        await webhooks.RaiseAsync(app.Id, WebhookEventNames.TokenVerified, authyId, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new TokenVerified(Checked: true, device, memberSince);
    }

    /// <summary>
    /// The fast path: checks the code against the cached seed and, if it matches a step, accepts it with one statement
    /// that holds every guard of the full path (newer step, not locked out, member still active with the cached seed
    /// version). Null sends the request down the full path. A code that does not match is not counted here: the seed
    /// may have been replaced on another node, so only the full path, which reads the seed, may call it wrong.
    /// </summary>
    private async Task<TokenVerified?> TryCachedAsync(
        AuthenticatedApp app, long authyId, CachedVerifyMember cached, VerifyTokenCommand command, VerifyLockout lockout, CancellationToken cancellationToken)
    {
        if (cached.Status == AppUserStatus.Banned
            || !IsWellFormed(command.Token)
            || (command.Token.Length == TotpParameters.Generic.Digits && string.IsNullOrEmpty(command.Action)) // the QR secret: not cached
            || SendToken.ValidateAction(command.Action, null) is not null
            || (app.Settings.UnregisteredUsers == UnregisteredUserPolicy.AuthyLegacy && !command.Force && !cached.Registered))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var seed = protector.Unprotect(cached.EncryptedSeed, SecretPurposes.Seed);
        var check = TotpVerifier.Verify(
            TokenCodes.KeyFor(seed, command.Action),
            command.Token,
            now,
            TimeSpan.FromSeconds(app.Settings.TokenWindowSeconds),
            TokenCodes.Parameters(options.Value.PeriodSeconds),
            lastAcceptedStep: null); // the database's condition decides reuse
        if (check.Result != TotpCheck.Valid)
        {
            return null;
        }

        var consumed = await subjects.TryConsumeCachedAsync(cached, check.Step!.Value, lockout, cancellationToken);
        if (consumed is null)
        {
            return null;
        }

        if (!cached.Registered)
        {
            members.Set(app.Id, authyId, cached with { Registered = true }); // the statement set registered_at
        }

        return await AcceptedAsync(app, authyId, consumed.HadRecentFailures, lockout, consumed.LatestDevice, cached.CreatedAt, cancellationToken);
    }

    /// <summary>
    /// Why the conditional update accepted nothing: the member is locked out (429), the seed was replaced after it was
    /// read (the code belongs to a seed that no longer exists: a wrong code, counted), or the step was used.
    /// </summary>
    private async Task<Failure> RefusedAtConsumeAsync(
        AuthenticatedApp app, long authyId, VerifySubject member, SecretToCheck secret, VerifyLockout lockout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var failures = await throttle.CountAsync(lockout.Key, lockout.Window, cancellationToken);
        if (failures.Count >= lockout.Limit)
        {
            return LockedOut(failures, now);
        }

        if (secret.Kind == VerifySecret.AuthySeed
            && await db.AppUsers.AsNoTracking().AnyAsync(m => m.Id == member.MemberId && m.SeedVersion != member.SeedVersion, cancellationToken))
        {
            return await RefuseAsync(app, authyId, lockout, cancellationToken);
        }

        return Failures.TokenReused;
    }

    private static Failure LockedOut(ThrottleCount failures, DateTimeOffset now)
    {
        AuthyMetrics.ThrottleHit(ThrottleLimits.VerifyFailures);
        return Failures.Throttled(failures.RetryAfter(now));
    }

    /// <summary>
    /// A wrong code: counted toward the lock-out and reported as <c>token_invalid</c>. The failure that locks the member
    /// out is also reported as <c>too_many_code_verifications</c> — once. A failure counted past the limit (a guess that
    /// raced others) is answered as the lock-out it met and raises nothing, so a brute-force run learns no more than
    /// the limit allows and cannot turn into unbounded webhook traffic.
    /// </summary>
    private async Task<Failure> RefuseAsync(AuthenticatedApp app, long authyId, VerifyLockout lockout, CancellationToken cancellationToken)
    {
        var failures = await throttle.HitAsync(lockout.Key, lockout.Window, cancellationToken);
        if (failures.Count > lockout.Limit)
        {
            return LockedOut(failures, time.GetUtcNow());
        }

        await webhooks.RaiseAsync(app.Id, WebhookEventNames.TokenInvalid, authyId, null, cancellationToken);
        if (failures.Count == lockout.Limit)
        {
            await webhooks.RaiseAsync(app.Id, WebhookEventNames.TooManyCodeVerifications, authyId, null, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Failures.TokenIncorrect;
    }

    /// <summary>
    /// Which secret a token belongs to, by its length: 6 digits come from the member's QR secret (third-party apps),
    /// anything else from the Authy seed (app, SMS, voice, e-mail; with the action's key when one is given). A QR code
    /// is checked over a tighter window (<see cref="AppSettings.GenericTokenWindowSteps"/>): 6 digits are guessed more easily.
    /// </summary>
    private async Task<SecretToCheck?> ChooseSecretAsync(AuthenticatedApp app, VerifySubject member, VerifyTokenCommand command, CancellationToken cancellationToken)
    {
        if (command.Token.Length == TotpParameters.Generic.Digits && string.IsNullOrEmpty(command.Action))
        {
            var generic = await db.GenericSecrets.AsNoTracking()
                .Where(g => g.AppUserId == member.MemberId)
                .Select(g => new { g.Id, g.EncryptedSeed, g.LastAcceptedStep })
                .FirstOrDefaultAsync(cancellationToken);
            return generic is null ? null : new SecretToCheck(
                VerifySecret.Generic,
                generic.Id,
                protector.Unprotect(generic.EncryptedSeed, SecretPurposes.Seed),
                TotpParameters.Generic,
                TimeSpan.FromSeconds(app.Settings.GenericTokenWindowSteps * TotpParameters.Generic.StepSeconds),
                generic.LastAcceptedStep);
        }

        var seed = protector.Unprotect(member.EncryptedSeed, SecretPurposes.Seed);
        return new SecretToCheck(
            VerifySecret.AuthySeed,
            member.MemberId,
            TokenCodes.KeyFor(seed, command.Action),
            TokenCodes.Parameters(options.Value.PeriodSeconds),
            TimeSpan.FromSeconds(app.Settings.TokenWindowSeconds),
            member.LastAcceptedStep);
    }

    private sealed record SecretToCheck(VerifySecret Kind, long Id, byte[] Key, TotpParameters Parameters, TimeSpan Window, long? LastAcceptedStep);

    private static bool IsWellFormed(string token) =>
        token.Length is >= MinTokenLength and <= MaxTokenLength && token.All(char.IsAsciiDigit);
}
