using System.Runtime.CompilerServices;
using System.Text.Json;
using Authy.Application.Devices;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Authy.Infrastructure.Push;

/// <summary>
/// Device events kept in the <c>device_events</c> table and announced to every node: PostgreSQL
/// <c>NOTIFY authy_device_events</c> (see <see cref="PostgresNotificationListener"/>) plus this node's
/// <see cref="DeviceEventSignals"/>, which on the embedded SQLite (one node) is the only path.
/// </summary>
/// <remarks>
/// <para><b>Ordering.</b> A stream reads its device's events by id (<c>id &gt; last</c>), so an event must never become
/// visible after an event of the same device with a higher id, or a stream that already moved past the higher id would
/// skip it. On PostgreSQL a publish takes a transaction-scoped advisory lock per device before inserting, so events of
/// one device commit in id order; SQLite has one writer at a time anyway, and its ids are AUTOINCREMENT (never reused,
/// also after the retention cleanup emptied the table).</para>
/// <para><b>Subscribing without an id.</b> <see cref="SubscribeAsync"/> with a null <c>afterId</c> (a fresh start, not a
/// reconnect) first delivers the device's events of the last <see cref="PushOptions.RecentEventsSeconds"/> (default
/// 5 minutes), then live ones: the "open the app" notice that made the user open the app is still shown, while a day
/// of stale notices is not. The starting point is the newest event older than that window, taken in one read; any
/// event committed later has a higher id, so nothing published around the moment of connecting can fall between.
/// A stream that reconnects passes the last id it saw (<c>Last-Event-ID</c>) and loses nothing still retained.</para>
/// <para><b>Failures.</b> A publish that fails throws (nothing was stored or announced). A stream whose read fails (the
/// database is away) stays open, logs, and retries after the fallback poll interval from the last id it delivered, so
/// clients are not pushed into a reconnect storm against a database that is down.</para>
/// </remarks>
public sealed partial class DatabaseDeviceEvents(
    IServiceScopeFactory scopes,
    DeviceEventSignals signals,
    ResolvedDatabase database,
    TimeProvider time,
    IOptions<PushOptions> options,
    ILogger<DatabaseDeviceEvents> logger) : IDeviceEvents
{
    /// <summary>The LISTEN/NOTIFY channel; the payload is <c>&lt;deviceId&gt;:&lt;eventId&gt;</c>.</summary>
    public const string NotificationChannel = "authy_device_events";

    /// <summary>First key of the two-key advisory locks that order one device's publishes (an arbitrary constant, "DvEv").</summary>
    internal const int AdvisoryLockClass = 0x44764576;

    private const int MaxTypeLength = 64;
    private const int MaxDataLength = 16384;
    private const int ReadBatchSize = 100;

    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    public async Task PublishAsync(IReadOnlyCollection<long> deviceIds, string type, object data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(data);
        if (type.Length > MaxTypeLength || type.Any(char.IsControl))
        {
            throw new ArgumentException($"An event type is at most {MaxTypeLength} characters, without control characters.", nameof(type));
        }

        var json = JsonSerializer.Serialize(data, data.GetType(), JsonOptions);
        if (json.Length > MaxDataLength)
        {
            throw new ArgumentException($"An event's data is at most {MaxDataLength} characters of JSON; this is {json.Length}.", nameof(data));
        }

        var devices = deviceIds.Distinct().Order().ToArray();
        if (devices.Length == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
            if (database.Provider == DatabaseProvider.Postgres)
            {
                await PublishOnPostgresAsync(db, devices, type, json, now, cancellationToken);
            }
            else
            {
                db.DeviceEvents.AddRange(devices.Select(id => new DeviceEvent { DeviceId = id, Type = type, Data = json, CreatedAt = now }));
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        // This node's streams need no round trip through the database server.
        foreach (var id in devices)
        {
            signals.Signal(id);
        }
    }

    /// <summary>
    /// The device's stored events with an id above <paramref name="afterId"/>, then live ones, until
    /// <paramref name="cancellationToken"/> is cancelled (which ends the enumeration with
    /// <see cref="OperationCanceledException"/>). When <paramref name="afterId"/> is null, the stored events start with
    /// those of the last <see cref="PushOptions.RecentEventsSeconds"/> (see the remarks on the class).
    /// </summary>
    public async IAsyncEnumerable<DeviceEventMessage> SubscribeAsync(
        long deviceId,
        long? afterId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var pollInterval = TimeSpan.FromSeconds(settings.FallbackPollSeconds);
        var recentSince = time.GetUtcNow().AddSeconds(-settings.RecentEventsSeconds);
        // Watch before the first read: a publish that lands after the read but before the wait still sets the flag.
        using var watch = signals.Watch(deviceId);
        var failing = false;
        long? last = afterId;
        while (true)
        {
            List<DeviceEventMessage>? batch = null;
            try
            {
                last ??= await LastIdBeforeAsync(deviceId, recentSince, cancellationToken);
                batch = await ReadAfterAsync(deviceId, last.Value, cancellationToken);
                if (failing)
                {
                    failing = false;
                    LogReadRecovered(logger, deviceId);
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    failing = true;
                    LogReadFailed(logger, deviceId, exception);
                }
            }

            if (batch is not null)
            {
                foreach (var message in batch)
                {
                    last = message.Id;
                    yield return message;
                }

                if (batch.Count == ReadBatchSize)
                {
                    continue; // more may be waiting
                }
            }

            await watch.WaitAsync(pollInterval, cancellationToken);
        }
    }

    /// <summary>The id of the device's newest event created before <paramref name="since"/>, or 0.</summary>
    private async Task<long> LastIdBeforeAsync(long deviceId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
        return await db.DeviceEvents.AsNoTracking()
            .Where(e => e.DeviceId == deviceId && e.CreatedAt < since)
            .MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
    }

    private async Task<List<DeviceEventMessage>> ReadAfterAsync(long deviceId, long afterId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
        return await db.DeviceEvents.AsNoTracking()
            .Where(e => e.DeviceId == deviceId && e.Id > afterId)
            .OrderBy(e => e.Id)
            .Take(ReadBatchSize)
            .Select(e => new DeviceEventMessage(e.Id, e.Type, e.Data, e.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The second advisory-lock key: device ids fold into 32 bits; two devices sharing a key only wait for each other.</summary>
    /// <summary>
    /// The locks, the rows and their notifications in one round trip: a batch runs in one implicit transaction, so the
    /// locks are held until the rows commit and NOTIFY is delivered at that commit, as with an explicit transaction.
    /// </summary>
    private static async Task PublishOnPostgresAsync(AuthyDbContext db, long[] devices, string type, string json, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Sorted, and unnest yields them in array order: concurrent publishes to overlapping devices take the locks in
        // the same order and cannot deadlock.
        var lockKeys = devices.Select(LockKey).Distinct().Order().ToArray();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1, k) FROM unnest($2) AS t(k)")
                    {
                        Parameters = { new() { Value = AdvisoryLockClass }, new() { Value = lockKeys } },
                    },
                    new NpgsqlBatchCommand("""
                        WITH inserted AS (
                            INSERT INTO device_events (device_id, type, data, created_at)
                            SELECT d, $2, $3, $4 FROM unnest($1) WITH ORDINALITY AS t(d, n) ORDER BY n
                            RETURNING id, device_id)
                        SELECT pg_notify($5, device_id::text || ':' || id::text) FROM inserted
                        """)
                    {
                        Parameters =
                        {
                            new() { Value = devices },
                            new() { Value = type },
                            new() { Value = json },
                            new() { Value = now },
                            new() { Value = NotificationChannel },
                        },
                    },
                },
            };
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // A device was removed meanwhile: callers handle this as they handle a failed SaveChanges.
            throw new DbUpdateException("A device event's device no longer exists.", exception);
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static int LockKey(long deviceId) => unchecked((int)(deviceId ^ (deviceId >> 32)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading events for device {DeviceId} failed; the stream stays open and retries")]
    private static partial void LogReadFailed(ILogger logger, long deviceId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading events for device {DeviceId} works again")]
    private static partial void LogReadRecovered(ILogger logger, long deviceId);
}
