using System.Diagnostics;
using System.Net;
using Authy.Application.Abstractions;
using Authy.Application.Otp;
using Authy.Application.Tokens;
using Authy.Application.Users;
using Authy.Infrastructure.Persistence;
using Authy.Infrastructure.Push;
using Authy.IntegrationTests.Cluster;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// verify's member cache and its one-statement fast path (ADR 0021), on both providers. Each test first warms the cache
/// with a verify and asserts the member is cached, so it runs the fast path; the changes made "without notice" go to the
/// database directly, as on a node that missed the notification, so only the statement's own conditions can refuse.
/// </summary>
public abstract class VerifyCacheTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : VerifyCacheTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : VerifyCacheTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    private static readonly TotpParameters Parameters = TotpParameters.Authy;

    [Fact]
    public async Task GetVerify_SameCodeTwiceOnWarmCache_SecondIsReused()
    {
        var member = await WarmMemberAsync();
        var code = await CodeAsync(member, stepOffset: 0);

        var first = await member.Client.GetApiAsync($"/protected/json/verify/{code}/{member.Id}");
        var second = await member.Client.GetApiAsync($"/protected/json/verify/{code}/{member.Id}");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        second.AssertAuthyError(HttpStatusCode.Unauthorized, "60019");
    }

    [Fact]
    public async Task GetVerify_TwentyConcurrentWithOneCodeOnWarmCache_ExactlyOneSucceeds()
    {
        var member = await WarmMemberAsync();
        var code = await CodeAsync(member, stepOffset: 0);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => Task.Run(() => member.Client.GetApiAsync($"/protected/json/verify/{code}/{member.Id}"), TestContext.Current.CancellationToken)));

        Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.Status != HttpStatusCode.OK), r => r.AssertAuthyError(HttpStatusCode.Unauthorized, "60019"));
    }

    [Fact]
    public async Task GetVerify_CorrectCodeOnWarmCacheAfterTheFailureLimit_Returns429()
    {
        var member = await WarmMemberAsync(maxFailedVerifies: 3);
        var code = await CodeAsync(member, stepOffset: 0);
        var wrong = code == "0000000" ? "1111111" : "0000000";
        for (var i = 0; i < 3; i++)
        {
            (await member.Client.GetApiAsync($"/protected/json/verify/{wrong}/{member.Id}")).AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        }

        Assert.True(IsCached(member));
        var locked = await member.Client.GetApiAsync($"/protected/json/verify/{code}/{member.Id}");

        locked.AssertAuthyError(HttpStatusCode.TooManyRequests, "60003");
    }

    [Fact]
    public async Task GetVerify_SeedRotatedWithoutNotice_OldCodeRefusedAndNewCodeAccepted()
    {
        var member = await WarmMemberAsync();
        var oldCode = await CodeAsync(member, stepOffset: 0);
        var newSeed = OtpSecret.NewSeed();
        await UpdateMemberAsync(member, m => m.SetProperty(x => x.EncryptedSeed, Protector.Protect(newSeed, SecretPurposes.Seed))
            .SetProperty(x => x.SeedVersion, x => x.SeedVersion + 1));
        Assert.True(IsCached(member)); // the stale entry is still there: only the statement can refuse

        var old = await member.Client.GetApiAsync($"/protected/json/verify/{oldCode}/{member.Id}");
        var fresh = await member.Client.GetApiAsync($"/protected/json/verify/{Code(factory, newSeed, stepOffset: 1)}/{member.Id}");

        old.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
    }

    [Fact]
    public async Task GetVerify_BannedWithoutNotice_Returns403OnWarmCache()
    {
        var member = await WarmMemberAsync();
        await UpdateMemberAsync(member, m => m.SetProperty(x => x.Status, AppUserStatus.Banned));
        Assert.True(IsCached(member));

        var response = await member.Client.GetApiAsync($"/protected/json/verify/{await CodeAsync(member, stepOffset: 0)}/{member.Id}");

        response.AssertAuthyError(HttpStatusCode.Forbidden, "60107");
    }

    [Fact]
    public async Task PostRegisterActivity_Banned_DropsTheMemberFromTheCacheAndVerifyRefuses()
    {
        var member = await WarmMemberAsync();

        var banned = await member.Client.PostFormAsync($"/protected/json/users/{member.Id}/register_activity", ("type", "banned"));
        var cached = IsCached(member);
        var response = await member.Client.GetApiAsync($"/protected/json/verify/{await CodeAsync(member, stepOffset: 0)}/{member.Id}");

        Assert.Equal(HttpStatusCode.OK, banned.Status);
        Assert.False(cached);
        response.AssertAuthyError(HttpStatusCode.Forbidden, "60107");
    }

    [Fact]
    public async Task PostDeleteUser_DropsTheMemberFromTheCacheAndVerifyAnswers404()
    {
        var member = await WarmMemberAsync();
        var code = await CodeAsync(member, stepOffset: 0);

        var deleted = await member.Client.PostFormAsync($"/protected/json/users/{member.Id}/remove");
        var cached = IsCached(member);
        var response = await member.Client.GetApiAsync($"/protected/json/verify/{code}/{member.Id}");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.False(cached);
        response.AssertAuthyError(HttpStatusCode.NotFound, "60026");
    }

    [Fact]
    public async Task DeleteDevice_ThatSynced_DropsTheMemberFromTheCacheOldCodeRefusedNewCodeAccepted()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);
        using var device = await TestDevice.RegisterAsync(factory, phone);
        Assert.Equal(HttpStatusCode.OK, (await device.GetAsync("/device/v1/tokens")).Status); // the device is handed the seed
        var member = new Member(client, app.Id, id);
        await WarmAsync(member);
        var oldCode = await CodeAsync(member, stepOffset: 0);

        var removed = await device.DeleteAsync("/device/v1/device");
        var cached = IsCached(member);
        var old = await client.GetApiAsync($"/protected/json/verify/{oldCode}/{id}");
        var fresh = await client.GetApiAsync($"/protected/json/verify/{await CodeAsync(member, stepOffset: 1)}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.False(cached);
        old.AssertAuthyError(HttpStatusCode.Unauthorized, "60020");
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
    }

    private ISecretProtector Protector => factory.Services.GetRequiredService<ISecretProtector>();

    /// <summary>A member whose entry is in the cache: one verify (the full path) filled it.</summary>
    private async Task<Member> WarmMemberAsync(int? maxFailedVerifies = null)
    {
        var app = await factory.CreateAppAsync(configure: maxFailedVerifies is { } limit ? s => s.MaxFailedVerifies = limit : null);
        var client = factory.CreateApiClient(app.ApiKey);
        var member = new Member(client, app.Id, await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next()));
        await WarmAsync(member);
        return member;
    }

    /// <summary>Verifies the previous step's code, leaving the current and later steps unused.</summary>
    private async Task WarmAsync(Member member)
    {
        var warm = await member.Client.GetApiAsync($"/protected/json/verify/{await CodeAsync(member, stepOffset: -1)}/{member.Id}");
        Assert.Equal(HttpStatusCode.OK, warm.Status);
        Assert.True(IsCached(member));
    }

    private bool IsCached(Member member) =>
        factory.Services.GetRequiredService<IVerifyMemberCache>().TryGet(member.AppId, member.Id, out _);

    private Task<string> CodeAsync(Member member, int stepOffset) => CurrentSeedCodeAsync(factory, member.AppId, member.Id, stepOffset);

    /// <summary>The code of the member's seed as stored now, at the current step plus <paramref name="stepOffset"/>.</summary>
    internal static async Task<string> CurrentSeedCodeAsync(AuthyApiFactory factory, int appId, long authyId, int stepOffset)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var encrypted = await scope.ServiceProvider.GetRequiredService<IAuthyDb>().AppUsers
            .Where(m => m.AppId == appId && m.UserId == authyId)
            .Select(m => m.EncryptedSeed)
            .SingleAsync(TestContext.Current.CancellationToken);
        var seed = factory.Services.GetRequiredService<ISecretProtector>().Unprotect(encrypted, SecretPurposes.Seed);
        return Code(factory, seed, stepOffset);
    }

    private static string Code(AuthyApiFactory factory, byte[] seed, int stepOffset) =>
        Totp.Compute(seed, Totp.StepAt(factory.Clock.GetUtcNow(), Parameters.StepSeconds) + stepOffset, Parameters);

    private async Task UpdateMemberAsync(
        Member member,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<AppUser>> set)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var updated = await scope.ServiceProvider.GetRequiredService<IAuthyDb>().AppUsers
            .Where(m => m.AppId == member.AppId && m.UserId == member.Id)
            .ExecuteUpdateAsync(set, TestContext.Current.CancellationToken);
        Assert.Equal(1, updated);
    }

    private sealed record Member(HttpClient Client, int AppId, long Id);
}

