using System.Globalization;
using Authy.Application.Tokens;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Authy.Infrastructure.Caching;

/// <summary>
/// Tells every node to forget a member (ADR 0021): this node at once, the others by PostgreSQL
/// <c>NOTIFY authy_member_changes</c> (payload <c>&lt;appId&gt;:&lt;authyId&gt;</c>), which
/// <see cref="Push.PostgresNotificationListener"/> receives on its LISTEN connection. SQLite has one node.
/// </summary>
/// <remarks>
/// Best effort by design: a node that misses the notification keeps a stale entry, which the fast path's statement
/// refuses (it re-checks status and seed version) and the full path then replaces. The notification only spares that
/// wasted statement; no decision depends on it.
/// </remarks>
public sealed class MemberChanges(AuthyDbContext db, ResolvedDatabase database, VerifyMemberCache cache) : IMemberChanges
{
    public const string NotificationChannel = "authy_member_changes";

    public async Task PublishAsync(int appId, long authyId, CancellationToken cancellationToken)
    {
        cache.Remove(appId, authyId);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var payload = Payload(appId, authyId);
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({NotificationChannel}, {payload})", cancellationToken);
        }
    }

    internal static string Payload(int appId, long authyId) => string.Create(CultureInfo.InvariantCulture, $"{appId}:{authyId}");

    /// <summary>Parses <see cref="Payload"/>; false for anything else.</summary>
    internal static bool TryParse(string payload, out int appId, out long authyId)
    {
        authyId = 0;
        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        return int.TryParse(payload.AsSpan(0, Math.Max(separator, 0)), NumberStyles.None, CultureInfo.InvariantCulture, out appId)
            & long.TryParse(payload.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out authyId);
    }
}
