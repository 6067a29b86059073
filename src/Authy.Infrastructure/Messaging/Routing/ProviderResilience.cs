using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Authy.Infrastructure.Messaging.Routing;

/// <summary>
/// The resilience pipeline of every provider's HTTP client (Microsoft.Extensions.Http.Resilience): a circuit breaker
/// that, once a provider fails most of its recent requests, refuses calls to it for a while, so the router moves each
/// message to the fallback at once instead of waiting out a timeout per message.
/// There is deliberately no retry in the client: a provider POST is not idempotent (a retried 5xx can send a second SMS
/// or call), and the outbox already retries the whole chain with backoff.
/// </summary>
public static class ProviderResilience
{
    /// <summary>Failures needed among recent requests before the circuit opens: half of at least 20 in 30 seconds.</summary>
    public const double FailureRatio = 0.5;

    public const int MinimumThroughput = 20;

    public static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before letting one through to test the provider.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    public static IHttpClientBuilder AddProviderResilience(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler("provider", pipeline => pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            // The defaults count what a provider outage looks like: 5xx, 408, 429, connection errors and timeouts;
            // a 4xx refusal of one message is the message's problem, not the provider's.
            FailureRatio = FailureRatio,
            MinimumThroughput = MinimumThroughput,
            SamplingDuration = SamplingDuration,
            BreakDuration = BreakDuration,
        }));
        return builder;
    }
}
