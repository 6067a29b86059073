using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Authy.Api.Cli;
using Authy.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Cli;

/// <summary>The operator commands, against the factory's PostgreSQL database.</summary>
public sealed partial class CliTests(AuthyApiFactory<Postgres> factory) : IClassFixture<AuthyApiFactory<Postgres>>
{
    [Fact]
    public async Task AppsCreate_PrintsKeyThatAuthenticates()
    {
        var output = await RunAsync("apps", "create", "--name", "Shop");

        var key = ApiKeyLine().Match(output).Groups["key"].Value;
        var response = await factory.CreateApiClient(key).GetApiAsync("/protected/json/users/1/status");

        Assert.Contains("Created application \"Shop\"", output, StringComparison.Ordinal);
        Assert.Equal(32, key.Length);
        response.AssertAuthyError(HttpStatusCode.NotFound, "60026"); // authenticated: the user, not the key, is unknown
    }

    [Fact]
    public async Task AppsRotateKey_OldKeyStopsWorkingNewKeyWorks()
    {
        var app = await factory.CreateAppAsync("Rotating");
        var beforeRotation = await factory.CreateApiClient(app.ApiKey).GetApiAsync("/protected/json/users/1/status"); // now cached

        var output = await RunAsync("apps", "rotate-key", "--id", app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var newKey = ApiKeyLine().Match(output).Groups["key"].Value;
        var old = await factory.CreateApiClient(app.ApiKey).GetApiAsync("/protected/json/users/1/status");
        var fresh = await factory.CreateApiClient(newKey).GetApiAsync("/protected/json/users/1/status");

        beforeRotation.AssertAuthyError(HttpStatusCode.NotFound, "60026");
        old.AssertAuthyError(HttpStatusCode.Unauthorized, "60001"); // in the same process the rotation clears the cache at once
        fresh.AssertAuthyError(HttpStatusCode.NotFound, "60026");
    }

    [Fact]
    public async Task AppsList_ShowsNameAndKeyHintButNotTheKey()
    {
        var app = await factory.CreateAppAsync("Listed App");

        var output = await RunAsync("apps", "list");

        Assert.Contains("Listed App", output, StringComparison.Ordinal);
        Assert.Contains("..." + app.ApiKey[^4..], output, StringComparison.Ordinal);
        Assert.DoesNotContain(app.ApiKey, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppsSettings_SetValues_AreSavedShownAndUsed()
    {
        var app = await factory.CreateAppAsync("Configured");
        var id = app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var output = await RunAsync("apps", "settings", "--id", id, "OneTouchCallbackUrl=https://example.com/hook", "MaxSendsPerUser=1", "smsenabled=false");
        var sms = await factory.CreateApiClient(app.ApiKey).GetApiAsync("/protected/json/sms/1");

        Assert.Matches(@"OneTouchCallbackUrl\s+https://example.com/hook", output);
        Assert.Matches(@"MaxSendsPerUser\s+1\b", output);
        Assert.Matches(@"SmsEnabled\s+false", output);
        Assert.Equal("60026", sms.ErrorCode); // the user check comes first; the setting itself is proven below
        var settings = await factory.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<Authy.Application.Apps.ManageApps>()
            .GetSettingsAsync(app.Id, TestContext.Current.CancellationToken);
        Assert.False(settings!.SmsEnabled);
        Assert.Equal(1, settings.MaxSendsPerUser);
    }

    [Theory]
    [InlineData("MaxSendsPerUser=0")]
    [InlineData("TokenWindowSeconds=abc")]
    [InlineData("NoSuchSetting=1")]
    [InlineData("OneTouchCallbackUrl=not a url")]
    [InlineData("OneTouchCallbackUrl=ftp://example.com/callback")]
    [InlineData("OneTouchCallbackUrl=http://0x7f000001/callback")]
    [InlineData("OneTouchCallbackUrl=https://user:secret@example.com/callback")]
    public async Task AppsSettings_RefusedValue_SavesNothing(string pair)
    {
        var app = await factory.CreateAppAsync("Strict");
        var writer = new StringWriter();

        var exit = await CliRunner.RunAsync(
            factory.Services,
            CliCommand.Parse(["apps", "settings", "--id", app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "MaxFailedVerifies=3", pair]),
            writer,
            TestContext.Current.CancellationToken);
        var settings = await factory.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<Authy.Application.Apps.ManageApps>()
            .GetSettingsAsync(app.Id, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.StartsWith("Not saved:", writer.ToString(), StringComparison.Ordinal);
        Assert.Equal(10, settings!.MaxFailedVerifies);
    }

    [Fact]
    public async Task Migrate_OnMigratedDatabase_AppliesNothing()
    {
        var output = await RunAsync("migrate");

        Assert.Contains("Database is up to date (0 migration(s) applied).", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateKey_UnknownApp_FailsWithMessage()
    {
        var exit = await CliRunner.RunAsync(factory.Services, CliCommand.Parse(["apps", "rotate-key", "--id", "999999"]), new StringWriter(), CancellationToken.None);

        Assert.Equal(1, exit);
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await CliRunner.RunAsync(factory.Services, CliCommand.Parse(args), output, TestContext.Current.CancellationToken);
        Assert.Equal(0, exit);
        return output.ToString();
    }

    [GeneratedRegex(@"API key: (?<key>[A-Za-z0-9]+)")]
    private static partial Regex ApiKeyLine();
}

/// <summary>
/// The README's first command, for real: the server binary started with no configuration runs on an embedded SQLite
/// file, prints a demo key once, and that key registers a user; a second start prints no key.
/// </summary>
public sealed partial class EmbeddedDefaultTests
{
    [Fact]
    public async Task ServerWithoutConfiguration_CreatesDemoAppAndPrintsWorkingKeyOnce()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("authy-embedded-").FullName;
        try
        {
            var (firstOutput, key, status) = await RunServerAsync(dataDirectory, registerWithKey: true);
            var (secondOutput, secondKey, _) = await RunServerAsync(dataDirectory, registerWithKey: false);

            Assert.Contains("created the demo application \"Demo\"", firstOutput, StringComparison.Ordinal);
            Assert.Contains("created the demo Verify account \"Demo\"", firstOutput, StringComparison.Ordinal);
            Assert.Matches(@"Account SID: AC[0-9a-f]{32}\s+Auth token: [0-9a-f]{32}", firstOutput);
            Assert.DoesNotContain("Account SID:", secondOutput, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(File.Exists(Path.Combine(dataDirectory, "authy.db")));
            Assert.True(File.Exists(Path.Combine(dataDirectory, "master.key")));
            Assert.Null(secondKey);
            Assert.DoesNotContain(key!, secondOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<(string Output, string? Key, HttpStatusCode? Status)> RunServerAsync(string dataDirectory, bool registerWithKey)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Authy.Api.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        start.Environment.Remove("ConnectionStrings__Authy");
        using var server = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        var output = new System.Text.StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        server.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilLiveAsync(http, output);
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            var key = KeyLine().Match(text) is { Success: true } m ? m.Groups["key"].Value : null;
            HttpStatusCode? status = null;
            if (registerWithKey)
            {
                http.DefaultRequestHeaders.Add("X-Authy-API-Key", key ?? "missing");
                var phone = TestPhone.Next();
                status = (await http.PostFormAsync(
                    "/protected/json/users/new",
                    ("user[email]", "me@example.com"), ("user[cellphone]", phone.Dashed), ("user[country_code]", "1"))).Status;
            }

            return (text, key, status);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task WaitUntilLiveAsync(HttpClient http, System.Text.StringBuilder output)
    {
        for (var i = 0; i < 150; i++)
        {
            try
            {
                if ((await http.GetAsync("/health/live", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("The server did not become live:\n" + output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"API key: (?<key>[A-Za-z0-9]{32})")]
    private static partial Regex KeyLine();
}
