using System.Security.Cryptography;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Otp;
using Authy.Application.Outcomes;
using Authy.Application.Users;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Secrets;

/// <summary>The parameters of users/{id}/secret, as sent.</summary>
public sealed record CreateGenericSecretCommand(string? QrSize, string? Label);

/// <summary>A new QR secret: the label and issuer shown in the authenticator app, and the token of its image URL.</summary>
public sealed record GenericSecretCreated(string Label, string Issuer, string QrToken);

/// <summary>
/// users/{id}/secret: a new 20-byte seed for Google Authenticator-style apps, replacing the member's previous one, with a
/// QR image reachable for 24 hours through a random token (only its hash is stored).
/// </summary>
public sealed class CreateGenericSecret(IAuthyDb db, ISecretProtector protector, TimeProvider time)
{
    public const int DefaultQrSize = 256;
    public const int MinQrSize = 64;
    public const int MaxQrSize = 320;
    public const int MaxLabelLength = 100;
    public static readonly TimeSpan QrLifetime = TimeSpan.FromHours(24);

    public async Task<Outcome<GenericSecretCreated>> ExecuteAsync(AuthenticatedApp app, long authyId, CreateGenericSecretCommand command, CancellationToken cancellationToken)
    {
        if (!app.Settings.GenericTokensEnabled)
        {
            return Failures.GenericTokensDisabled;
        }

        var size = DefaultQrSize;
        if (!string.IsNullOrWhiteSpace(command.QrSize)
            && (!int.TryParse(command.QrSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size)
                || size is < MinQrSize or > MaxQrSize))
        {
            return Failures.Invalid("QrSize", $"must be a whole number of pixels from {MinQrSize} to {MaxQrSize}");
        }

        var label = string.IsNullOrWhiteSpace(command.Label) ? app.Name : command.Label.Trim();
        if (label.Length > MaxLabelLength)
        {
            return Failures.Invalid("Label", $"must be at most {MaxLabelLength} characters");
        }

        var found = await db.FindActiveMemberAsync(app.Id, authyId, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Failure!;
        }

        var member = found.Value;

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var secret = await db.GenericSecrets.FirstOrDefaultAsync(g => g.AppUserId == member.Id, cancellationToken);
        if (secret is null)
        {
            secret = new GenericSecret { AppUserId = member.Id, EncryptedSeed = [], Label = label, QrTokenHash = [] };
            db.GenericSecrets.Add(secret);
        }

        // Replacing the row's seed invalidates the previous secret and its QR image at once.
        secret.EncryptedSeed = protector.Protect(OtpSecret.NewSeed(), SecretPurposes.Seed);
        secret.LastAcceptedStep = null;
        secret.Label = label;
        secret.QrSize = size;
        secret.QrTokenHash = HashToken(token);
        secret.QrExpiresAt = now + QrLifetime;
        secret.CreatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new GenericSecretCreated(label, app.Name, token);
    }

    internal static byte[] HashToken(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
