using System.ComponentModel.DataAnnotations;

namespace Authy.Infrastructure.Messaging;

/// <summary>The delivery providers. Which channels each can serve is checked at start (<see cref="MessagingOptions.Validate"/>).</summary>
public enum SenderProvider
{
    /// <summary>Delivers nothing; logs that it would have (all channels).</summary>
    Log,

    /// <summary>Twilio's REST API: Messages for SMS, Calls with TwiML served by this server for voice.</summary>
    Twilio,

    /// <summary>A signed JSON POST to a configured URL, for any other SMS gateway (SMS only).</summary>
    Http,

    /// <summary>An SMTP server, through MailKit (e-mail only).</summary>
    Smtp,
}

/// <summary>
/// Which provider delivers each channel, and which one takes over when it fails (section <c>Messaging</c>). A message
/// that the primary cannot deliver (an error or a timeout) goes to the fallback within the same attempt, unchanged.
/// </summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>SMS provider: Log, Twilio or Http. Default <c>Log</c>.</summary>
    public SenderProvider SmsProvider { get; set; } = SenderProvider.Log;

    /// <summary>SMS provider used when <see cref="SmsProvider"/> fails; none by default.</summary>
    public SenderProvider? SmsFallbackProvider { get; set; }

    /// <summary>Voice provider: Log or Twilio. Default <c>Log</c>.</summary>
    public SenderProvider VoiceProvider { get; set; } = SenderProvider.Log;

    /// <summary>Voice provider used when <see cref="VoiceProvider"/> fails; none by default.</summary>
    public SenderProvider? VoiceFallbackProvider { get; set; }

    /// <summary>E-mail provider: Log or Smtp. Default <c>Log</c>.</summary>
    public SenderProvider EmailProvider { get; set; } = SenderProvider.Log;

    /// <summary>E-mail provider used when <see cref="EmailProvider"/> fails; none by default.</summary>
    public SenderProvider? EmailFallbackProvider { get; set; }

    /// <summary>
    /// How long one provider may take before the message moves to the fallback, in seconds. Default 10. Must leave
    /// room for the fallback within <c>Outbox:SendTimeoutSeconds</c>.
    /// </summary>
    [Range(1, 120)]
    public int ProviderTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The Log provider sends nothing; in Production the server refuses to start with it unless this is true
    /// (a silently undelivered code is an outage). Default false.
    /// </summary>
    public bool AllowLogProviderInProduction { get; set; }

    /// <summary>The providers that can serve each channel.</summary>
    public static readonly IReadOnlyDictionary<string, SenderProvider[]> ProvidersByChannel = new Dictionary<string, SenderProvider[]>(StringComparer.Ordinal)
    {
        ["Sms"] = [SenderProvider.Log, SenderProvider.Twilio, SenderProvider.Http],
        ["Voice"] = [SenderProvider.Log, SenderProvider.Twilio],
        ["Email"] = [SenderProvider.Log, SenderProvider.Smtp],
    };

    /// <summary>Every provider configured for any channel, primary or fallback.</summary>
    public IEnumerable<SenderProvider> Configured() =>
        new[] { SmsProvider, SmsFallbackProvider, VoiceProvider, VoiceFallbackProvider, EmailProvider, EmailFallbackProvider }
            .OfType<SenderProvider>()
            .Distinct();

    /// <summary>Problems with the choice of providers (a provider on a channel it cannot serve, a fallback equal to its primary).</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (channel, primary, fallback) in new (string, SenderProvider, SenderProvider?)[]
        {
            ("Sms", SmsProvider, SmsFallbackProvider),
            ("Voice", VoiceProvider, VoiceFallbackProvider),
            ("Email", EmailProvider, EmailFallbackProvider),
        })
        {
            var allowed = ProvidersByChannel[channel];
            if (!allowed.Contains(primary))
            {
                yield return $"Messaging:{channel}Provider={primary} cannot deliver {channel}; use one of {string.Join(", ", allowed)}.";
            }

            if (fallback is { } secondary && !allowed.Contains(secondary))
            {
                yield return $"Messaging:{channel}FallbackProvider={secondary} cannot deliver {channel}; use one of {string.Join(", ", allowed)}.";
            }

            if (fallback == primary)
            {
                yield return $"Messaging:{channel}FallbackProvider is the same as Messaging:{channel}Provider.";
            }
        }
    }
}
