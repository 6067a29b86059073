using Authy.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Apps;

/// <summary>Finds the application an API key belongs to, by the key's hash.</summary>
public sealed class AuthenticateApp(IAuthyDb db)
{
    public async Task<AuthenticatedApp?> ExecuteAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 256)
        {
            return null;
        }

        // Looking up by hash keeps the comparison in the index; the stored value never is the key itself.
        var hash = ApiKeys.Hash(apiKey);
        var app = await db.Apps.AsNoTracking()
            .Where(a => a.ApiKeyHash == hash)
            .Select(a => new { a.Id, a.Name, a.Settings })
            .FirstOrDefaultAsync(cancellationToken);
        return app is null ? null : new AuthenticatedApp(app.Id, app.Name, app.Settings);
    }
}
