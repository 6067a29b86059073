using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Authy.Infrastructure.Persistence;

/// <summary>
/// Hand-written statements on the context's own connection (and transaction, when one is open), for the few that
/// EF Core cannot express or that run on every request. The SQL must be valid on PostgreSQL and SQLite alike.
/// </summary>
internal static class RawSql
{
    private static readonly DateTimeOffsetToBinaryConverter SqliteTimestamps = new();

    /// <summary>Runs <paramref name="sql"/> with <paramref name="parameters"/> through <paramref name="run"/>, opening the connection if needed.</summary>
    public static Task<T> RunAsync<T>(
        AuthyDbContext db,
        string sql,
        IEnumerable<(string Name, object Value)> parameters,
        Func<DbCommand, CancellationToken, Task<T>> run,
        CancellationToken cancellationToken) =>
        WithConnectionAsync(db, async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            Fill(command.Parameters, command.CreateParameter, parameters);
            return await run(command, cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="statements"/> in order and reads each one's result through <paramref name="read"/>: in one
    /// round trip where the provider has batches (PostgreSQL), else one statement at a time.
    /// </summary>
    public static Task<T[]> RunEachAsync<T>(
        AuthyDbContext db,
        IReadOnlyList<(string Sql, (string Name, object Value)[] Parameters)> statements,
        Func<DbDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken) =>
        WithConnectionAsync(db, async (connection, transaction) =>
        {
            var results = new T[statements.Count];
            if (!connection.CanCreateBatch)
            {
                for (var i = 0; i < results.Length; i++)
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = statements[i].Sql;
                    Fill(command.Parameters, command.CreateParameter, statements[i].Parameters);
                    await using var single = await command.ExecuteReaderAsync(cancellationToken);
                    results[i] = await read(single, cancellationToken);
                }

                return results;
            }

            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var (sql, parameters) in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                Fill(command.Parameters, command.CreateParameter, parameters);
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = await read(reader, cancellationToken);
                await reader.NextResultAsync(cancellationToken);
            }

            return results;
        }, cancellationToken);

    private static async Task<T> WithConnectionAsync<T>(AuthyDbContext db, Func<DbConnection, DbTransaction?, Task<T>> run, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            return await run(connection, db.Database.CurrentTransaction?.GetDbTransaction());
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static void Fill(DbParameterCollection collection, Func<DbParameter> create, IEnumerable<(string Name, object Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = create();
            parameter.ParameterName = name;
            parameter.Value = value;
            collection.Add(parameter);
        }
    }

    /// <summary>
    /// A <see cref="DateTimeOffset"/> column as the context stores it: <c>timestamptz</c> on PostgreSQL, binary ticks on
    /// SQLite (<see cref="SqliteAuthyDbContext"/>'s conversion).
    /// </summary>
    public static DateTimeOffset? GetTimestamp(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal)
        ? null
        : reader.GetValue(ordinal) switch
        {
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            DateTimeOffset value => value,
            long binary => (DateTimeOffset)SqliteTimestamps.ConvertFromProvider(binary)!,
            var other => throw new InvalidOperationException($"A timestamp column held a {other.GetType().Name}."),
        };

    /// <summary>
    /// A <see cref="DateTimeOffset"/> parameter as <paramref name="db"/> stores the type: as is on PostgreSQL, binary
    /// ticks on SQLite (<see cref="SqliteAuthyDbContext"/>'s conversion).
    /// </summary>
    public static object Timestamp(AuthyDbContext db, DateTimeOffset value) =>
        db is SqliteAuthyDbContext ? (long)SqliteTimestamps.ConvertToProvider(value)! : value;

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
