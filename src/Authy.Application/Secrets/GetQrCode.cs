using Authy.Application.Abstractions;
using Authy.Application.Otp;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Secrets;

/// <summary>What a QR image encodes, and how large to draw it.</summary>
public sealed record QrCodeContent(string OtpAuthUri, int Size);

/// <summary>
/// The content behind a QR image URL: a standard <c>otpauth://totp/…</c> URI (6 digits, 30 s, SHA-1) that Google
/// Authenticator, Authy and FreeOTP accept. Null once the 24 hours have passed, or when a newer secret replaced it.
/// </summary>
public sealed class GetQrCode(IAuthyDb db, ISecretProtector protector, TimeProvider time)
{
    public async Task<QrCodeContent?> ExecuteAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = CreateGenericSecret.HashToken(token);
        var now = time.GetUtcNow();
        var secret = await db.GenericSecrets.AsNoTracking()
            .Where(g => g.QrTokenHash == hash && g.QrExpiresAt > now)
            .Select(g => new { g.EncryptedSeed, g.Label, g.QrSize, Issuer = db.AppUsers.Where(m => m.Id == g.AppUserId).Select(m => m.App.Name).First() })
            .FirstOrDefaultAsync(cancellationToken);
        if (secret is null)
        {
            return null;
        }

        var seed = protector.Unprotect(secret.EncryptedSeed, SecretPurposes.Seed);
        return new QrCodeContent(OtpAuthUri(secret.Issuer, secret.Label, seed), secret.QrSize);
    }

    /// <summary>Key URI format: <c>otpauth://totp/Issuer:Label?secret=…&amp;issuer=…&amp;algorithm=SHA1&amp;digits=6&amp;period=30</c>.</summary>
    public static string OtpAuthUri(string issuer, string label, ReadOnlySpan<byte> seed)
    {
        var parameters = TotpParameters.Generic;
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(label)}?secret={OtpSecret.ToBase32(seed)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={parameters.Digits}&period={parameters.StepSeconds}");
    }
}
