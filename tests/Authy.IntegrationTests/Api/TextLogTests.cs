using System.Diagnostics;
using System.Net;
using Authy.IntegrationTests.Cluster;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Api;

/// <summary>
/// The console log in <c>Serilog:ConsoleFormat=Text</c>, read from a real server process: a request cannot forge a log
/// line with a line break (or another control character) in its path.
/// </summary>
public sealed class TextLogTests
{
    [Fact]
    public async Task RequestLog_PathWithLineBreaks_StaysOnOneLine()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Serilog__ConsoleFormat"] = "Text",
            ["ConnectionStrings__Authy"] = TestDatabases.CreateSqliteDatabase(),
            ["Database__Provider"] = "Sqlite",
            ["Database__ApplyMigrationsOnStartup"] = "true",
            ["Security__MasterKey"] = ServerProcess.MasterKey,
            ["Messaging__AllowLogProviderInProduction"] = "true",
            ["PublicBaseUrl"] = "https://text-log.example.test", // Production requires it; this test follows no link
        };
        await using var server = await ServerProcess.StartAsync("text-log", settings);

        using var response = await server.Http.GetAsync(
            "/protected/json/users/1%0d%0a%5B00:00:00%20ERR%5D%20forged%0dsecond%0bthird%1b%5B2Kfourth/status",
            TestContext.Current.CancellationToken);
        var logged = await LineContainingAsync(server, "/status responded 401");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("HTTP GET /protected/json/users/1", logged, StringComparison.Ordinal);
        Assert.Contains("forged", logged, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[\u0000-\u001f\u007f-\u009f]", logged);
        Assert.DoesNotContain(server.Output.Split('\n'), line => line.StartsWith("[00:00:00 ERR]", StringComparison.Ordinal) || line.StartsWith("second", StringComparison.Ordinal));
    }

    /// <summary>The console sink writes through a queue: wait for the line rather than expect it at once.</summary>
    private static async Task<string> LineContainingAsync(ServerProcess server, string text)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var line = server.Output.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"No log line with \"{text}\":\n{server.Output}");
    }
}
