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
    public static async Task<T> RunAsync<T>(
        AuthyDbContext db,
        string sql,
        IEnumerable<(string Name, object Value)> parameters,
        Func<DbCommand, CancellationToken, Task<T>> run,
        CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            return await run(command, cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
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

    /// <summary>A <see cref="DateTimeOffset"/> parameter for SQLite, stored as <see cref="SqliteAuthyDbContext"/> stores the type.</summary>
    public static long SqliteTimestamp(DateTimeOffset value) => (long)SqliteTimestamps.ConvertToProvider(value)!;

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
