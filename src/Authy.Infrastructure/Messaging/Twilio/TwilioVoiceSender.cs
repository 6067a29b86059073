using Authy.Application.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using HttpMethod = Twilio.Http.HttpMethod;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>
/// Calls through Twilio's Calls resource. The call's script is not sent to Twilio: Twilio fetches it from this server
/// (<see cref="TwilioVoiceCalls"/>), which first asks for a random key and reads the code only after it.
/// </summary>
/// <remarks>A keyed singleton, so each call opens its own scope for the database.</remarks>
public sealed class TwilioVoiceSender(TwilioApi twilio, TwilioOptions options, IServiceScopeFactory scopes) : IVoiceSender
{
    public async Task<DeliveryReceipt> SendAsync(VoiceMessage message, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var calls = scope.ServiceProvider.GetRequiredService<TwilioVoiceCalls>();
        var (id, token) = await calls.CreateAsync(message, cancellationToken);
        string sid;
        try
        {
            var create = new CreateCallOptions(new PhoneNumber(message.To), new PhoneNumber(options.CallerId))
            {
                Url = new Uri(TwilioUrls.Voice(options, token)),
                Method = HttpMethod.Post,
                StatusCallback = new Uri(TwilioUrls.Status(options)),
                StatusCallbackMethod = HttpMethod.Post,
                StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"],
                Timeout = options.RingTimeoutSeconds,
            };
            sid = await twilio.CreateAsync("Calls.json", async client => (await CallResource.CreateAsync(create, client)).Sid, message.To, cancellationToken);
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
