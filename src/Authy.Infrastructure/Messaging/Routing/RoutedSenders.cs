using Authy.Application.Messaging;

namespace Authy.Infrastructure.Messaging.Routing;

/// <summary>
/// The <see cref="ISmsSender"/> the outbox uses: the configured SMS providers in order, then, when the message carries a
/// <see cref="SmsMessage.VoiceFallback"/> (the application allows it), a call with the same code through the voice chain.
/// </summary>
public sealed class RoutedSmsSender(IReadOnlyList<ChainLink<ISmsSender>> links, IVoiceSender voice, ProviderChain chain) : ISmsSender
{
    public async Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await chain.SendAsync("SMS", links, (sender, token) => sender.SendAsync(message, token), cancellationToken);
        }
        catch (Exception) when (message.VoiceFallback is not null && !cancellationToken.IsCancellationRequested)
        {
            return await voice.SendAsync(message.VoiceFallback, cancellationToken);
        }
    }
}

/// <summary>The <see cref="IVoiceSender"/> the outbox uses: the configured voice providers in order.</summary>
public sealed class RoutedVoiceSender(IReadOnlyList<ChainLink<IVoiceSender>> links, ProviderChain chain) : IVoiceSender
{
    public Task<DeliveryReceipt> SendAsync(VoiceMessage message, CancellationToken cancellationToken) =>
        chain.SendAsync("Voice", links, (sender, token) => sender.SendAsync(message, token), cancellationToken);
}

/// <summary>The <see cref="IEmailSender"/> the outbox uses: the configured e-mail providers in order.</summary>
public sealed class RoutedEmailSender(IReadOnlyList<ChainLink<IEmailSender>> links, ProviderChain chain) : IEmailSender
{
    public Task<DeliveryReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
        chain.SendAsync("E-mail", links, (sender, token) => sender.SendAsync(message, token), cancellationToken);
}
