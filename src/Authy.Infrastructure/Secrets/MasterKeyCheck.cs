using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Authy.Infrastructure.Secrets;

/// <summary>
/// Compares the configured master keys with the key check values kept in <c>server_state</c> before the server (or an
/// operator command) touches any data: a wrong key must refuse to start, not write seeds no one can decrypt.
/// </summary>
/// <remarks>
/// <para>One row, <c>master_key_check</c>, holds a JSON list of <c>{id, check}</c>, one entry per key that has been the
/// current key on some start, oldest first. The rules:</para>
/// <list type="bullet">
///   <item>No row: the first start writes one for its current key (insert-if-absent, so of several nodes starting at once
///   exactly one writes and the others check against it).</item>
///   <item>None of the configured keys (current or previous) is in the list: refuse. This is the wrong key.</item>
///   <item>A configured key's id is listed but its check value differs: refuse (the row was altered).</item>
///   <item>The current key is not listed but a previous one is: a rotation; the current key is appended (a conditional
///   update, retried when another node changed the row first).</item>
///   <item>Listed keys that are not configured are logged as a warning: data still encrypted under them cannot be read.</item>
/// </list>
/// </remarks>
public sealed partial class MasterKeyCheck(AuthyDbContext db, AesGcmSecretProtector protector, TimeProvider time, ILogger<MasterKeyCheck> logger)
{
    internal const string StateKey = "master_key_check";

    // ON CONFLICT DO NOTHING is valid on PostgreSQL and SQLite alike, and atomic on both.
    private const string InsertIfAbsentSql = """
        INSERT INTO server_state ("key", "value", updated_at) VALUES (@key, @value, @now)
        ON CONFLICT ("key") DO NOTHING
        """;

    private const int Attempts = 5;

    // server_state.value's length (ServerStateConfiguration).
    private const int MaxValueLength = 2000;

    /// <summary>Throws <see cref="MasterKeyMismatchException"/> when the keys do not match the database's check value.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var configured = protector.KeyCheckValues();
        var current = protector.CurrentKeyId;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var row = await ReadAsync(cancellationToken);
            if (row is null)
            {
                await InsertIfAbsentAsync(Serialize([new(current, configured[current])]), cancellationToken);
                continue; // read it back: another node may have written first, with another key
            }

            var listed = Parse(row.Value);
            var known = listed.Where(entry => configured.ContainsKey(entry.Id)).ToList();
            var altered = known.FirstOrDefault(entry => !CryptographicOperations.FixedTimeEquals(entry.Check, configured[entry.Id]));
            if (altered is not null)
            {
                throw Refuse($"The key check value stored for key id {altered.Id} in server_state does not match that key: the row was altered. Restore it from a backup.");
            }

            if (known.Count == 0)
            {
                throw Refuse(
                    $"Security:MasterKey (key id {current}) is not the key this database was used with (key id(s) {string.Join(", ", listed.Select(e => e.Id))}). " +
                    "Data written now could not be read with the right key, and data already stored cannot be read with this one. " +
                    "Configure the database's key; to rotate, set the new key as Security:MasterKey and keep the old one in Security:PreviousMasterKeys.");
            }

            foreach (var retired in listed.Where(entry => !configured.ContainsKey(entry.Id)))
            {
                LogKeyNotConfigured(logger, retired.Id);
            }

            if (listed.Any(entry => entry.Id == current))
            {
                return;
            }

            List<KeyCheck> kept = [.. listed, new(current, configured[current])];
            while (Serialize(kept).Length > MaxValueLength && kept.FindIndex(entry => !configured.ContainsKey(entry.Id)) is var retired and >= 0)
            {
                // The column holds 2000 characters (about 25 keys): forget the oldest keys that are no longer configured.
                kept.RemoveAt(retired);
            }

            var rotated = Serialize(kept);
            var updated = await db.ServerState
                .Where(state => state.Key == StateKey && state.Value == row.Value)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.Value, rotated).SetProperty(s => s.UpdatedAt, time.GetUtcNow()), cancellationToken);
            if (updated == 1)
            {
                LogRotationRecorded(logger, current);
                return;
            }

            // Another node changed the row between the read and the update: check again against what it wrote.
        }

        throw new InvalidOperationException("The master key check in server_state kept changing while this server started; start it again.");
    }

    private async Task<ServerState?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await db.ServerState.AsNoTracking().SingleOrDefaultAsync(state => state.Key == StateKey, cancellationToken);
        }
        catch (DbException exception)
        {
            throw new InvalidOperationException(
                "Could not read the master key check from the database (table server_state). Is the database reachable, " +
                "and has `migrate` been run?",
                exception);
        }
    }

    private Task<int> InsertIfAbsentAsync(string value, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var timestamp = RawSql.Timestamp(db, now);
        return RawSql.RunAsync(
            db,
            InsertIfAbsentSql,
            [("@key", StateKey), ("@value", value), ("@now", timestamp)],
            (command, token) => command.ExecuteNonQueryAsync(token),
            cancellationToken);
    }

    private MasterKeyMismatchException Refuse(string message)
    {
        LogRefused(logger, message);
        return new MasterKeyMismatchException(message);
    }

    private static string Serialize(IEnumerable<KeyCheck> entries) =>
        JsonSerializer.Serialize(entries.Select(e => new StoredKeyCheck(e.Id, Convert.ToBase64String(e.Check))));

    private List<KeyCheck> Parse(string value)
    {
        try
        {
            return (JsonSerializer.Deserialize<List<StoredKeyCheck>>(value) ?? [])
                .Select(e => new KeyCheck(e.Id, Convert.FromBase64String(e.Check)))
                .ToList();
        }
        catch (Exception exception) when (exception is JsonException or FormatException or ArgumentNullException)
        {
            throw Refuse("The master key check in server_state is unreadable: the row was altered. Restore it from a backup.");
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to start: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This database was used with master key id {KeyId}, which is not configured (neither Security:MasterKey nor Security:PreviousMasterKeys): data still encrypted under it cannot be read")]
    private static partial void LogKeyNotConfigured(ILogger logger, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Master key rotation recorded: key id {KeyId} is now the current key")]
    private static partial void LogRotationRecorded(ILogger logger, string keyId);

    private sealed record KeyCheck(string Id, byte[] Check);

    private sealed record StoredKeyCheck(string Id, string Check);
}

/// <summary>The configured master key does not match the database (see <see cref="MasterKeyCheck"/>).</summary>
public sealed class MasterKeyMismatchException(string message) : InvalidOperationException(message);
