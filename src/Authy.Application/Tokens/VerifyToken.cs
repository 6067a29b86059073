using System.Globalization;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Errors;
using Authy.Application.Otp;
using Authy.Application.Users;
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
    ISecretProtector protector,
    IThrottle throttle,
    TimeProvider time,
    IOptions<TokenOptions> options)
{
    public const int MinTokenLength = 6;
    public const int MaxTokenLength = 10;

    public async Task<Outcome<TokenVerified>> ExecuteAsync(AuthenticatedApp app, long authyId, VerifyTokenCommand command, CancellationToken cancellationToken)
    {
        var member = await db.AppUsers.AsNoTracking()
            .Include(m => m.User)
            .FirstOrDefaultAsync(m => m.AppId == app.Id && m.UserId == authyId, cancellationToken);
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

        var device = await db.Devices.AsNoTracking()
            .Where(d => d.UserId == authyId)
            .OrderByDescending(d => d.Id)
            .Select(d => new DeviceSummary(d.Id, d.OsType, d.RegistrationMethod, d.CreatedAt, d.LastSyncedAt))
            .FirstOrDefaultAsync(cancellationToken);

        if (app.Settings.UnregisteredUsers == UnregisteredUserPolicy.AuthyLegacy
            && !command.Force && member.RegisteredAt is null && device is null)
        {
            return new TokenVerified(Checked: false, device, member.CreatedAt);
        }

        if (!IsWellFormed(command.Token))
        {
            return AuthyErrors.TokenInvalid;
        }

        var failureKey = string.Create(CultureInfo.InvariantCulture, $"verify-failed:member:{member.Id}");
        var failureWindow = TimeSpan.FromSeconds(app.Settings.FailedVerifyWindowSeconds);
        var failures = await throttle.CountAsync(failureKey, failureWindow, cancellationToken);
        if (failures >= app.Settings.MaxFailedVerifies)
        {
            return AuthyErrors.DosProtection;
        }

        var now = time.GetUtcNow();
        var seed = protector.Unprotect(member.EncryptedSeed, SecretPurposes.Seed);
        var check = TotpVerifier.Verify(
            TokenCodes.KeyFor(seed, command.Action),
            command.Token,
            now,
            TimeSpan.FromSeconds(app.Settings.TokenWindowSeconds),
            TokenCodes.Parameters(options.Value.PeriodSeconds),
            member.LastAcceptedStep);

        switch (check.Result)
        {
            case TotpCheck.Invalid:
                await throttle.HitAsync(failureKey, failureWindow, cancellationToken);
                return AuthyErrors.TokenInvalid;
            case TotpCheck.Reused:
                return AuthyErrors.TokenReused;
            case TotpCheck.Valid:
                break;
        }

        // The conditional update is the one-use guarantee: of two requests with the same step, the database lets
        // exactly one move last_accepted_step forward.
        var step = check.Step!.Value;
        var accepted = await db.AppUsers
            .Where(m => m.Id == member.Id && (m.LastAcceptedStep == null || m.LastAcceptedStep < step))
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.LastAcceptedStep, step)
                      .SetProperty(m => m.RegisteredAt, m => m.RegisteredAt ?? now),
                cancellationToken);
        if (accepted == 0)
        {
            return AuthyErrors.TokenReused;
        }

        if (failures > 0)
        {
            await throttle.ResetAsync(failureKey, cancellationToken); // a success clears earlier mistakes
        }

        return new TokenVerified(Checked: true, device, member.CreatedAt);
    }

    private static bool IsWellFormed(string token) =>
        token.Length is >= MinTokenLength and <= MaxTokenLength && token.All(char.IsAsciiDigit);
}
