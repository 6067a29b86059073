using System.Net;
using System.Security.Cryptography;
using Authy.IntegrationTests.Cluster;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Cli;

/// <summary>
/// The embedded default run as its own process, in Production, as an operator would: the files it creates are its
/// owner's only, <c>/metrics</c> moves to its own Kestrel port, <c>migrate</c> refuses a master key the database
/// was not used with, host configuration arguments after a verb reach the host, and a usage error exits 2.
/// </summary>
public sealed class ProductionProcessTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    private readonly string _root = Directory.CreateTempSubdirectory("authy-production-").FullName;

    private string DataDirectory => Path.Combine(_root, "data");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task EmbeddedDatabase_CreatedByTheServer_IsReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes.");
            return;
        }

        var key = NewKey();
        var migrate = await RunCliAsync(key, "migrate");
        var apps = await RunCliAsync(key, "apps", "create", "--name", "Files");

        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.True(apps.ExitCode == 0, apps.Output);
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(DataDirectory));
        var database = Path.Combine(DataDirectory, "authy.db");
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(database));
        foreach (var file in Directory.GetFiles(DataDirectory))
        {
            // authy.db and, when SQLite left them, authy.db-wal and authy.db-shm.
            Assert.True(File.GetUnixFileMode(file) == OwnerOnlyFile, $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}");
        }
    }

    [Fact]
    public async Task Migrate_WithAnotherMasterKey_ExitsNonZeroAndSaysWhy()
    {
        var keyA = NewKey();

        var first = await RunCliAsync(keyA, "migrate");
        var other = await RunCliAsync(NewKey(), "migrate");
        var again = await RunCliAsync(keyA, "migrate");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.NotEqual(0, other.ExitCode);
        Assert.Contains("is not the key this database was used with", other.Output, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.Output);
    }

    [Fact]
    public async Task HostConfigurationArguments_AfterTheVerb_ConfigureTheHost()
    {
        var key = NewKey();
        var elsewhere = Path.Combine(_root, "elsewhere");

        var created = await RunCliAsync(key, "apps", "create", "--name", "Arguments", $"--Database:DataDirectory={elsewhere}");
        var listed = await RunCliAsync(key, "apps", "list", "--Database:DataDirectory", elsewhere);

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.True(listed.ExitCode == 0, listed.Output);
        Assert.Contains("Arguments", listed.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(elsewhere, "authy.db")));
        Assert.False(Directory.Exists(DataDirectory)); // the environment's directory, which the arguments override
    }

    [Fact]
    public async Task UsageError_ExitsTwoNamingTheOption_BeforeTouchingTheDatabase()
    {
        var unknown = await RunCliAsync(NewKey(), "apps", "create", "--name", "X", "--bogus");
        var missing = await RunCliAsync(NewKey(), "apps", "show");
        var help = await RunCliAsync(NewKey(), "apps", "create", "--help");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Unrecognized command or argument '--bogus'.", unknown.Output, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("Option '--id' is required.", missing.Output, StringComparison.Ordinal);
        Assert.True(help.ExitCode == 0, help.Output);
        Assert.Contains("--name <name>", help.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataDirectory));
    }

    [Fact]
    public async Task Serve_WithMetricsPort_ServesMetricsOnlyOnThatPort()
    {
        var metricsPort = ServerProcess.FreePort();
        var settings = Environment(NewKey())
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal);
        settings["Metrics__Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["PublicBaseUrl"] = "https://2fa.example.test";
        await using var server = await ServerProcess.StartAsync("metrics-port", settings);
        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };

        using var onPublicPort = await server.Http.GetAsync("/metrics", TestContext.Current.CancellationToken);
        using var onMetricsPort = await metrics.GetAsync("/metrics", TestContext.Current.CancellationToken);
        using var apiOnMetricsPort = await metrics.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, onPublicPort.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onMetricsPort.StatusCode);
        Assert.Contains("http_request_duration_seconds", await onMetricsPort.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, apiOnMetricsPort.StatusCode);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private Dictionary<string, string?> Environment(string masterKey) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Authy"] = null,
        ["Database__DataDirectory"] = DataDirectory,
        ["Security__MasterKey"] = masterKey,
        ["Messaging__AllowLogProviderInProduction"] = "true",
    };

    private Task<ProcessRun> RunCliAsync(string masterKey, params string[] args) => ProcessRun.RunAsync(
        "dotnet",
        [Path.Combine(AppContext.BaseDirectory, "Authy.Api.dll"), .. args],
        AppContext.BaseDirectory,
        TimeSpan.FromMinutes(5),
        Environment(masterKey));
}
