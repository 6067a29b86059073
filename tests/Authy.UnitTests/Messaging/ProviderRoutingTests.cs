using Authy.Application.Messaging;
using Authy.Infrastructure.Messaging;
using Authy.Infrastructure.Messaging.Routing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Authy.UnitTests.Messaging;

public sealed class ProviderRoutingTests
{
    private static readonly SmsMessage Sms = new("+12015550123", "Your code is 1234567", "en");

    private static readonly ProviderChain Chain = new(TimeSpan.FromMilliseconds(200), NullLogger<ProviderChain>.Instance);

    [Fact]
    public async Task PrimaryFails_TheSameMessageGoesToTheFallback()
    {
        var primary = new ScriptedSms(_ => throw new HttpRequestException("503"));
        var fallback = new ScriptedSms(_ => Task.FromResult(new DeliveryReceipt("http", "g-1")));
        var sender = new RoutedSmsSender([new(SenderProvider.Twilio, primary), new(SenderProvider.Http, fallback)], new ScriptedVoice(), Chain);

        var receipt = await sender.SendAsync(Sms, TestContext.Current.CancellationToken);

        Assert.Equal("http", receipt.Provider);
        Assert.Same(Sms, Assert.Single(primary.Seen));
        Assert.Same(Sms, Assert.Single(fallback.Seen));
    }

    [Fact]
    public async Task PrimaryHangs_TheFallbackTakesOverAfterTheProviderTimeout()
    {
        var primary = new ScriptedSms(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new DeliveryReceipt("never", null);
        });
        var fallback = new ScriptedSms(_ => Task.FromResult(new DeliveryReceipt("http", null)));
        var sender = new RoutedSmsSender([new(SenderProvider.Twilio, primary), new(SenderProvider.Http, fallback)], new ScriptedVoice(), Chain);

        var receipt = await sender.SendAsync(Sms, TestContext.Current.CancellationToken);

        Assert.Equal("http", receipt.Provider);
    }

    [Fact]
    public async Task EverySmsProviderFails_WithVoiceFallback_CallsWithTheSameCode()
    {
        var call = new VoiceMessage("+12015550123", "Your code is 1, 2, 3", "1234567", "en");
        var voice = new ScriptedVoice();
        var sender = new RoutedSmsSender([new(SenderProvider.Twilio, new ScriptedSms(_ => throw new HttpRequestException("down")))], voice, Chain);

        var receipt = await sender.SendAsync(Sms with { VoiceFallback = call }, TestContext.Current.CancellationToken);

        Assert.Equal("voice", receipt.Provider);
        Assert.Same(call, Assert.Single(voice.Seen));
    }

    [Fact]
    public async Task EveryProviderFails_WithoutVoiceFallback_TheLastFailureIsThrown()
    {
        var permanent = new PermanentDeliveryException("http", DeliveryRefusal.InvalidNumber, "invalid number");
        var sender = new RoutedSmsSender(
            [new(SenderProvider.Twilio, new ScriptedSms(_ => throw new HttpRequestException("down"))), new(SenderProvider.Http, new ScriptedSms(_ => throw permanent))],
            new ScriptedVoice(),
            Chain);

        var thrown = await Assert.ThrowsAsync<PermanentDeliveryException>(() => sender.SendAsync(Sms, TestContext.Current.CancellationToken));

        Assert.Same(permanent, thrown);
    }

    [Fact]
    public async Task CallerCancels_NoFailover()
    {
        using var cancelled = new CancellationTokenSource();
        var fallback = new ScriptedSms(_ => Task.FromResult(new DeliveryReceipt("http", null)));
        var primary = new ScriptedSms(_ =>
        {
            cancelled.Cancel();
            throw new OperationCanceledException(cancelled.Token);
        });
        var sender = new RoutedSmsSender([new(SenderProvider.Twilio, primary), new(SenderProvider.Http, fallback)], new ScriptedVoice(), Chain);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(Sms, cancelled.Token));

        Assert.Empty(fallback.Seen);
    }

    [Fact]
    public void Options_ProviderOnAChannelItCannotServe_IsReported()
    {
        var options = new MessagingOptions { EmailProvider = SenderProvider.Twilio, SmsProvider = SenderProvider.Http, SmsFallbackProvider = SenderProvider.Http };

        var problems = options.Validate().ToList();

        Assert.Contains(problems, p => p.Contains("EmailProvider=Twilio", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("SmsFallbackProvider is the same", StringComparison.Ordinal));
        Assert.Empty(new MessagingOptions { SmsProvider = SenderProvider.Twilio, SmsFallbackProvider = SenderProvider.Http }.Validate());
    }

    private sealed class ScriptedSms(Func<CancellationToken, Task<DeliveryReceipt>> answer) : ISmsSender
    {
        public List<SmsMessage> Seen { get; } = [];

        public Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
        {
            Seen.Add(message);
            return answer(cancellationToken);
        }
    }

    private sealed class ScriptedVoice : IVoiceSender
    {
        public List<VoiceMessage> Seen { get; } = [];

        public Task<DeliveryReceipt> SendAsync(VoiceMessage message, CancellationToken cancellationToken)
        {
            Seen.Add(message);
            return Task.FromResult(new DeliveryReceipt("voice", null));
        }
    }
}
