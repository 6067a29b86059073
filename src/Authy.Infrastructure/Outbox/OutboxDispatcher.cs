using Authy.Application.Abstractions;
using Authy.Application.Messaging;
using Authy.Application.Observability;
using Authy.Application.Webhooks;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authy.Infrastructure.Outbox;

/// <summary>
/// Delivers outbox messages at least once. Each round claims due rows one by one with a conditional update (a lease),
/// so any number of nodes can run it and a row is sent by one of them; a node that dies mid-send loses the lease and
/// another node retries. Failures back off exponentially until <see cref="OutboxOptions.MaxAttempts"/>.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DispatchDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be down; keep going, the rows are safe where they are.
                LogRoundFailed(logger, exception);
            }

            if (sent == 0)
            {
                try
                {
                    await signal.WaitAsync(TimeSpan.FromMilliseconds(settings.PollIntervalMilliseconds), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round: claims and sends what is due; returns how many messages it handled.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
        var now = time.GetUtcNow();
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var handled = 0;
        foreach (var id in due)
        {
            // The lease runs from the claim, not from the round's start: a round of slow sends can outlast a lease, and
            // a claim dated from its start would be expired when made, free for another node to send again.
            var claimedAt = time.GetUtcNow();
            var leaseUntil = claimedAt.AddSeconds(settings.LeaseSeconds);
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= claimedAt
                    && (m.LeaseExpiresAt == null || m.LeaseExpiresAt < claimedAt))
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.LeaseExpiresAt, leaseUntil)
                          .SetProperty(m => m.LeaseOwner, _owner)
                          .SetProperty(m => m.Attempts, m => m.Attempts + 1),
                    cancellationToken);
            if (claimed == 0)
            {
                continue; // another node took it
            }

            var message = await db.OutboxMessages.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
            // The delivery's log lines (and any webhook or callback it leads to) carry the writing request's id.
            using (Correlation.Begin(message.CorrelationId))
            {
                await DeliverAsync(db, scope.ServiceProvider, message, cancellationToken);
            }

            handled++;
        }

        return handled;
    }

    private async Task DeliverAsync(AuthyDbContext db, IServiceProvider services, OutboxMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        DeliveryReceipt receipt;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.SendTimeoutSeconds));
            receipt = await SendAsync(services, message, timeout.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A permanent refusal (an invalid number…) fails at once: retrying would only cost money and time.
            var failed = message.Attempts >= settings.MaxAttempts || exception is PermanentDeliveryException;
            var retryAt = time.GetUtcNow().Add(Backoff(message.Attempts));
            var error = Truncate($"{exception.GetType().Name}: {exception.Message}", 1000);
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.LeaseOwner == _owner)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(m => m.Status, failed ? OutboxStatus.Failed : OutboxStatus.Pending)
                          .SetProperty(m => m.NextAttemptAt, retryAt)
                          .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null)
                          .SetProperty(m => m.LeaseOwner, (string?)null)
                          .SetProperty(m => m.LastError, error)
                          .SetProperty(m => m.CompletedAt, failed ? time.GetUtcNow() : null),
                    CancellationToken.None);
            LogSendFailed(logger, message.Channel, message.MaskedDestination, message.Id, message.Attempts, failed, exception);
            AuthyMetrics.Message(ChannelLabel(message.Channel), (exception as PermanentDeliveryException)?.Provider ?? "none", failed ? "failed" : "retry");
            return;
        }

        // No lease-owner check here, unlike the failure path: whoever holds the row now, it was delivered.
        var completedAt = time.GetUtcNow();
        await db.OutboxMessages.Where(m => m.Id == message.Id)
            .ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Status, OutboxStatus.Delivered)
                      .SetProperty(m => m.Provider, receipt.Provider)
                      .SetProperty(m => m.ProviderMessageId, receipt.ProviderMessageId)
                      .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null)
                      .SetProperty(m => m.LeaseOwner, (string?)null)
                      .SetProperty(m => m.LastError, (string?)null)
                      .SetProperty(m => m.CompletedAt, completedAt),
                CancellationToken.None);
        LogSent(logger, message.Channel, message.MaskedDestination, receipt.Provider, message.Id);
        AuthyMetrics.Message(ChannelLabel(message.Channel), receipt.Provider, "delivered");
    }

    private static Task<DeliveryReceipt> SendAsync(IServiceProvider services, OutboxMessage message, CancellationToken cancellationToken)
    {
        var protector = services.GetRequiredService<ISecretProtector>();
        var json = protector.Unprotect(message.Payload, SecretPurposes.OutboxPayload);
        return message.Channel switch
        {
            OutboxChannel.Sms => services.GetRequiredService<ISmsSender>().SendAsync(OutboxPayloads.Deserialize<SmsMessage>(json), cancellationToken),
            OutboxChannel.Voice => services.GetRequiredService<IVoiceSender>().SendAsync(OutboxPayloads.Deserialize<VoiceMessage>(json), cancellationToken),
            OutboxChannel.Email => services.GetRequiredService<IEmailSender>().SendAsync(OutboxPayloads.Deserialize<EmailMessage>(json), cancellationToken),
            OutboxChannel.Callback => services.GetRequiredService<ICallbackSender>().SendAsync(OutboxPayloads.Deserialize<CallbackMessage>(json), cancellationToken),
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
