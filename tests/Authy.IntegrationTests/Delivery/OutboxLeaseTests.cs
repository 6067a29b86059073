using System.Collections.Concurrent;
using System.Net;
using Authy.Application.Messaging;
using Authy.Infrastructure.Outbox;
using Authy.Infrastructure.Persistence;
using Authy.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Authy.IntegrationTests.Delivery;

/// <summary>
/// The outbox lease of a message runs from its claim, and a dispatcher claims only what it can send at once (its free
/// slots): a message never waits for a slot under a lease that may run out, and a message whose lease holds is not sent
/// by another node. Sends run concurrently up to the channel's limit, never beyond it.
/// </summary>
public sealed class OutboxLeaseTests(OutboxLeaseTests.ManualDispatchFactory factory) : IClassFixture<OutboxLeaseTests.ManualDispatchFactory>
{
    [Fact]
    public async Task DispatchDueAsync_MoreDueThanSlots_ClaimsOnlyWhatItSendsAndAnotherNodeTakesTheRestOnce()
    {
        var phones = await QueueSmsAsync("Lease", 2);
        var thisNode = factory.Services.GetRequiredService<OutboxDispatcher>();
        var otherNode = ActivatorUtilities.CreateInstance<OutboxDispatcher>(factory.Services);
        factory.Sender.Reset(during: otherNode);

        var handled = await thisNode.DispatchDueAsync(TestContext.Current.CancellationToken);

        // MaxInFlight:Sms is 1: this node claimed one; during its send (half a lease long) the other node took the
        // second, unclaimed one, and not the first, whose lease held.
        Assert.Equal(1, handled);
        Assert.Equal(1, factory.Sender.HandledByOtherNode);
        Assert.Equal(phones.Select(p => p.E164).Order(), factory.Sender.Sent.Order());
        Assert.Equal(0, await thisNode.DispatchDueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DispatchDueAsync_MoreDueThanTheLimit_SendsConcurrentlyUpToItAndRecordsEveryDelivery()
    {
        var phones = await QueueSmsAsync("Concurrency", 5);
        var dispatcher = new OutboxDispatcher(
            factory.Services.GetRequiredService<IServiceScopeFactory>(),
            factory.Services.GetRequiredService<OutboxSignal>(),
            factory.Clock,
            Options.Create(new OutboxOptions { MaxInFlight = { Sms = 3 } }),
            NullLogger<OutboxDispatcher>.Instance);

        // Each send of the first round waits until all three have arrived: sent one after another, they would time out.
        factory.Sender.Reset(during: null, holdUntilArrived: 3);
        Assert.Equal(3, await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken));
        factory.Sender.HoldUntilArrived = 5;
        Assert.Equal(2, await dispatcher.DispatchDueAsync(TestContext.Current.CancellationToken));

        Assert.Equal(3, factory.Sender.PeakInFlight);
        Assert.Equal(phones.Select(p => p.E164).Order(), factory.Sender.Sent.Order());
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthyDbContext>();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.AppId == phones.AppId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.Equal(OutboxStatus.Delivered, row.Status);
            Assert.Equal("test", row.Provider);
            Assert.StartsWith("test-", row.ProviderMessageId, StringComparison.Ordinal);
            Assert.Null(row.LeaseOwner);
            Assert.NotNull(row.CompletedAt);
        });
    }

    private async Task<QueuedSms> QueueSmsAsync(string appName, int count)
    {
        var app = await factory.CreateAppAsync(appName);
        var api = factory.CreateApiClient(app.ApiKey);
        var phones = Enumerable.Range(0, count).Select(_ => TestPhone.Next()).ToList();
        foreach (var phone in phones)
        {
            var authyId = await AuthyApiFactory.RegisterUserAsync(api, phone);
            Assert.Equal(HttpStatusCode.OK, (await api.GetApiAsync($"/protected/json/sms/{authyId}")).Status);
        }

        return new QueuedSms(app.Id, phones);
    }

    private sealed class QueuedSms(int appId, List<TestPhone> phones) : List<TestPhone>(phones)
    {
        public int AppId => appId;
    }

    /// <summary>No background dispatcher: the test runs the rounds. SMS go to <see cref="Sender"/>.</summary>
    public sealed class ManualDispatchFactory() : AuthyApiFactory(new Postgres())
    {
        public RecordingSender Sender { get; private set; } = null!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Outbox:Enabled", "false");
            builder.UseSetting("Outbox:LeaseSeconds", "60");
            builder.UseSetting("Outbox:MaxInFlight:Sms", "1");
            Sender = new RecordingSender(Clock);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<ISmsSender>();
                services.AddSingleton<ISmsSender>(Sender);
            });
        }
    }

    /// <summary>
    /// Records what it sends and how many sends were in flight at once. Its first send after <see cref="Reset"/> takes
    /// half a lease (on the fake clock) and, meanwhile, another node runs a round, as a node polling then would. With
    /// <see cref="HoldUntilArrived"/>, each send waits until that many sends have arrived since the reset (at most 10 s).
    /// </summary>
    public sealed class RecordingSender(FakeTimeProvider clock) : ISmsSender
    {
        private readonly ConcurrentQueue<string> _sent = new();
        private OutboxDispatcher? _during;
        private int _arrived;
        private int _inFlight;
        private int _peak;

        public int HandledByOtherNode { get; private set; }

        public int HoldUntilArrived { get; set; }

        public int PeakInFlight => Volatile.Read(ref _peak);

        public IReadOnlyList<string> Sent => [.. _sent];

        public void Reset(OutboxDispatcher? during, int holdUntilArrived = 0)
        {
            _sent.Clear();
            _during = during;
            HandledByOtherNode = 0;
            HoldUntilArrived = holdUntilArrived;
            _arrived = 0;
            _peak = 0;
        }

        public async Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
        {
            var arrived = Interlocked.Increment(ref _arrived);
            var inFlight = Interlocked.Increment(ref _inFlight);
            try
            {
                InterlockedMax(ref _peak, inFlight);
                _sent.Enqueue(message.To);
                if (arrived == 1 && Interlocked.Exchange(ref _during, null) is { } otherNode)
                {
                    clock.Advance(TimeSpan.FromSeconds(30));
                    HandledByOtherNode = await otherNode.DispatchDueAsync(cancellationToken);
                }

                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (Volatile.Read(ref _arrived) < HoldUntilArrived)
                {
                    Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"Only {_arrived} sends arrived; expected {HoldUntilArrived} at once.");
                    await Task.Delay(10, cancellationToken);
                }

                return new DeliveryReceipt("test", $"test-{arrived}");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            var current = Volatile.Read(ref target);
            while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
            {
                current = seen;
            }
        }
    }
}