/// <summary>
/// PostgreSQL only. The fast path's point: on a warm cache, a successful verify is one database command, counted with
/// Npgsql's own tracing (each command is an activity) under a trace id the test sends in <c>traceparent</c>, so the
/// server's other work and the other tests' requests are not counted (Microsoft.Data.Sqlite does not trace commands).
/// And the other nodes' notifications reach this node's cache through its LISTEN connection.
/// </summary>
public sealed class VerifyCacheOnPostgresTests(AuthyApiFactory<Postgres> factory) : IClassFixture<AuthyApiFactory<Postgres>>
{
    [Fact]
    public async Task GetVerify_WarmCache_SucceedsWithOneDatabaseCommand()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());
        await factory.AddDeviceAsync(id); // the answer carries the latest device: read in the same statement
        using var counter = new CommandCounter();

        var cold = await counter.VerifyAsync(client, await CodeAsync(app.Id, id, stepOffset: -1), id);
        var warm = await counter.VerifyAsync(client, await CodeAsync(app.Id, id, stepOffset: 0), id);

        Assert.Equal(HttpStatusCode.OK, cold.Response.Status);
        Assert.Equal(HttpStatusCode.OK, warm.Response.Status);
        Assert.Equal("android", warm.Response.Json["device"]!["os_type"]!.GetValue<string>());
        Assert.True(cold.Commands.Count >= 2, "the cold verify reads, then updates: " + string.Join(" | ", cold.Commands));
        Assert.True(warm.Commands.Count == 1, "expected one command, saw: " + string.Join(" | ", warm.Commands));
    }

    [Fact]
    public async Task GetVerify_CodeFromAnSms_SucceedsWithOneDatabaseCommand()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);
        using var counter = new CommandCounter();

        Assert.Equal(HttpStatusCode.OK, (await client.GetApiAsync($"/protected/json/sms/{id}")).Status); // its read fills the cache
        var verified = await counter.VerifyAsync(client, await factory.WaitForSmsCodeAsync(phone), id);

        Assert.Equal(HttpStatusCode.OK, verified.Response.Status);
        Assert.True(verified.Commands.Count == 1, "expected one command, saw: " + string.Join(" | ", verified.Commands));
    }

    [Fact]
    public async Task MemberChangeNotifiedByAnotherNode_DropsTheMemberFromThisNodesCache()
    {
        var app = await factory.CreateAppAsync();
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());
        Assert.Equal(HttpStatusCode.OK, (await client.GetApiAsync($"/protected/json/verify/{await CodeAsync(app.Id, id, stepOffset: 0)}/{id}")).Status);
        var cache = factory.Services.GetRequiredService<IVerifyMemberCache>();
        Assert.True(cache.TryGet(app.Id, id, out _));
        await factory.Services.GetRequiredService<PostgresNotificationListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        // What another node's IMemberChanges sends, on a connection of its own.
        await using (var connection = new NpgsqlConnection(factory.Services.GetRequiredService<ResolvedDatabase>().ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var notify = new NpgsqlCommand("SELECT pg_notify('authy_member_changes', @payload)", connection);
            notify.Parameters.AddWithValue("payload", FormattableString.Invariant($"{app.Id}:{id}"));
            await notify.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await Eventually.UntilAsync(() => Task.FromResult(cache.TryGet(app.Id, id, out _)), cached => !cached, TimeSpan.FromSeconds(10), "the member leaves the cache");
    }

    private Task<string> CodeAsync(int appId, long id, int stepOffset) => VerifyCacheTests.CurrentSeedCodeAsync(factory, appId, id, stepOffset);

    private sealed class CommandCounter : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly Lock _lock = new();
        private readonly List<(ActivityTraceId Trace, string Text)> _commands = [];

        public CommandCounter()
        {
            _listener = new ActivityListener
            {
                // The server's request activity takes the trace id from traceparent; Npgsql's command activities are its children.
                ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.Source.Name == "Npgsql")
                    {
                        lock (_lock)
                        {
                            _commands.Add((activity.TraceId, activity.DisplayName + ": " + activity.GetTagItem("db.query.text") + activity.GetTagItem("db.statement")));
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public async Task<(ApiResponse Response, List<string> Commands)> VerifyAsync(HttpClient client, string code, long id)
        {
            var trace = ActivityTraceId.CreateRandom();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/protected/json/verify/{code}/{id}");
            request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            var response = await client.SendApiAsync(request);
            lock (_lock)
            {
                return (response, _commands.Where(c => c.Trace == trace).Select(c => c.Text).ToList());
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
