using System.Globalization;
using Authy.IntegrationTests.Infrastructure;

namespace Authy.IntegrationTests.Support;

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
