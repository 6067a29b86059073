using Authy.Application.Messaging;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>
/// SMS through Twilio's Messages resource. The status callback points at this server, so the outbox row learns whether
/// the text reached the handset (<see cref="TwilioStatusCallbacks"/>).
/// </summary>
public sealed class TwilioSmsSender(TwilioApi twilio, TwilioOptions options) : ISmsSender
{
    public async Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var create = new CreateMessageOptions(new PhoneNumber(message.To))
        {
            Body = message.Text,
            StatusCallback = new Uri(TwilioUrls.Status(options)),
        };

        // A Messaging Service picks the sender from its pool (and handles country rules); it wins over From.
        if (string.IsNullOrWhiteSpace(options.MessagingServiceSid))
        {
            create.From = new PhoneNumber(options.From);
        }
        else
        {
            create.MessagingServiceSid = options.MessagingServiceSid;
        }

        var sid = await twilio.CreateAsync("Messages.json", async client => (await MessageResource.CreateAsync(create, client)).Sid, message.To, cancellationToken);
        return new DeliveryReceipt("twilio", sid);
    }
}

/// <summary>The URLs on this server that Twilio calls, all under <see cref="TwilioOptions.ResolvedPublicBaseUrl"/>.</summary>
public static class TwilioUrls
{
    public const string StatusPath = "/twilio/status";
    public const string VoicePath = "/twilio/voice";
    public const string GatherPath = "/twilio/voice/gather";

    /// <summary>The query parameter that names a call (its token; the server keeps only the token's hash).</summary>
    public const string CallParameter = "call";

    public static string Status(TwilioOptions options) => options.ResolvedPublicBaseUrl + StatusPath;

    public static string Voice(TwilioOptions options, string token) => $"{options.ResolvedPublicBaseUrl}{VoicePath}?{CallParameter}={token}";

    public static string Gather(TwilioOptions options, string token) => $"{options.ResolvedPublicBaseUrl}{GatherPath}?{CallParameter}={token}";
}
