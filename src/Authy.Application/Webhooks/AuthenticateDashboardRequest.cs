using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Outcomes;
using Authy.Application.Signatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.Webhooks;

/// <summary>
/// What a Webhooks-API request presents: the two keys from its parameters, the two signature headers, and what the
/// signature covers. <see cref="SignedUrls"/> are the URLs the client may have signed (scheme, host, path; no query).
/// </summary>
public sealed record DashboardRequest(
    string? AppApiKey,
    string? AccessKey,
    string? Nonce,
    string? Signature,
    string Method,
    IReadOnlyList<string> SignedUrls,
    JsonObject Parameters);

/// <summary>
/// Authenticates a Webhooks-API request (spec §3.18, ADR 0012): <c>app_api_key</c> names the application,
/// <c>access_key</c> must match its access key, <c>X-Authy-Signature</c> must be the HMAC of
/// <c>nonce|METHOD|url|sorted_params</c> under its API signing key over every parameter received, and the nonce must be
/// new for that application (and, when it is a Unix time, close to the server's clock). Every comparison of a secret is
/// constant-time; the nonce is spent only once everything else passed, so a forged request cannot burn one.
/// </summary>
public sealed class AuthenticateDashboardRequest(
    IAuthyDb db,
    AuthenticateApp authenticateApp,
    DashboardKeys dashboardKeys,
    TimeProvider time,
    IOptions<WebhookOptions> options)
{
    public async Task<Outcome<AuthenticatedApp>> ExecuteAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        var app = await authenticateApp.ExecuteAsync(request.AppApiKey ?? string.Empty, cancellationToken);
        if (app is null)
        {
            return Failures.ApplicationKeyInvalid;
        }

        var keys = await db.Apps.AsNoTracking()
            .Where(a => a.Id == app.Id)
            .Select(a => new { a.AccessKeyHash, a.EncryptedApiSigningKey })
            .FirstAsync(cancellationToken);
        if (keys.AccessKeyHash is null || keys.EncryptedApiSigningKey is null)
        {
            return Failures.DashboardKeysNotSet;
        }

        if (string.IsNullOrEmpty(request.AccessKey))
        {
            return Failures.AccessKeyMissing;
        }

        if (!CryptographicOperations.FixedTimeEquals(ApiKeys.Hash(request.AccessKey), keys.AccessKeyHash))
        {
            return Failures.AccessKeyInvalid;
        }

        var nonce = request.Nonce;
        if (string.IsNullOrEmpty(nonce) || nonce.Length > DashboardNonces.MaxLength)
        {
            return Failures.SignatureNonceMissing;
        }

        var signingKey = dashboardKeys.ReadSigningKey(keys.EncryptedApiSigningKey)!;
        var signed = false;
        foreach (var url in request.SignedUrls)
        {
            foreach (var canonical in CanonicalForms(request.Parameters))
            {
                // No short-circuit: every candidate costs one constant-time check, whichever matches.
                signed |= AuthySignature.Verify(signingKey, nonce, request.Method, url, canonical, request.Signature);
            }
        }

        if (!signed)
        {
            return Failures.SignatureInvalid;
        }

        var now = time.GetUtcNow();
        var settings = options.Value;
        var expiresAt = now.AddHours(settings.NonceRetentionHours);
        if (DashboardNonces.TryReadTimestamp(nonce, out var timestamp))
        {
            if ((timestamp - now).Duration() > TimeSpan.FromSeconds(settings.NonceClockSkewSeconds))
            {
                return Failures.SignatureNonceOutOfWindow;
            }

            // Kept until the nonce's own time has left the window too: a future-dated nonce cannot come back later.
            expiresAt = (timestamp > now ? timestamp : now).AddHours(settings.NonceRetentionHours);
        }

        return await TrySpendNonceAsync(app.Id, DashboardNonces.Hash(nonce), now, expiresAt, cancellationToken)
            ? app
            : Failures.SignatureNonceReused;
    }

    /// <summary>
    /// The parameter strings a client may have signed (ADR 0012): Rails <c>to_query</c>, which keeps array values in
    /// the order sent (authy-client's qs and the Rails server did that), and every encoded pair sorted, array values
    /// included, which is what "URL-encoded and sorted" in the docs gives when taken literally. Both cover exactly the
    /// parameters received; they differ only in the order of repeated <c>events[]</c> values.
    /// </summary>
    private static IEnumerable<string> CanonicalForms(JsonObject parameters)
    {
        var rails = AuthyCanonicalParams.FromJson(parameters);
        yield return rails;
        var sorted = string.Join('&', rails.Split('&').Order(StringComparer.Ordinal));
        if (sorted != rails)
        {
            yield return sorted;
        }
    }

    /// <summary>
    /// Records the nonce; false when this application already used it. The primary key (application, hash) makes
    /// this atomic across nodes: of two concurrent requests with one nonce, one insert fails.
    /// </summary>
    private async Task<bool> TrySpendNonceAsync(int appId, byte[] hash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (await IsUsedAsync(appId, hash, now, cancellationToken))
        {
            return false; // the usual replay, answered without a failed insert
        }

        // This nonce's own row, if its retention ended before the clean-up (Retention:IntervalMinutes) deleted it: the
        // nonce may be used again, so the old row gives way. Other expired rows are the clean-up's.
        await db.WebhookApiNonces.Where(n => n.AppId == appId && n.NonceHash == hash && n.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);

        var row = new WebhookApiNonce { AppId = appId, NonceHash = hash, ExpiresAt = expiresAt };
        db.WebhookApiNonces.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.WebhookApiNonces.Entry(row).State = EntityState.Detached;
            // A concurrent request with the same nonce won. Any other failure (the database going away) is not a replay.
            if (await IsUsedAsync(appId, hash, now, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    private Task<bool> IsUsedAsync(int appId, byte[] hash, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.WebhookApiNonces.AnyAsync(n => n.AppId == appId && n.NonceHash == hash && n.ExpiresAt > now, cancellationToken);
}
