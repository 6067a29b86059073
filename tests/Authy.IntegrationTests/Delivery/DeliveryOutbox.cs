using Authy.Application.Messaging;
using Authy.Infrastructure.Persistence;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Delivery;

/// <summary>Reads an application's outbox rows and moves the server's clock until the dispatcher has settled one.</summary>
internal static class DeliveryOutbox
{
    /// <summary>
    /// Waits until the app's only row of <paramref name="channel"/> is delivered or failed, moving the clock a second
    /// at a time so retries (2 s, then 4 s backoff on the server's clock) come due.
    /// </summary>
    public static async Task<OutboxMessage> SettledAsync(AuthyApiFactory factory, int appId, OutboxChannel channel, int seconds = 60)
    {
        for (var i = 0; i < seconds * 4; i++)
        {
            var row = await RowAsync(factory, appId, channel);
            if (row is { Status: not OutboxStatus.Pending })
            {
                return row;
            }

            if (i % 4 == 3)
            {
                factory.Clock.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"The {channel} message of app {appId} was still pending.");
    }

    private static async Task<OutboxMessage?> RowAsync(AuthyApiFactory factory, int appId, OutboxChannel channel)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthyDbContext>().OutboxMessages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.AppId == appId && m.Channel == channel, TestContext.Current.CancellationToken);
    }
}
