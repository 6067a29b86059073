using System.Globalization;
using Authy.IntegrationTests.Infrastructure;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// A database provider the tests run on: the value of <c>Database:Provider</c> and how to make a fresh database for it.
/// Factories take one (<see cref="AuthyApiFactory{TDatabase}"/> and its siblings name it as a type argument, because a
/// class fixture needs a parameterless constructor); a test class runs on a provider by naming it, as in
/// <c>OnPostgres(AuthyApiFactory&lt;Postgres&gt; factory)</c>.
/// </summary>
public interface ITestDatabase
{
    /// <summary>The value of <c>Database:Provider</c>.</summary>
    string ProviderName { get; }

    /// <summary>Creates a new, empty database and returns its connection string.</summary>
    Task<string> CreateAsync(CancellationToken cancellationToken);
}

/// <summary>PostgreSQL: a fresh database on the run's shared throwaway server.</summary>
public sealed class Postgres : ITestDatabase
{
    public string ProviderName => "Postgres";

    public Task<string> CreateAsync(CancellationToken cancellationToken) => TestDatabases.CreatePostgresDatabaseAsync(cancellationToken);
}

/// <summary>SQLite: a new file in the run's temporary directory.</summary>
public sealed class Sqlite : ITestDatabase
{
    public string ProviderName => "Sqlite";

    public Task<string> CreateAsync(CancellationToken cancellationToken) => Task.FromResult(TestDatabases.CreateSqliteDatabase());
}

/// <summary>One PostgreSQL server for the whole run; every factory gets its own fresh database on it.</summary>
internal static class TestDatabases
{
    private static int _counter;

    public static async Task<string> CreatePostgresDatabaseAsync(CancellationToken cancellationToken)
    {
        var server = await PostgresServer.SharedAsync(cancellationToken);
        var name = string.Create(CultureInfo.InvariantCulture, $"authy_test_{Environment.ProcessId}_{Interlocked.Increment(ref _counter)}");
        return await server.CreateDatabaseAsync(name, cancellationToken);
    }

    public static string CreateSqliteDatabase()
    {
        var directory = Path.Combine(Path.GetTempPath(), "authy-tests", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"authy_{Interlocked.Increment(ref _counter)}.db"));
        return $"Data Source={file}";
    }
}
