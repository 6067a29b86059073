namespace Authy.Infrastructure.Messaging;

public enum SenderProvider
{
    Log,
}

/// <summary>Which provider delivers each channel (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>SMS provider. Default <c>Log</c>.</summary>
    public SenderProvider SmsProvider { get; set; } = SenderProvider.Log;

    /// <summary>Voice provider. Default <c>Log</c>.</summary>
    public SenderProvider VoiceProvider { get; set; } = SenderProvider.Log;

    /// <summary>E-mail provider. Default <c>Log</c>.</summary>
    public SenderProvider EmailProvider { get; set; } = SenderProvider.Log;

    /// <summary>
    /// The Log provider sends nothing; in Production the server refuses to start with it unless this is true
    /// (a silently undelivered code is an outage). Default false.
    /// </summary>
    public bool AllowLogProviderInProduction { get; set; }
}
