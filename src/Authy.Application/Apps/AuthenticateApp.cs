using Authy.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Apps;

/// <summary>Finds the application an API key belongs to, by the key's hash (cached for a few seconds, <see cref="ApiKeyCache"/>).</summary>
public sealed class AuthenticateApp(IAuthyDb db, ApiKeyCache cache)
{
    public async Task<AuthenticatedApp?> ExecuteAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 256)
        {
            return null;
        }

        // Looking up by hash keeps the comparison in the index; the stored value never is the key itself.
        var hash = ApiKeys.Hash(apiKey);
        return await cache.GetAsync(hash, LoadAsync, cancellationToken);

        async Task<AuthenticatedApp?> LoadAsync(CancellationToken token)
        {
            var app = await db.Apps.AsNoTracking()
                .Where(a => a.ApiKeyHash == hash)
                .Select(a => new { a.Id, a.Name, a.Settings })
                .FirstOrDefaultAsync(token);
            return app is null ? null : new AuthenticatedApp(app.Id, app.Name, app.Settings);
        }
    }
}
