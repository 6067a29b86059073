using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Users;

/// <summary>users/{id}/update: changes the e-mail the application keeps for its user.</summary>
public sealed class UpdateUserEmail(IAuthyDb db)
{
    public async Task<Outcome<bool>> ExecuteAsync(AuthenticatedApp app, long authyId, string? email, CancellationToken cancellationToken)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Failures.Missing("Email");
        }

        if (!RegisterUser.IsEmail(trimmed))
        {
            return Failures.Invalid("Email", "is invalid");
        }

        var updated = await db.AppUsers
            .Where(m => m.AppId == app.Id && m.UserId == authyId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Email, trimmed), cancellationToken);
        return updated == 0 ? Failures.UserNotFound : true;
    }
}
