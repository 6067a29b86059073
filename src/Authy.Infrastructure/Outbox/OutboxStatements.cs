using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Authy.Application.Messaging;
using Authy.Infrastructure.Persistence;

namespace Authy.Infrastructure.Outbox;

/// <summary>A message the dispatcher claimed: what it needs to send it, read by the claim itself.</summary>
internal sealed record ClaimedMessage(Guid Id, OutboxChannel Channel, byte[] Payload, int Attempts, string MaskedDestination, string? CorrelationId);

/// <summary>A message its provider accepted, waiting to be recorded with others in one statement.</summary>
internal sealed record DeliveredMessage(Guid Id, string Provider, string? ProviderMessageId, DateTimeOffset CompletedAt);

/// <summary>
/// The dispatcher's hand-written statements (ADR 0022): one claims due messages of several channels, each up to its
/// free slots, and returns them; one records any number of deliveries. EF Core can express neither a per-channel limit
/// with <c>SKIP LOCKED</c> nor an update that sets each row its own values. Valid on PostgreSQL and SQLite.
/// </summary>
internal static class OutboxStatements
{
    // One claim text per set of channels asked for (at most 2^5), built once.
    private static readonly ConcurrentDictionary<(int Channels, bool Postgres), string> ClaimTexts = new();

    /// <summary>
    /// Leases up to <paramref name="wanted"/>[channel] due messages of each channel to <paramref name="owner"/> until
    /// <paramref name="leaseUntil"/>, oldest first, counting an attempt on each, and returns them. On PostgreSQL the
    /// candidates are locked with <c>FOR UPDATE SKIP LOCKED</c>, so nodes claiming at once take different rows instead of
    /// waiting on each other; SQLite has one writer, which the statement holds throughout.
    /// </summary>
    public static async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(
        AuthyDbContext db,
        IReadOnlyDictionary<OutboxChannel, int> wanted,
        DateTimeOffset now,
        DateTimeOffset leaseUntil,
        string owner,
        CancellationToken cancellationToken)
    {
        var channels = wanted.Where(w => w.Value > 0).Select(w => w.Key).Order().ToArray();
        if (channels.Length == 0)
        {
            return [];
        }

        var postgres = db is not SqliteAuthyDbContext;
        var sql = ClaimTexts.GetOrAdd((channels.Aggregate(0, (mask, c) => mask | (1 << (int)c)), postgres), key => ClaimSql(channels, key.Postgres));
        List<(string, object)> parameters =
        [
            ("@now", RawSql.Timestamp(db, now)),
            ("@lease", RawSql.Timestamp(db, leaseUntil)),
            ("@owner", owner),
        ];
        parameters.AddRange(channels.Select(c => ($"@take_{c}", (object)wanted[c])));
        return await RawSql.RunAsync(db, sql, parameters, ReadClaimedAsync, cancellationToken);
    }

    /// <summary>Marks <paramref name="delivered"/> delivered in one statement, whoever holds their leases now.</summary>
    public static Task<int> RecordDeliveredAsync(AuthyDbContext db, IReadOnlyList<DeliveredMessage> delivered, CancellationToken cancellationToken)
    {
        var rows = new StringBuilder();
        var parameters = new List<(string, object)>(delivered.Count * 4);
        for (var i = 0; i < delivered.Count; i++)
        {
            var message = delivered[i];
            rows.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@id{i}, @provider{i}, @pmid{i}, @at{i})");
            parameters.Add(($"@id{i}", Id(db, message.Id)));
            parameters.Add(($"@provider{i}", message.Provider));
            parameters.Add(($"@pmid{i}", (object?)message.ProviderMessageId ?? DBNull.Value));
            parameters.Add(($"@at{i}", RawSql.Timestamp(db, message.CompletedAt)));
        }

        // VALUES names its columns column1 … on both databases; the row's lease is dropped with its owner.
        var sql = $"""
            UPDATE outbox_messages
            SET status = '{nameof(OutboxStatus.Delivered)}', provider = v.column2, provider_message_id = v.column3,
                lease_expires_at = NULL, lease_owner = NULL, last_error = NULL, completed_at = v.column4
            FROM (VALUES {rows}) AS v
            WHERE outbox_messages.id = v.column1
            """;
        return RawSql.RunAsync(db, sql, parameters, (command, token) => command.ExecuteNonQueryAsync(token), cancellationToken);
    }

    private static string ClaimSql(IEnumerable<OutboxChannel> channels, bool postgres)
    {
        // Each channel's candidates in their own subquery, so each gets its own limit; SQLite wants a compound
        // member's ORDER BY and LIMIT inside a subquery too.
        var candidates = string.Join("\n    UNION ALL\n    ", channels.Select(channel => $"""
            SELECT id FROM (
                SELECT id FROM outbox_messages
                WHERE status = '{nameof(OutboxStatus.Pending)}' AND channel = '{channel}' AND next_attempt_at <= @now
                  AND (lease_expires_at IS NULL OR lease_expires_at < @now)
                ORDER BY next_attempt_at
                LIMIT @take_{channel}{(postgres ? " FOR UPDATE SKIP LOCKED" : "")}) AS due_{channel}
            """));
        return $"""
            UPDATE outbox_messages SET lease_expires_at = @lease, lease_owner = @owner, attempts = attempts + 1
            WHERE id IN (
                {candidates})
            RETURNING id, channel, payload, attempts, masked_destination, correlation_id
            """;
    }

    private static async Task<IReadOnlyList<ClaimedMessage>> ReadClaimedAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var claimed = new List<ClaimedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedMessage(
                reader.GetValue(0) is Guid id ? id : Guid.Parse(reader.GetString(0)),
                Enum.Parse<OutboxChannel>(reader.GetString(1)),
                reader.GetFieldValue<byte[]>(2),
                Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
                reader.GetString(4),
                reader.GetNullableString(5)));
        }

        return claimed;
    }

    // EF Core stores a Guid on SQLite as upper-case text.
    private static object Id(AuthyDbContext db, Guid id) => db is SqliteAuthyDbContext ? id.ToString("D").ToUpperInvariant() : id;
}
