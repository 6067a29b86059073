using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Authy.UnitTests.Persistence;

/// <summary>The committed migrations of both providers match the model: a model change without a migration fails here.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void PostgresMigrations_MatchTheModel()
    {
        using var db = ((IDesignTimeDbContextFactory<PostgresAuthyDbContext>)new PostgresDesignTimeFactory()).CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a PostgreSQL migration (see AuthyDbContext's remarks).");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = ((IDesignTimeDbContextFactory<SqliteAuthyDbContext>)new SqliteDesignTimeFactory()).CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQLite migration (see AuthyDbContext's remarks).");
        Assert.Equal(
            PostgresMigrationNames(),
            db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
    }

    private static IEnumerable<string> PostgresMigrationNames()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        return [.. db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..])];
    }
}
