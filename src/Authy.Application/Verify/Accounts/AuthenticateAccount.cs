using Authy.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Verify.Accounts;

/// <summary>The account a Verify request acts for.</summary>
public sealed record AuthenticatedAccount(int Id, string Sid, string FriendlyName);

/// <summary>
/// HTTP Basic credentials of the Verify API: an Account SID and its auth token, or an API key SID (<c>SK…</c>) and its
/// secret, which acts for the key's account. Anything else is refused the same way, whether the SID exists or not.
/// </summary>
public sealed class AuthenticateAccount(IAuthyDb db)
{
    /// <summary>A hash no secret has, compared when the SID is unknown so that both refusals do the same work.</summary>
    private static readonly byte[] NoSecret = new byte[32];

    public async Task<AuthenticatedAccount?> ExecuteAsync(string username, string password, CancellationToken cancellationToken)
    {
        if (Sids.IsWellFormed(username, Sids.Account))
        {
            var sid = ManageAccounts.Normalize(username);
            var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Sid == sid, cancellationToken);
            return AccountCredentials.Matches(account?.AuthTokenHash ?? NoSecret, password) && account is not null
                ? new AuthenticatedAccount(account.Id, account.Sid, account.FriendlyName)
                : null;
        }

        if (Sids.IsWellFormed(username, Sids.ApiKey))
        {
            var sid = ManageAccounts.Normalize(username);
            var found = await db.AccountApiKeys.AsNoTracking()
                .Where(k => k.Sid == sid)
                .Join(db.Accounts, k => k.AccountId, a => a.Id, (k, a) => new { k.SecretHash, Account = a })
                .FirstOrDefaultAsync(cancellationToken);
            return AccountCredentials.Matches(found?.SecretHash ?? NoSecret, password) && found is not null
                ? new AuthenticatedAccount(found.Account.Id, found.Account.Sid, found.Account.FriendlyName)
                : null;
        }

        return null;
    }
}
