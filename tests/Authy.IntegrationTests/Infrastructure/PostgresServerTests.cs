using Npgsql;

namespace Authy.IntegrationTests.Infrastructure;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task SharedAsync_Connect_AnswersSelectVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await PostgresServer.SharedAsync(ct);

        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select version()", connection);
        var version = (string?)await command.ExecuteScalarAsync(ct);

        Assert.StartsWith("PostgreSQL ", version);
        TestContext.Current.TestOutputHelper?.WriteLine($"PostgreSQL source: {server.Source}; {version}");
    }

    [Fact]
    public async Task SharedAsync_CalledTwice_ReturnsSameServer()
    {
        var ct = TestContext.Current.CancellationToken;

        var first = await PostgresServer.SharedAsync(ct);
        var second = await PostgresServer.SharedAsync(ct);

        Assert.Same(first, second);
        Assert.True(first.Source is "env" or "testcontainers" || first.Source.StartsWith("local-cluster: ", StringComparison.Ordinal), first.Source);
    }

    [Fact]
    public async Task CreateDatabaseAsync_TwoNames_GivesIsolatedDatabases()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await PostgresServer.SharedAsync(ct);
        var suffix = Guid.NewGuid().ToString("N")[..8];

        var first = await server.CreateDatabaseAsync($"pgserver_a_{suffix}", ct);
        var second = await server.CreateDatabaseAsync($"pgserver_b_{suffix}", ct);
        await ExecuteAsync(first, "create table only_in_first (id int primary key)", ct);

        Assert.True(await TableExistsAsync(first, "only_in_first", ct));
        Assert.False(await TableExistsAsync(second, "only_in_first", ct));
    }

    [Fact]
    public async Task CreateDatabaseAsync_ExistingName_RecreatesEmptyDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await PostgresServer.SharedAsync(ct);
        var name = $"pgserver_again_{Guid.NewGuid().ToString("N")[..8]}";
        var connectionString = await server.CreateDatabaseAsync(name, ct);
        await ExecuteAsync(connectionString, "create table leftover (id int)", ct);

        // A pooled connection stays open on purpose: the drop must not wait for or trip over it.
        await using var open = new NpgsqlConnection(connectionString);
        await open.OpenAsync(ct);
        var again = await server.CreateDatabaseAsync(name, ct);

        Assert.Equal(connectionString, again);
        Assert.False(await TableExistsAsync(again, "leftover", ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("semi;colon")]
    [InlineData("quote\"d")]
    public async Task CreateDatabaseAsync_UnsafeName_Throws(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await PostgresServer.SharedAsync(ct);

        await Assert.ThrowsAsync<ArgumentException>(() => server.CreateDatabaseAsync(name, ct));
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> TableExistsAsync(string connectionString, string table, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("select to_regclass(@name) is not null", connection);
        command.Parameters.AddWithValue("name", table);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}
