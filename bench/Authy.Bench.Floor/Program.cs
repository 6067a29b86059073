using Npgsql;

// The floors of design §9: what this machine's Kestrel answers with no work at all (/plain), and with one PostgreSQL
// read and one write per request (/db), through a pooled Npgsql data source and no ORM. The server's figures are read
// against these, measured in the same run by the same load generator.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var connectionString = builder.Configuration.GetConnectionString("Floor")
    ?? throw new InvalidOperationException("Set ConnectionStrings__Floor to the floor database.");
var rows = builder.Configuration.GetValue("Floor:Rows", 100_000);
await using var dataSource = NpgsqlDataSource.Create(connectionString);

foreach (var sql in (string[])[
    "CREATE TABLE IF NOT EXISTS floor_items (id integer PRIMARY KEY, counter bigint NOT NULL, updated_at timestamptz NOT NULL)",
    "INSERT INTO floor_items SELECT i, 0, now() FROM generate_series(1, $1) AS i ON CONFLICT DO NOTHING",
    "VACUUM ANALYZE floor_items",
])
{
    await using var setup = dataSource.CreateCommand(sql);
    if (sql.Contains("$1", StringComparison.Ordinal))
    {
        setup.Parameters.Add(new NpgsqlParameter<int> { TypedValue = rows });
    }

    await setup.ExecuteNonQueryAsync();
}

var app = builder.Build();

app.MapGet("/plain", () => TypedResults.Ok(new FloorItem(1, 0)));

app.MapGet("/db", async (CancellationToken cancellationToken) =>
{
    var id = Random.Shared.Next(1, rows + 1);
    await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

    await using var read = new NpgsqlCommand("SELECT counter FROM floor_items WHERE id = $1", connection);
    read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
    var counter = (long)(await read.ExecuteScalarAsync(cancellationToken))!;

    await using var write = new NpgsqlCommand("UPDATE floor_items SET counter = counter + 1, updated_at = now() WHERE id = $1", connection);
    write.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
    await write.ExecuteNonQueryAsync(cancellationToken);

    return TypedResults.Ok(new FloorItem(id, counter + 1));
});

app.MapGet("/health", () => TypedResults.Ok());

await app.RunAsync();

internal sealed record FloorItem(int Id, long Counter);
