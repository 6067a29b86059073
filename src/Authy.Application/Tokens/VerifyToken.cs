using System.Globalization;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Apps.Usage;
using Authy.Application.Errors;
using Authy.Application.Observability;
using Authy.Application.Otp;
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
/// </summary>
public sealed class VerifyToken(
    IAuthyDb db,
    IVerifySubjects subjects,
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
        var failureKey = string.Create(CultureInfo.InvariantCulture, $"verify-failed:app:{app.Id}:user:{authyId}");
        var failureWindow = TimeSpan.FromSeconds(app.Settings.FailedVerifyWindowSeconds);
        var member = await subjects.FindAsync(app.Id, authyId, failureKey, failureWindow, cancellationToken);
        if (member is null)
        {
            return AuthyErrors.UserNotFound;
        }

        if (member.Status == AppUserStatus.Banned)
        {
            return AuthyErrors.UserBlocked;
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
            return AuthyErrors.TokenInvalid;
        }

        var failures = member.RecentFailures;
        if (failures >= app.Settings.MaxFailedVerifies)
        {
            AuthyMetrics.ThrottleHit(ThrottleLimits.VerifyFailures);
            return AuthyErrors.DosProtection;
        }

        var now = time.GetUtcNow();
        var window = TimeSpan.FromSeconds(app.Settings.TokenWindowSeconds);
        var secret = await ChooseSecretAsync(member, command, cancellationToken);
        if (secret is null)
        {
            return await RefuseAsync(app, authyId, failureKey, failureWindow, cancellationToken);
        }

        var check = TotpVerifier.Verify(secret.Key, command.Token, now, window, secret.Parameters, secret.LastAcceptedStep);
        switch (check.Result)
        {
            case TotpCheck.Invalid:
                return await RefuseAsync(app, authyId, failureKey, failureWindow, cancellationToken);
            case TotpCheck.Reused:
                return AuthyErrors.TokenReused;
            case TotpCheck.Valid:
                break;
        }

        // The conditional update is the one-use guarantee: of two requests with the same step, the database lets
        // exactly one move the secret's last accepted step forward.
        if (await secret.ConsumeAsync(check.Step!.Value) == 0)
        {
            return AuthyErrors.TokenReused;
        }

        if (member.RegisteredAt is null)
        {
            await db.AppUsers.Where(m => m.Id == member.MemberId && m.RegisteredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.RegisteredAt, now), cancellationToken);
        }

        if (failures > 0)
        {
            await throttle.ResetAsync(failureKey, cancellationToken); // a success clears earlier mistakes
        }

        usage.Record(app.Id, UsageKind.Auth);
        await webhooks.RaiseAsync(app.Id, WebhookEventNames.TokenVerified, authyId, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new TokenVerified(Checked: true, device, member.CreatedAt);
    }

    /// <summary>
    /// A wrong code: counted toward the lock-out and reported as <c>token_invalid</c>. The failure that locks the member
    /// out is also reported as <c>too_many_code_verifications</c> — once: the attempts refused while locked raise
    /// nothing, so a brute-force run cannot turn into unbounded webhook traffic.
    /// </summary>
    private async Task<AuthyError> RefuseAsync(AuthenticatedApp app, long authyId, string failureKey, TimeSpan failureWindow, CancellationToken cancellationToken)
    {
        var failures = await throttle.HitAsync(failureKey, failureWindow, cancellationToken);
        await webhooks.RaiseAsync(app.Id, WebhookEventNames.TokenInvalid, authyId, null, cancellationToken);
        if (failures == app.Settings.MaxFailedVerifies)
        {
            await webhooks.RaiseAsync(app.Id, WebhookEventNames.TooManyCodeVerifications, authyId, null, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return AuthyErrors.TokenInvalid;
    }

    /// <summary>
    /// Which secret a token belongs to, by its length: 6 digits come from the member's QR secret (third-party apps),
    /// anything else from the Authy seed (app, SMS, voice, e-mail; with the action's key when one is given).
    /// </summary>
    private async Task<SecretToCheck?> ChooseSecretAsync(VerifySubject member, VerifyTokenCommand command, CancellationToken cancellationToken)
    {
        if (command.Token.Length == TotpParameters.Generic.Digits && string.IsNullOrEmpty(command.Action))
        {
            var generic = await db.GenericSecrets.AsNoTracking()
                .Where(g => g.AppUserId == member.MemberId)
                .Select(g => new { g.Id, g.EncryptedSeed, g.LastAcceptedStep })
                .FirstOrDefaultAsync(cancellationToken);
            return generic is null ? null : new SecretToCheck(
                protector.Unprotect(generic.EncryptedSeed, SecretPurposes.Seed),
                TotpParameters.Generic,
                generic.LastAcceptedStep,
                step => db.GenericSecrets
                    .Where(g => g.Id == generic.Id && (g.LastAcceptedStep == null || g.LastAcceptedStep < step))
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.LastAcceptedStep, step), cancellationToken));
        }

        var seed = protector.Unprotect(member.EncryptedSeed, SecretPurposes.Seed);
        return new SecretToCheck(
            TokenCodes.KeyFor(seed, command.Action),
            TokenCodes.Parameters(options.Value.PeriodSeconds),
            member.LastAcceptedStep,
            step => db.AppUsers
                .Where(m => m.Id == member.MemberId && (m.LastAcceptedStep == null || m.LastAcceptedStep < step))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastAcceptedStep, step), cancellationToken));
    }

    private sealed record SecretToCheck(byte[] Key, TotpParameters Parameters, long? LastAcceptedStep, Func<long, Task<int>> ConsumeAsync);

    private static bool IsWellFormed(string token) =>
        token.Length is >= MinTokenLength and <= MaxTokenLength && token.All(char.IsAsciiDigit);
}
