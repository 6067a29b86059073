using Authy.Application.Messaging;
using Microsoft.Extensions.Logging;

namespace Authy.Infrastructure.Messaging.Routing;

/// <summary>One configured provider of a channel, by name.</summary>
public sealed record ChainLink<TSender>(SenderProvider Name, TSender Sender);

/// <summary>
/// Tries a channel's providers in order (primary, then fallback) with the same message. Each provider gets at most
/// <c>Messaging:ProviderTimeoutSeconds</c>; an error or a timeout moves the message to the next one. When every provider
/// failed, the last failure is thrown, so the outbox retries (or fails the message at once if it was permanent).
/// </summary>
public sealed partial class ProviderChain(TimeSpan providerTimeout, ILogger<ProviderChain> logger)
{
    public async Task<DeliveryReceipt> SendAsync<TSender>(
        string channel,
        IReadOnlyList<ChainLink<TSender>> links,
        Func<TSender, CancellationToken, Task<DeliveryReceipt>> send,
        CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(providerTimeout);
            try
            {
                return await send(link.Sender, timeout.Token);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The caller's token is intact, so this provider failed or ran out of time: try the next one.
                last = exception is OperationCanceledException
                    ? new TimeoutException($"{link.Name} did not answer within {providerTimeout.TotalSeconds:0} s.", exception)
                    : exception;
                if (i + 1 < links.Count)
                {
                    LogFailover(logger, channel, link.Name, links[i + 1].Name, last.GetType().Name, last.Message);
                }
            }
        }

        throw last ?? new InvalidOperationException($"No {channel} provider is configured.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} provider {Failed} failed ({ErrorType}: {Error}); the message moves to {Next}")]
    private static partial void LogFailover(ILogger logger, string channel, SenderProvider failed, SenderProvider next, string errorType, string error);
}
