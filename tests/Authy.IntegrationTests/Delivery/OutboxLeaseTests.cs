using System.Collections.Concurrent;
using System.Net;
using Authy.Application.Messaging;
using Authy.Infrastructure.Outbox;
using Authy.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Authy.IntegrationTests.Delivery;

/// <summary>
/// The outbox lease of a message runs from its claim. A round whose first send outlasts the lease must still hold the
/// next message it claims against another node's dispatcher, or both nodes send it.
/// </summary>
public sealed class OutboxLeaseTests(OutboxLeaseTests.ManualDispatchFactory factory) : IClassFixture<OutboxLeaseTests.ManualDispatchFactory>
{
    [Fact]
    public async Task DispatchDueAsync_FirstSendOutlastsTheLease_NextClaimStillHeldAgainstAnotherNode()
    {
        var app = await factory.CreateAppAsync("Lease");
        var api = factory.CreateApiClient(app.ApiKey);
        var phones = new[] { TestPhone.Next(), TestPhone.Next() };
        foreach (var phone in phones)
        {
            var authyId = await AuthyApiFactory.RegisterUserAsync(api, phone);
            Assert.Equal(HttpStatusCode.OK, (await api.GetApiAsync($"/protected/json/sms/{authyId}")).Status);
        }

        var thisNode = factory.Services.GetRequiredService<OutboxDispatcher>();
        var otherNode = ActivatorUtilities.CreateInstance<OutboxDispatcher>(factory.Services);
        factory.Sender.OtherNode = otherNode;

        var handled = await thisNode.DispatchDueAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, handled);
        Assert.Equal(0, factory.Sender.HandledByOtherNode);
        Assert.Equal(phones.Select(p => p.E164).Order(), factory.Sender.Sent.Order());
    }

    /// <summary>No background dispatcher: the test runs the rounds. SMS go to <see cref="Sender"/>.</summary>
    public sealed class ManualDispatchFactory : AuthyApiFactory
    {
        public LongRoundSender Sender { get; private set; } = null!;

        public override string ProviderName => "Postgres";

        protected override Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) =>
            TestDatabases.CreatePostgresDatabaseAsync(cancellationToken);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Outbox:Enabled", "false");
            builder.UseSetting("Outbox:LeaseSeconds", "60");
            Sender = new LongRoundSender(Clock, TimeSpan.FromSeconds(61));
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<ISmsSender>();
                services.AddSingleton<ISmsSender>(Sender);
            });
        }
    }

    /// <summary>
    /// Its first send takes longer than the lease (on the fake clock); during its second, another node runs a round, as
    /// a node polling at that moment would.
    /// </summary>
    public sealed class LongRoundSender(FakeTimeProvider clock, TimeSpan firstSendTakes) : ISmsSender
    {
        private readonly ConcurrentQueue<string> _sent = new();

        public OutboxDispatcher? OtherNode { get; set; }

        public int HandledByOtherNode { get; private set; }

        public IReadOnlyList<string> Sent => [.. _sent];

        public async Task<DeliveryReceipt> SendAsync(SmsMessage message, CancellationToken cancellationToken)
        {
            _sent.Enqueue(message.To);
            if (_sent.Count == 1)
            {
                clock.Advance(firstSendTakes);
            }
            else if (_sent.Count == 2 && OtherNode is not null)
            {
                HandledByOtherNode = await OtherNode.DispatchDueAsync(cancellationToken);
            }

            return new DeliveryReceipt("test", null);
        }
    }
}
