using System.Text;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Webhooks;

/// <summary>An application's two dashboard secrets in clear, for the one time they are shown (creation or rotation).</summary>
public sealed record DashboardCredentials(string AccessKey, string ApiSigningKey);

/// <summary>What <c>apps show</c> prints: whether an access key is set (its hint), and the API signing key itself.</summary>
public sealed record DashboardKeysView(int AppId, string Name, string ApiKeyHint, string? AccessKeyHint, string? ApiSigningKey, string AccountSid);

/// <summary>
/// The Webhooks API's two per-application secrets besides the API key (spec §3.18, ADR 0012): the <b>access key</b>,
/// sent as <c>access_key</c> and stored only as a hash, and the <b>API signing key</b>, which keys the request HMAC and
/// is therefore stored encrypted. Both are 32 random alphanumerics from the CSPRNG, like API keys.
/// </summary>
public sealed class DashboardKeys(IAuthyDb db, ISecretProtector protector)
{
    /// <summary>Gives <paramref name="app"/> a new access key and returns it in clear; the caller saves.</summary>
    public static string IssueAccessKey(App app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var key = ApiKeys.Generate();
        app.AccessKeyHash = ApiKeys.Hash(key);
        app.AccessKeyHint = ApiKeys.Hint(key);
        return key;
    }

    /// <summary>Gives <paramref name="app"/> a new API signing key and returns it in clear; the caller saves.</summary>
    public static string IssueSigningKey(App app, ISecretProtector protector)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(protector);
        var key = ApiKeys.Generate();
        app.EncryptedApiSigningKey = protector.Protect(Encoding.UTF8.GetBytes(key), SecretPurposes.ApiSigningKey);
        return key;
    }

    /// <summary>A new access key, printed once; the old one stops working at once. Null when the application does not exist.</summary>
    public Task<string?> RotateAccessKeyAsync(int appId, CancellationToken cancellationToken) =>
        RotateAsync(appId, IssueAccessKey, cancellationToken);

    /// <summary>A new API signing key; requests signed with the old one are refused at once. Null when the application does not exist.</summary>
    public Task<string?> RotateSigningKeyAsync(int appId, CancellationToken cancellationToken) =>
        RotateAsync(appId, app => IssueSigningKey(app, protector), cancellationToken);

    public async Task<DashboardKeysView?> ShowAsync(int appId, CancellationToken cancellationToken)
    {
        var app = await db.Apps.AsNoTracking()
            .Where(a => a.Id == appId)
            .Select(a => new { a.Id, a.Name, a.ApiKeyHint, a.AccessKeyHint, a.EncryptedApiSigningKey })
            .FirstOrDefaultAsync(cancellationToken);
        return app is null ? null : new DashboardKeysView(
            app.Id, app.Name, app.ApiKeyHint, app.AccessKeyHint, ReadSigningKey(app.EncryptedApiSigningKey), AccountSids.Account(app.Id));
    }

    /// <summary>The API signing key in clear, or null when the application has none yet.</summary>
    public string? ReadSigningKey(byte[]? encrypted) =>
        encrypted is null ? null : Encoding.UTF8.GetString(protector.Unprotect(encrypted, SecretPurposes.ApiSigningKey));

    private async Task<string?> RotateAsync(int appId, Func<App, string> issue, CancellationToken cancellationToken)
    {
        var app = await db.Apps.FirstOrDefaultAsync(a => a.Id == appId, cancellationToken);
        if (app is null)
        {
            return null;
        }

        var key = issue(app);
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }
}
