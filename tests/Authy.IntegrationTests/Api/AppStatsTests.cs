using System.Net;
using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Apps.Usage;
using Authy.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// app/stats (spec §3.11), on both providers. A class of its own: it moves the fake clock across months, which the
/// other suites' timings would not expect.
/// </summary>
public abstract class AppStatsTests(AuthyApiFactory factory)
{
    public sealed class OnPostgres(AuthyApiFactory<Postgres> factory) : AppStatsTests(factory), IClassFixture<AuthyApiFactory<Postgres>>;

    public sealed class OnSqlite(AuthyApiFactory<Sqlite> factory) : AppStatsTests(factory), IClassFixture<AuthyApiFactory<Sqlite>>;

    private static readonly string[] RowKeys = ["api_calls_count", "auths_count", "calls_count", "month", "sms_count", "users_count", "year"];

    private static async Task<JsonNode> StatsAsync(HttpClient client)
    {
        var response = await client.GetApiAsync("/protected/json/app/stats");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Monthly statistics.", response.Json["message"]!.GetValue<string>());
        Assert.True(response.Json["success"]!.GetValue<bool>());
        return response.Json;
    }

    private void AdvanceToNextMonth()
    {
        var now = factory.Clock.GetUtcNow();
        var next = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1).AddHours(1);
        factory.Clock.Advance(next - now);
    }

    [Fact]
    public async Task Stats_CountWhatTheAppDid_PerCalendarMonth()
    {
        var app = await factory.CreateAppAsync("Stats App");
        var client = factory.CreateApiClient(app.ApiKey);
        var phone = TestPhone.Next();
        var created = factory.Clock.GetUtcNow();

        // This month: two users added (one twice), one SMS, one call, one successful and one failed verify.
        var id = await AuthyApiFactory.RegisterUserAsync(client, phone);
        await AuthyApiFactory.RegisterUserAsync(client, phone);
        await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());
        await client.GetApiAsync($"/protected/json/sms/{id}");
        var code = await factory.WaitForSmsCodeAsync(phone);
        await client.GetApiAsync($"/protected/json/call/{id}");
        await client.GetApiAsync($"/protected/json/verify/{code}/{id}");
        await client.GetApiAsync($"/protected/json/verify/0000000/{id}");
        await client.PostFormAsync("/protected/json/phones/verification/start", ("via", "sms"), ("country_code", "1"), ("phone_number", TestPhone.Next().National));
        var thisMonth = await StatsAsync(client);

        AdvanceToNextMonth();
        await client.GetApiAsync($"/protected/json/users/{id}/status");
        var nextMonth = await StatsAsync(client);

        var first = Assert.Single(thisMonth["stats"]!.AsArray())!;
        Assert.Equal(1, thisMonth["count"]!.GetValue<int>());
        Assert.Equal(app.Id, thisMonth["app_id"]!.GetValue<int>());
        Assert.Equal(2, thisMonth["total_users"]!.GetValue<long>());
        AssertRow(first, created, apiCalls: 8, auths: 1, sms: 2, calls: 1, users: 2);

        var months = nextMonth["stats"]!.AsArray();
        Assert.Equal(2, nextMonth["count"]!.GetValue<int>());
        Assert.Equal(2, months.Count);
        AssertRow(months[0]!, created, apiCalls: 9, auths: 1, sms: 2, calls: 1, users: 2);
        AssertRow(months[1]!, factory.Clock.GetUtcNow(), apiCalls: 1, auths: 0, sms: 0, calls: 0, users: 0);
    }

    [Fact]
    public async Task Stats_ShowAtMostTheLastTwelveMonths_ZeroFilled()
    {
        var app = await factory.CreateAppAsync("Old Stats App");
        var client = factory.CreateApiClient(app.ApiKey);
        for (var i = 0; i < 13; i++)
        {
            AdvanceToNextMonth();
        }

        var stats = await StatsAsync(client);

        var months = stats["stats"]!.AsArray();
        Assert.Equal(12, stats["count"]!.GetValue<int>());
        Assert.Equal(12, months.Count);
        AssertRow(months[^1]!, factory.Clock.GetUtcNow(), apiCalls: 0, auths: 0, sms: 0, calls: 0, users: 0);
        AssertRow(months[0]!, factory.Clock.GetUtcNow().AddMonths(-11), apiCalls: 0, auths: 0, sms: 0, calls: 0, users: 0);
    }

    [Fact]
    public async Task Stats_ManyConcurrentCalls_AreCountedExactly()
    {
        var client = factory.CreateApiClient((await factory.CreateAppAsync("Busy App")).ApiKey);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetApiAsync("/protected/json/app/details")));
        var stats = await StatsAsync(client);

        Assert.Equal(200, stats["stats"]!.AsArray()[^1]!["api_calls_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Stats_OtherAppsActivity_IsNotCounted()
    {
        var mine = factory.CreateApiClient((await factory.CreateAppAsync("Mine")).ApiKey);
        var other = factory.CreateApiClient((await factory.CreateAppAsync("Other")).ApiKey);

        await AuthyApiFactory.RegisterUserAsync(other, TestPhone.Next());
        var stats = await StatsAsync(mine);

        Assert.Equal(0, stats["total_users"]!.GetValue<long>());
        Assert.Equal(0, stats["stats"]!.AsArray()[^1]!["users_count"]!.GetValue<long>());
        Assert.Equal(0, stats["stats"]!.AsArray()[^1]!["api_calls_count"]!.GetValue<long>());
    }

    [Fact]
    public async Task Meter_RecordsRacingFlushes_LosesNoCount()
    {
        var app = await factory.CreateAppAsync("Racing App");
        var meter = factory.Services.GetRequiredService<IUsageMeter>();
        var ct = TestContext.Current.CancellationToken;

        var recorders = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 5000; i++)
            {
                meter.Record(app.Id, UsageKind.Sms);
            }
        }, ct)).ToList();
        while (!recorders.All(t => t.IsCompleted))
        {
            await meter.FlushAsync(ct);
        }

        await meter.FlushAsync(ct);

        Assert.Equal(20_000, await StoredSmsCountAsync(app.Id));
    }

    [Fact]
    public async Task Meter_FailedWrite_KeepsTheCountsForTheNextFlush()
    {
        var app = await factory.CreateAppAsync("Flaky App");
        var meter = factory.Services.GetRequiredService<IUsageMeter>();
        var ct = TestContext.Current.CancellationToken;
        meter.Record(app.Id, UsageKind.Sms);
        meter.Record(app.Id, UsageKind.Sms);

        await RenameUsageTableAsync("usage_months", "usage_months_offline");
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => meter.FlushAsync(ct));
        }
        finally
        {
            await RenameUsageTableAsync("usage_months_offline", "usage_months");
        }

        await meter.FlushAsync(ct);

        Assert.Equal(2, await StoredSmsCountAsync(app.Id));
    }

    private async Task<long> StoredSmsCountAsync(int appId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthyDb>();
        return await db.UsageMonths.Where(u => u.AppId == appId).SumAsync(u => u.SmsCount, TestContext.Current.CancellationToken);
    }

    private async Task RenameUsageTableAsync(string from, string to)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAuthyDb>();
        var sql = "ALTER TABLE " + from + " RENAME TO " + to;
        await db.Database.ExecuteSqlRawAsync(sql, TestContext.Current.CancellationToken);
    }

    private static void AssertRow(JsonNode row, DateTimeOffset month, long apiCalls, long auths, long sms, long calls, long users)
    {
        // authy-client compares the keys with lodash equalKeys: no more, no fewer.
        Assert.Equal(RowKeys, row.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(month.UtcDateTime.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture), row["month"]!.GetValue<string>());
        Assert.Equal(month.UtcDateTime.Year, row["year"]!.GetValue<int>());
        Assert.Equal(apiCalls, row["api_calls_count"]!.GetValue<long>());
        Assert.Equal(auths, row["auths_count"]!.GetValue<long>());
        Assert.Equal(sms, row["sms_count"]!.GetValue<long>());
        Assert.Equal(calls, row["calls_count"]!.GetValue<long>());
        Assert.Equal(users, row["users_count"]!.GetValue<long>());
    }
}
