using System.Collections.Concurrent;
using Authy.Application.Abstractions;
using Authy.Application.Messaging;
using Authy.Application.Observability;
using Authy.Application.OneTouch;
using Authy.Application.Webhooks;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authy.Infrastructure.Outbox;

/// <summary>
/// Delivers outbox messages at least once, many at a time (ADR 0022). It claims due rows in one statement, each
/// channel up to its free slots (<see cref="OutboxInFlightLimits"/>), so every claimed row is sent at once and its lease
/// runs from the start of its send; any number of nodes can run it, and a row is sent by one of them while its lease
/// holds. A node that dies mid-send loses its leases and another node retries. Deliveries are recorded in batches
/// (<see cref="DeliveryRecords"/>); failures one by one, backing off exponentially until
/// <see cref="OutboxOptions.MaxAttempts"/>. Idle, it runs one small indexed query per poll interval.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService
{
    private static readonly OutboxChannel[] Channels = Enum.GetValues<OutboxChannel>();

    private readonly IServiceScopeFactory _scopes;
    private readonly OutboxSignal _signal;
    private readonly TimeProvider _time;
    private readonly IOptions<OutboxOptions> _options;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly DeliveryRecords _records;
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    // Per channel: sends in flight, and whether the last claim took every free slot (more may be due).
    private readonly int[] _inFlight = new int[Channels.Length];
    private readonly int[] _saturated = new int[Channels.Length];
    private readonly ConcurrentDictionary<Task, byte> _sending = new();

    // Rows this node claimed whose outcome is not written yet (sending, or delivered and queued for the record).
    private readonly ConcurrentDictionary<Guid, byte> _unfinished = new();

    public OutboxDispatcher(
        IServiceScopeFactory scopes,
        OutboxSignal signal,
        TimeProvider time,
        IOptions<OutboxOptions> options,
        ILogger<OutboxDispatcher> logger)
    {
        _scopes = scopes;
        _signal = signal;
        _time = time;
        _options = options;
        _logger = logger;
        _records = new DeliveryRecords(scopes, id => _unfinished.TryRemove(id, out _), logger);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recording = _records.RunAsync(stoppingToken);
        AuthyMetrics.OutboxInFlightFrom(() => Channels.Select(c => KeyValuePair.Create(ChannelLabel(c), Volatile.Read(ref _inFlight[(int)c]))));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    foreach (var message in await ClaimAsync(stoppingToken))
                    {
                        var sending = SendAsync(message, stoppingToken);
                        _sending.TryAdd(sending, 0);
                        _ = sending.ContinueWith(done => _sending.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception exception)
                {
                    // The database may be down; keep going, the rows are safe where they are.
                    LogRoundFailed(_logger, exception);
                }

                // Woken by a message saved on this node, by a saturated channel's slots coming free, or by the poll.
                try
                {
                    await _signal.WaitAsync(TimeSpan.FromMilliseconds(_options.Value.PollIntervalMilliseconds), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            // Sends see the stop and end; what they delivered is recorded before the dispatcher returns.
            await Task.WhenAll(_sending.Keys);
            _records.Complete();
            await recording;
        }
    }

    /// <summary>One round, for tests and tools: claims what is due and fits the free slots, sends it all, records it; returns how many it claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        await Task.WhenAll(claimed.Select(message => SendAsync(message, cancellationToken)));
        await _records.FlushAsync(cancellationToken);
        return claimed.Count;
    }

    /// <summary>Claims, for each channel with free slots, up to that many due messages, and takes the slots.</summary>
    private async Task<IReadOnlyList<ClaimedMessage>> ClaimAsync(CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        var wanted = new Dictionary<OutboxChannel, int>(Channels.Length);
        foreach (var channel in Channels)
        {
            var free = settings.MaxInFlight.For(channel) - Volatile.Read(ref _inFlight[(int)channel]);
            if (free > 0)
            {
                wanted[channel] = free;
            }
        }

        if (wanted.Count == 0)
        {
            return [];
        }

        List<ClaimedMessage> claimed;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            // The lease runs from the claim, and a claimed row is sent at once: a row never waits for a slot under lease.
            var claimedAt = _time.GetUtcNow();
            var rows = await OutboxStatements.ClaimAsync(
                scope.ServiceProvider.GetRequiredService<AuthyDbContext>(), wanted, claimedAt, claimedAt.AddSeconds(settings.LeaseSeconds), _owner, cancellationToken);

            // A row of this node's own whose lease ran out before its outcome was written (a send longer than the
            // lease, a record not yet written) is still being handled here: the claim renewed its lease, and sending
            // it again would only duplicate it.
            claimed = [.. rows.Where(m => _unfinished.TryAdd(m.Id, 0))];
        }

        foreach (var (channel, asked) in wanted)
        {
            var taken = claimed.Count(m => m.Channel == channel);
            Interlocked.Add(ref _inFlight[(int)channel], taken);
            Volatile.Write(ref _saturated[(int)channel], taken == asked ? 1 : 0);
            if (taken == asked && FreeSlots(channel) >= WakeThreshold(channel))
            {
                _signal.Notify(); // sends ended while the claim ran: claim again without waiting for the next one
            }
        }

        return claimed;
    }

    private int FreeSlots(OutboxChannel channel) => _options.Value.MaxInFlight.For(channel) - Volatile.Read(ref _inFlight[(int)channel]);

    // A saturated channel wakes the claim loop once a quarter of its slots are free, so one claim takes many rows
    // instead of one statement per finished send.
    private int WakeThreshold(OutboxChannel channel) => Math.Max(1, _options.Value.MaxInFlight.For(channel) / 4);

    private async Task SendAsync(ClaimedMessage message, CancellationToken cancellationToken)
    {
        var queuedForRecord = false;
        try
        {
            // The delivery's log lines (and any webhook or callback it leads to) carry the writing request's id.
            using (Correlation.Begin(message.CorrelationId))
            {
                queuedForRecord = await DeliverAsync(message, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping mid-send: the row keeps its lease and is sent again after it.
        }
        catch (Exception exception)
        {
            LogRoundFailed(_logger, exception); // recording the failure failed: the lease brings the row back
        }
        finally
        {
            if (!queuedForRecord)
            {
                _unfinished.TryRemove(message.Id, out _);
            }

            Interlocked.Decrement(ref _inFlight[(int)message.Channel]);
            if (Volatile.Read(ref _saturated[(int)message.Channel]) == 1
                && FreeSlots(message.Channel) >= WakeThreshold(message.Channel)
                && Interlocked.Exchange(ref _saturated[(int)message.Channel], 0) == 1)
            {
                _signal.Notify();
            }
        }
    }

    /// <summary>Sends one message; true when it was delivered and queued for the record, false when its failure was written.</summary>
    private async Task<bool> DeliverAsync(ClaimedMessage message, CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        DeliveryReceipt receipt;
        await using var scope = _scopes.CreateAsyncScope();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.SendTimeoutSeconds));
            receipt = await SendAsync(scope.ServiceProvider, message, timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A permanent refusal (an invalid number…) fails at once: retrying would only cost money and time.
            var failed = message.Attempts >= settings.MaxAttempts || exception is PermanentDeliveryException;
            var retryAt = _time.GetUtcNow().Add(Backoff(message.Attempts));
            var error = Truncate($"{exception.GetType().Name}: {exception.Message}", 1000);
            var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.LeaseOwner == _owner)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, failed ? OutboxStatus.Failed : OutboxStatus.Pending)
                          .SetProperty(m => m.NextAttemptAt, retryAt)
                          .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null)
                          .SetProperty(m => m.LeaseOwner, (string?)null)
                          .SetProperty(m => m.LastError, error)
                          .SetProperty(m => m.CompletedAt, failed ? _time.GetUtcNow() : null),
                    CancellationToken.None);
            LogSendFailed(_logger, message.Channel, message.MaskedDestination, message.Id, message.Attempts, failed, exception);
            AuthyMetrics.Message(ChannelLabel(message.Channel), (exception as PermanentDeliveryException)?.Provider ?? "none", failed ? "failed" : "retry");
            return false;
        }

        // Recorded with other deliveries in one statement, and with no lease-owner check, unlike a failure: whoever
        // holds the row by then, it was delivered.
        _records.Add(new DeliveredMessage(message.Id, receipt.Provider, receipt.ProviderMessageId, _time.GetUtcNow()));
        LogSent(_logger, message.Channel, message.MaskedDestination, receipt.Provider, message.Id);
        AuthyMetrics.Message(ChannelLabel(message.Channel), receipt.Provider, "delivered");
        return true;
    }

    private static Task<DeliveryReceipt> SendAsync(IServiceProvider services, ClaimedMessage message, CancellationToken cancellationToken)
    {
        var protector = services.GetRequiredService<ISecretProtector>();
        var json = protector.Unprotect(message.Payload, SecretPurposes.OutboxPayload);
        return message.Channel switch
        {
            OutboxChannel.Sms => services.GetRequiredService<ISmsSender>().SendAsync(OutboxPayloads.Deserialize<SmsMessage>(json), cancellationToken),
            OutboxChannel.Voice => services.GetRequiredService<IVoiceSender>().SendAsync(OutboxPayloads.Deserialize<VoiceMessage>(json), cancellationToken),
            OutboxChannel.Email => services.GetRequiredService<IEmailSender>().SendAsync(OutboxPayloads.Deserialize<EmailMessage>(json), cancellationToken),
            OutboxChannel.Callback => services.GetRequiredService<DeliverCallback>().ExecuteAsync(OutboxPayloads.Deserialize<CallbackMessage>(json), cancellationToken),
            OutboxChannel.Webhook => services.GetRequiredService<DeliverWebhookEvent>().ExecuteAsync(OutboxPayloads.Deserialize<WebhookEventMessage>(json), cancellationToken),
            _ => throw new InvalidOperationException("Unknown outbox channel."),
        };
    }

    /// <summary>The <c>channel</c> label of the outbox metrics.</summary>
    internal static string ChannelLabel(OutboxChannel channel) => channel.ToString().ToLowerInvariant();

    /// <summary>2, 4, 8 … seconds, capped at five minutes.</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Clamp(attempts, 1, 20))));

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivered {Channel} to {MaskedDestination} through {Provider} (outbox {OutboxId})")]
    private static partial void LogSent(ILogger logger, OutboxChannel channel, string maskedDestination, string provider, Guid outboxId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver {Channel} to {MaskedDestination} (outbox {OutboxId}, attempt {Attempt}, gave up: {GaveUp})")]
    private static partial void LogSendFailed(ILogger logger, OutboxChannel channel, string maskedDestination, Guid outboxId, int attempt, bool gaveUp, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox round failed; retrying after the poll interval")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
