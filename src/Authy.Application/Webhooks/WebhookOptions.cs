using System.ComponentModel.DataAnnotations;

namespace Authy.Application.Webhooks;

/// <summary>The Webhooks API and event delivery (section <c>Webhooks</c>; docs/configuration.md).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>How long a used request nonce is remembered, in hours. Default 24. A nonce that is not a timestamp can be replayed after this.</summary>
    [Range(1, 720)]
    public int NonceRetentionHours { get; set; } = 24;

    /// <summary>How far a timestamp nonce (<c>1427849783.886085</c>) may be from the server's clock, in seconds. Default 900.</summary>
    [Range(30, 86_400)]
    public int NonceClockSkewSeconds { get; set; } = 900;

    /// <summary>
    /// How long a node keeps an application's webhook subscriptions in memory, in seconds. Default 5. A webhook created or
    /// deleted on another node takes effect here within this time; 0 reads them from the database for every event.
    /// </summary>
    [Range(0, 300)]
    public int SubscriptionCacheSeconds { get; set; } = 5;

    /// <summary>Webhooks one application may have. Default 50.</summary>
    [Range(1, 1000)]
    public int MaxWebhooksPerApplication { get; set; } = 50;
}
