using Microsoft.AspNetCore.Hosting;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// An in-process server with settings of the test's choosing, in the environment it names, on a new database of
/// <paramref name="database"/>'s provider (SQLite by default) or on a database of that provider given by
/// <paramref name="connectionString"/> (to start several servers on one database).
/// Settings are applied after the factory's own, so they win; an empty value clears one.
/// </summary>
public sealed class ConfiguredApiFactory(
    string environment,
    IReadOnlyDictionary<string, string?>? settings = null,
    ITestDatabase? database = null,
    string? connectionString = null) : AuthyApiFactory(database ?? new Sqlite())
{
    protected override string Environment => environment;

    protected override Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        connectionString is null ? base.CreateDatabaseAsync(cancellationToken) : Task.FromResult(connectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
