using System.ComponentModel.DataAnnotations;
using Authy.Application.Abstractions;
using Authy.Application.Outbound;
using Authy.Application.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.Apps;

/// <summary>A new or re-keyed application, with its API key in clear for the one time it is shown.</summary>
public sealed record AppWithKey(int Id, string Name, string ApiKey)
{
    /// <summary>The Webhooks API's access key and API signing key, issued with a new application only.</summary>
    public DashboardCredentials? Dashboard { get; init; }
}

/// <summary>An application as <c>apps list</c> shows it.</summary>
public sealed record AppSummary(int Id, string Name, string ApiKeyHint, DateTimeOffset CreatedAt);

/// <summary>Operator actions on applications (the <c>apps</c> CLI and the embedded default's demo app).</summary>
public sealed class ManageApps(IAuthyDb db, ISecretProtector protector, ApiKeyCache keys, TimeProvider time, IOptions<OutboundOptions> outbound)
{
    public async Task<AppWithKey> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var key = ApiKeys.Generate();
        var app = new App
        {
            Name = name.Trim(),
            ApiKeyHash = ApiKeys.Hash(key),
            ApiKeyHint = ApiKeys.Hint(key),
            EncryptedApiKey = protector.Protect(System.Text.Encoding.UTF8.GetBytes(key), SecretPurposes.ApiKey),
            CreatedAt = time.GetUtcNow(),
        };
        var dashboard = new DashboardCredentials(DashboardKeys.IssueAccessKey(app), DashboardKeys.IssueSigningKey(app, protector));
        db.Apps.Add(app);
        await db.SaveChangesAsync(cancellationToken);
        return new AppWithKey(app.Id, app.Name, key) { Dashboard = dashboard };
    }

    public async Task<IReadOnlyList<AppSummary>> ListAsync(CancellationToken cancellationToken) =>
        await db.Apps.AsNoTracking()
            .OrderBy(a => a.Id)
            .Select(a => new AppSummary(a.Id, a.Name, a.ApiKeyHint, a.CreatedAt))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Replaces the key. The old one stops working at once on this process, and on running servers within
    /// <see cref="AppOptions.KeyCacheSeconds"/>.
    /// </summary>
    public async Task<AppWithKey?> RotateKeyAsync(int appId, CancellationToken cancellationToken)
    {
        var app = await db.Apps.FirstOrDefaultAsync(a => a.Id == appId, cancellationToken);
        if (app is null)
        {
            return null;
        }

        var key = ApiKeys.Generate();
        app.ApiKeyHash = ApiKeys.Hash(key);
        app.ApiKeyHint = ApiKeys.Hint(key);
        app.EncryptedApiKey = protector.Protect(System.Text.Encoding.UTF8.GetBytes(key), SecretPurposes.ApiKey);
        await db.SaveChangesAsync(cancellationToken);
        keys.Clear();
        return new AppWithKey(app.Id, app.Name, key);
    }

    /// <summary>
    /// Applies settings changes (tests and the future admin surface); out-of-range values throw and nothing is saved. The
    /// OneTouch callback URL passes the same check as a webhook URL (<see cref="OutboundUrls"/>).
    /// </summary>
    public async Task<bool> UpdateSettingsAsync(int appId, Action<AppSettings> change, CancellationToken cancellationToken)
    {
        var app = await db.Apps.FirstOrDefaultAsync(a => a.Id == appId, cancellationToken);
        if (app is null)
        {
            return false;
        }

        change(app.Settings);
        Validator.ValidateObject(app.Settings, new ValidationContext(app.Settings), validateAllProperties: true);
        if (!string.IsNullOrEmpty(app.Settings.OneTouchCallbackUrl)
            && OutboundUrls.Refusal(app.Settings.OneTouchCallbackUrl, outbound.Value.AllowPrivateNetworks) is { } refusal)
        {
            throw new ValidationException($"{nameof(AppSettings.OneTouchCallbackUrl)} {refusal}");
        }

        await db.SaveChangesAsync(cancellationToken);
        keys.Clear();
        return true;
    }

    public async Task<AppSettings?> GetSettingsAsync(int appId, CancellationToken cancellationToken) =>
        await db.Apps.AsNoTracking().Where(a => a.Id == appId).Select(a => a.Settings).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Creates the "Demo" application when there is none yet; null when applications exist.</summary>
    public async Task<AppWithKey?> EnsureDemoAppAsync(CancellationToken cancellationToken) =>
        await db.Apps.AnyAsync(cancellationToken) ? null : await CreateAsync("Demo", cancellationToken);
}
