using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace Authy.Infrastructure.Persistence;

/// <summary>Applies the committed migrations of the configured provider (the <c>migrate</c> command, or at start when configured).</summary>
public sealed partial class DatabaseMigrator(AuthyDbContext db, ResolvedDatabase database, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        // Asking a fresh database for its applied migrations makes EF log a failed query; ask whether the table exists first.
        var history = db.GetService<IHistoryRepository>();
        var pending = await history.ExistsAsync(cancellationToken)
            ? (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList()
            : db.Database.GetMigrations().ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers run beside the single writer; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogMigrated(logger, database.Provider, pending.Count);
        return pending;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Provider}) is up to date; {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider, int count);
}
