using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Authy.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context without a running host or server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAuthyDbContext>
{
    public PostgresAuthyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAuthyDbContext>()
            .UseNpgsql("Host=localhost;Database=authy_design", o => o.MigrationsAssembly(typeof(AuthyDbContext).Assembly.GetName().Name))
            .UseSnakeCaseNamingConvention()
            .Options);
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite context.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAuthyDbContext>
{
    public SqliteAuthyDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAuthyDbContext>()
            .UseSqlite("Data Source=design.db")
            .UseSnakeCaseNamingConvention()
            .Options);
}
