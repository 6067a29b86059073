using Microsoft.AspNetCore.Hosting;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// An in-process server with settings of the test's choosing, in the environment it names, on SQLite by default (its own
/// new file) or on a database given by <paramref name="connectionString"/> (to start several servers on one database).
/// Settings are applied after the factory's own, so they win; an empty value clears one.
/// </summary>
public sealed class ConfiguredApiFactory(
    string environment,
    IReadOnlyDictionary<string, string?>? settings = null,
    string provider = "Sqlite",
    string? connectionString = null) : AuthyApiFactory
{
    public override string ProviderName => provider;

    protected override string Environment => environment;

    protected override async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        connectionString ?? (provider == "Postgres"
            ? await TestDatabases.CreatePostgresDatabaseAsync(cancellationToken)
            : TestDatabases.CreateSqliteDatabase());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
