using System.Globalization;
using Authy.Infrastructure.Caching;
using Authy.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Authy.Infrastructure.Push;

/// <summary>
/// Carries device events across nodes: one dedicated connection per node runs <c>LISTEN authy_device_events</c> and
/// turns each notification into a local wake-up for that device's streams (<see cref="DeviceEventSignals"/>). The same
/// connection runs <c>LISTEN authy_member_changes</c> and drops the named members from verify's cache
/// (<see cref="VerifyMemberCache"/>, ADR 0021): one session per node carries both.
/// </summary>
/// <remarks>
/// A dropped connection is reopened with backoff (1 s doubling to 30 s). Notifications sent while it was down are lost,
/// so after every (re)connect all local streams are woken to re-read the database; until then they still poll every
/// <see cref="PushOptions.FallbackPollSeconds"/>, and verify's cache is emptied (it may hold members whose change was
/// announced meanwhile). Npgsql keepalives (every 15 s) detect a silently dead connection.
/// </remarks>
public sealed partial class PostgresNotificationListener(
    ResolvedDatabase database,
    DeviceEventSignals signals,
    VerifyMemberCache members,
    ILogger<PostgresNotificationListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly Lock _stateLock = new();
    private TaskCompletionSource _listening = NewListening();
    private int? _processId;

    /// <summary>Completes once this node listens (again, after a drop).</summary>
    public Task Listening
    {
        get
        {
            lock (_stateLock)
            {
                return _listening.Task;
            }
        }
    }

    /// <summary>The server process id of the listening connection, or null while it is not connected.</summary>
    public int? ProcessId
    {
        get
        {
            lock (_stateLock)
            {
                return _processId;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            // LISTEN belongs to a session: never share it through the pool or a multiplexed connection.
            Pooling = false,
            Multiplexing = false,
            KeepAlive = 15,
            ApplicationName = "authy-device-events",
        }.ConnectionString;

        var retryDelay = FirstRetryDelay;
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, e) => OnNotification(e.Channel, e.Payload);
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {DatabaseDeviceEvents.NotificationChannel}; LISTEN {MemberChanges.NotificationChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                SetListening(connection.ProcessID);
                if (reconnecting)
                {
                    LogReconnected(logger);
                }

                // Whatever was announced while we were not listening: let every stream re-read, forget every member.
                signals.SignalAll();
                members.Clear();
                retryDelay = FirstRetryDelay;
                reconnecting = false;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                SetNotListening();
                LogConnectionLost(logger, retryDelay.TotalSeconds, exception);
                reconnecting = true;
            }

            try
            {
                await Task.Delay(retryDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private void OnNotification(string channel, string payload)
    {
        if (channel == MemberChanges.NotificationChannel)
        {
            if (MemberChanges.TryParse(payload, out var appId, out var authyId))
            {
                members.Remove(appId, authyId);
            }

            return;
        }

        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        var deviceText = separator < 0 ? payload.AsSpan() : payload.AsSpan(0, separator);
        if (long.TryParse(deviceText, NumberStyles.None, CultureInfo.InvariantCulture, out var deviceId))
        {
            signals.Signal(deviceId);
        }
    }

    private void SetListening(int processId)
    {
        lock (_stateLock)
        {
            _processId = processId;
            _listening.TrySetResult();
        }
    }

    private void SetNotListening()
    {
        lock (_stateLock)
        {
            _processId = null;
            if (_listening.Task.IsCompleted)
            {
                _listening = NewListening();
            }
        }
    }

    private static TaskCompletionSource NewListening() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The device events listener lost its PostgreSQL connection; reconnecting in {DelaySeconds} s (streams poll meanwhile)")]
    private static partial void LogConnectionLost(ILogger logger, double delaySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The device events listener is connected again")]
    private static partial void LogReconnected(ILogger logger);
}
