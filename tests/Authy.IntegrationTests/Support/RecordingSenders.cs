using System.Collections.Concurrent;
using Authy.Application.Messaging;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// Stand-ins for the providers: they record what the outbox dispatcher delivered, so a test reads the code a user
/// would have received. <see cref="FailNext"/> makes the next sends throw, as a provider outage would.
/// </summary>
public sealed class RecordingSenders : ISmsSender, IVoiceSender, IEmailSender
{
    private readonly ConcurrentQueue<object> _sent = new();
    private int _failures;
    private readonly ConcurrentDictionary<string, bool> _refused = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unreachable = new(StringComparer.Ordinal);

    public IReadOnlyList<SmsMessage> Sms => [.. _sent.OfType<SmsMessage>()];

    public IReadOnlyList<VoiceMessage> Calls => [.. _sent.OfType<VoiceMessage>()];

    public IReadOnlyList<EmailMessage> Emails => [.. _sent.OfType<EmailMessage>()];

    public void FailNext(int count) => Interlocked.Exchange(ref _failures, count);

    /// <summary>Makes every send to <paramref name="to"/> refuse the message for good, as a provider does for an invalid number.</summary>
    public void RefuseAllTo(string to) => _refused[to] = true;

    /// <summary>Makes every send to <paramref name="to"/> fail as an outage does, so its message stays pending and is retried.</summary>
    public void FailAllTo(string to) => _unreachable[to] = true;

    public Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken) => Record(message);

    public Task<DeliveryReceipt> SendAsync(VoiceMessage message, CancellationToken cancellationToken) => Record(message);

    public Task<DeliveryReceipt> SendAsync(EmailMessage message, CancellationToken cancellationToken) => Record(message);

    /// <summary>Waits until a message matching <paramref name="match"/> was delivered.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, int skip = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var found = _sent.OfType<T>().Where(match).Skip(skip).FirstOrDefault();
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No {typeof(T).Name} was delivered in time.");
    }

    private Task<DeliveryReceipt> Record(object message)
    {
        if (message is SmsMessage { To: var to } && _refused.ContainsKey(to))
        {
            throw new PermanentDeliveryException("recording", DeliveryRefusal.InvalidNumber, "simulated invalid number");
        }

        if (message is SmsMessage { To: var unreachable } && _unreachable.ContainsKey(unreachable))
        {
            throw new HttpRequestException("Simulated provider outage for this number.");
        }

        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            throw new HttpRequestException("Simulated provider outage.");
        }

        Interlocked.Exchange(ref _failures, 0);
        _sent.Enqueue(message);
        return Task.FromResult(new DeliveryReceipt("recording", Guid.NewGuid().ToString("N")));
    }
}
