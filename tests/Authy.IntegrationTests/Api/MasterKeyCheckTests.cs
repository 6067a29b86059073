using System.Security.Cryptography;
using Authy.IntegrationTests.Support;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// The master key is checked against the database at start: the same key starts, a rotation (new key, old one kept as
/// previous) starts, another key refuses with a reason, and of several nodes starting at once on an empty table with
/// different keys only one key wins. On both providers.
/// </summary>
public abstract class MasterKeyCheckTests(ITestDatabase provider)
{
    private const string Refusal = "is not the key this database was used with";

    private static readonly string KeyA = NewKey();
    private static readonly string KeyB = NewKey();

    public sealed class OnPostgres() : MasterKeyCheckTests(new Postgres());

    public sealed class OnSqlite() : MasterKeyCheckTests(new Sqlite());

    [Fact]
    public async Task Restart_WithAnotherMasterKey_RefusesToStartAndTheRightKeyStillStarts()
    {
        var database = await NewDatabaseAsync();
        string apiKey;
        await using (var first = await StartAsync(database, KeyA))
        {
            apiKey = (await first.CreateAppAsync("Keyed")).ApiKey;
        }

        var refused = await StartFailsAsync(database, KeyB);
        await using var again = await StartAsync(database, KeyA);
        var registered = await AuthyApiFactory.RegisterUserAsync(again.CreateApiClient(apiKey), TestPhone.Next());

        Assert.Contains(Refusal, refused, StringComparison.Ordinal);
        Assert.Contains("Security:PreviousMasterKeys", refused, StringComparison.Ordinal);
        Assert.True(registered > 0);
    }

    [Fact]
    public async Task Restart_RotatedWithOldKeyAsPrevious_StartsAndThenTheNewKeyAloneStarts()
    {
        var database = await NewDatabaseAsync();
        var keyC = NewKey();
        await (await StartAsync(database, KeyA)).DisposeAsync();

        await (await StartAsync(database, keyC, previous: KeyA)).DisposeAsync();
        await (await StartAsync(database, keyC)).DisposeAsync();
        var refused = await StartFailsAsync(database, KeyB);

        Assert.Contains(Refusal, refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NodesWithDifferentKeysAtOnceOnAnEmptyTable_OnlyOneKeyStarts()
    {
        var database = await NewDatabaseAsync();
        await (await StartAsync(database, KeyA)).DisposeAsync(); // migrated
        await ClearServerStateAsync(database);

        var keys = new[] { KeyA, KeyB, KeyA, KeyB };
        var starts = await Task.WhenAll(keys.Select(async key =>
        {
            var factory = Factory(database, key, migrate: false);
            try
            {
                await factory.InitializeAsync();
                return (Key: key, Started: true, Factory: (ConfiguredApiFactory?)factory);
            }
            catch (Exception error) when (error.ToString().Contains(Refusal, StringComparison.Ordinal))
            {
                await factory.DisposeAsync();
                return (Key: key, Started: false, Factory: null);
            }
        }));
        foreach (var start in starts)
        {
            await (start.Factory?.DisposeAsync() ?? ValueTask.CompletedTask);
        }

        var winners = starts.Where(s => s.Started).Select(s => s.Key).Distinct().ToList();
        Assert.Single(winners);
        Assert.Equal(2, starts.Count(s => s.Started));
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private Task<string> NewDatabaseAsync() => provider.CreateAsync(TestContext.Current.CancellationToken);

    private ConfiguredApiFactory Factory(string database, string key, string? previous = null, bool migrate = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Security:MasterKey"] = key,
            ["Database:ApplyMigrationsOnStartup"] = migrate ? "true" : "false",
        };
        if (previous is not null)
        {
            settings["Security:PreviousMasterKeys:0"] = previous;
        }

        return new ConfiguredApiFactory("Development", settings, provider, database);
    }

    private async Task<ConfiguredApiFactory> StartAsync(string database, string key, string? previous = null)
    {
        var factory = Factory(database, key, previous);
        await factory.InitializeAsync();
        return factory;
    }

    private async Task<string> StartFailsAsync(string database, string key)
    {
        await using var factory = Factory(database, key);
        var error = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync().AsTask);
        return error.ToString();
    }

    private async Task ClearServerStateAsync(string database)
    {
        if (provider is Postgres)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("DELETE FROM server_state", connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        else
        {
            await using var connection = new SqliteConnection(database);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM server_state";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
    }
}
