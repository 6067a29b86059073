using Authy.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Verify.Accounts;

/// <summary>An account with its auth token, as created or rotated: the only moment the token is shown.</summary>
public sealed record AccountWithToken(string Sid, string FriendlyName, string AuthToken);

public sealed record AccountSummary(string Sid, string FriendlyName, int ApiKeys, DateTimeOffset CreatedAt);

/// <summary>An API key with its secret, as created: the only moment the secret is shown.</summary>
public sealed record ApiKeyWithSecret(string Sid, string AccountSid, string FriendlyName, string Secret);

/// <summary>The operator's commands on Verify accounts and their API keys (<c>accounts …</c>, <c>api-keys …</c>).</summary>
public sealed class ManageAccounts(IAuthyDb db, TimeProvider time)
{
    public const int MaxNameLength = 64;

    public async Task<AccountWithToken> CreateAsync(string friendlyName, CancellationToken cancellationToken)
    {
        var token = AccountCredentials.NewSecret();
        var now = time.GetUtcNow();
        var account = new Account
        {
            Sid = Sids.New(Sids.Account),
            FriendlyName = Fit(friendlyName),
            AuthTokenHash = AccountCredentials.Hash(token),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return new AccountWithToken(account.Sid, account.FriendlyName, token);
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken) =>
        await db.Accounts.AsNoTracking()
            .OrderBy(a => a.Id)
            .Select(a => new AccountSummary(a.Sid, a.FriendlyName, db.AccountApiKeys.Count(k => k.AccountId == a.Id), a.CreatedAt))
            .ToListAsync(cancellationToken);

    /// <summary>A new auth token; the old one stops working at once. Null when no account has that SID.</summary>
    public async Task<AccountWithToken?> RotateTokenAsync(string sid, CancellationToken cancellationToken)
    {
        var account = await FindAsync(sid, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var token = AccountCredentials.NewSecret();
        account.AuthTokenHash = AccountCredentials.Hash(token);
        account.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new AccountWithToken(account.Sid, account.FriendlyName, token);
    }

    /// <summary>A new API key of the account; null when no account has that SID.</summary>
    public async Task<ApiKeyWithSecret?> CreateApiKeyAsync(string accountSid, string? friendlyName, CancellationToken cancellationToken)
    {
        var account = await FindAsync(accountSid, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var secret = AccountCredentials.NewSecret();
        var key = new AccountApiKey
        {
            Sid = Sids.New(Sids.ApiKey),
            AccountId = account.Id,
            FriendlyName = Fit(friendlyName ?? string.Empty),
            SecretHash = AccountCredentials.Hash(secret),
            CreatedAt = time.GetUtcNow(),
        };
        db.AccountApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new ApiKeyWithSecret(key.Sid, account.Sid, key.FriendlyName, secret);
    }

    /// <summary>Deletes an API key; it stops working at once. False when no key has that SID.</summary>
    public async Task<bool> DeleteApiKeyAsync(string sid, CancellationToken cancellationToken)
    {
        var normalized = Normalize(sid);
        return await db.AccountApiKeys.Where(k => k.Sid == normalized).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>Creates the "Demo" account when there is none yet (the embedded default's first start); null otherwise.</summary>
    public async Task<AccountWithToken?> EnsureDemoAccountAsync(CancellationToken cancellationToken) =>
        await db.Accounts.AnyAsync(cancellationToken) ? null : await CreateAsync("Demo", cancellationToken);

    private Task<Account?> FindAsync(string sid, CancellationToken cancellationToken)
    {
        var normalized = Normalize(sid);
        return db.Accounts.FirstOrDefaultAsync(a => a.Sid == normalized, cancellationToken);
    }

    /// <summary>SIDs are minted in lowercase hex; an operator may paste one in capitals.</summary>
    internal static string Normalize(string sid) =>
        sid.Length > 2 ? sid[..2].ToUpperInvariant() + sid[2..].ToLowerInvariant() : sid;

    private static string Fit(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length <= MaxNameLength ? trimmed : trimmed[..MaxNameLength];
    }
}
