using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Delivery;
using Authy.Application.Outcomes;
using Authy.Application.Tokens;
using Authy.Application.Users;
using Microsoft.Extensions.Time.Testing;

namespace Authy.UnitTests.Tokens;

/// <summary>The 429 of the per-user and per-phone send limits, and the <c>Retry-After</c> it carries.</summary>
public sealed class SendLimitsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public async Task TryConsumeAsync_BothTokenLimitsExceeded_RetryAfterWaitsForTheLaterWindow()
    {
        // The per-user window ends in 10 s, the per-phone one (shared across applications) in 500 s. A client that
        // honours Retry-After = 10 comes back into the per-phone limit, and is refused again.
        var throttle = new FixedThrottle(new()
        {
            ["send:member:7"] = new ThrottleCount(6, Now.AddSeconds(10)),
            ["send:phone:1:2015550123"] = new ThrottleCount(11, Now.AddSeconds(500)),
        });
        var counter = new SendLimitCounter(throttle, new FakeTimeProvider(Now));
        var app = new AuthenticatedApp(1, "App", new AppSettings());
        var member = new AppUser { Id = 7, EncryptedSeed = [], User = new User { CountryCode = 1, PhoneNumber = "2015550123" } };

        var refused = await counter.TryConsumeAsync(SendToken.Limits(app, member), TestContext.Current.CancellationToken);

        Assert.NotNull(refused);
        Assert.Equal(FailureKind.Throttled, refused.Kind);
        Assert.Equal(TimeSpan.FromSeconds(500), refused.RetryAfter);
    }

    private sealed class FixedThrottle(Dictionary<string, ThrottleCount> counts) : IThrottle
    {
        public Task<ThrottleCount> HitAsync(string key, TimeSpan window, CancellationToken cancellationToken) => Task.FromResult(counts[key]);

        public Task<ThrottleCount> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken) => Task.FromResult(counts[key]);

        public Task ResetAsync(string key, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
