using Authy.Application.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>
/// Calls through Twilio's Calls resource. The call's script is not sent to Twilio: Twilio fetches it from this server
/// (<see cref="TwilioVoiceCalls"/>), which first asks for a random key and reads the code only after it.
/// </summary>
/// <remarks>A keyed singleton, so each call opens its own scope for the database.</remarks>
public sealed class TwilioVoiceSender(TwilioRestClient twilio, TwilioOptions options, IServiceScopeFactory scopes) : IVoiceSender
{
    public async Task<DeliveryReceipt> SendAsync(VoiceMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var calls = scope.ServiceProvider.GetRequiredService<TwilioVoiceCalls>();
        var (id, token) = await calls.CreateAsync(message, cancellationToken);
        string sid;
        try
        {
            sid = await twilio.CreateAsync(
                "Calls.json",
                [
                    new("To", message.To),
                    new("From", options.CallerId),
                    new("Url", TwilioUrls.Voice(options, token)),
                    new("Method", "POST"),
                    new("StatusCallback", TwilioUrls.Status(options)),
                    new("StatusCallbackMethod", "POST"),
                    new("StatusCallbackEvent", "initiated"),
                    new("StatusCallbackEvent", "ringing"),
                    new("StatusCallbackEvent", "answered"),
                    new("StatusCallbackEvent", "completed"),
                    new("Timeout", options.RingTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ],
                message.To,
                cancellationToken);
        }
        catch
        {
            // A retry places a new call with a new token and key; this one will never be asked for.
            await calls.DeleteAsync(id, CancellationToken.None);
            throw;
        }

        await calls.SetCallSidAsync(id, sid, CancellationToken.None);
        return new DeliveryReceipt("twilio", sid);
    }
}
