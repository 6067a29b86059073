using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Interop;

/// <summary>
/// The official npm <c>authy</c> client (1.4.0, from tests/interop's lock file) run with Node against the server on a
/// loopback port, on PostgreSQL: register, status, sms, call, verify (valid, invalid, reused), delete. The assertions
/// on what its callbacks receive live in tests/interop/authy-node.test.mjs; this test requires all of them to pass.
/// </summary>
public sealed partial class NodeAuthyClientTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task NodeAuthy140_FullFlow_AllClientAssertionsPass()
    {
        var interop = Path.Combine(RepositoryPaths.Root(), "tests", "interop");
        Assert.True(
            Directory.Exists(Path.Combine(interop, "node_modules", "authy")),
            "tests/interop/node_modules is missing: run `npm ci --prefix tests/interop` (./test.sh does).");
        var app = await factory.CreateAppAsync("Interop");

        var start = new ProcessStartInfo("node", ["--test", "--test-reporter=tap", "authy-node.test.mjs"])
        {
            WorkingDirectory = interop,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AUTHY_BASE_URL"] = factory.BaseUrl;
        start.Environment["AUTHY_API_KEY"] = app.ApiKey;
        using var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var output = node.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = node.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await node.WaitForExitAsync(TestContext.Current.CancellationToken);
        var report = await output + await errors;
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        Assert.True(node.ExitCode == 0, "node --test failed:\n" + report);
        Assert.Equal("0", Count("fail", report));
        Assert.True(int.Parse(Count("pass", report), System.Globalization.CultureInfo.InvariantCulture) >= 10, "Fewer client tests ran than expected:\n" + report);
    }

    private static string Count(string name, string report) =>
        TapCount().Matches(report).First(m => m.Groups["name"].Value == name).Groups["count"].Value;

    [GeneratedRegex(@"^# (?<name>pass|fail) (?<count>\d+)$", RegexOptions.Multiline)]
    private static partial Regex TapCount();
}

/// <summary>The server on a real loopback port (Kestrel), for clients that run out of process.</summary>
public sealed class KestrelApiFactory : AuthyApiFactory
{
    private readonly int _port = FreePort();

    public KestrelApiFactory() => UseKestrel(_port);

    public string BaseUrl => $"http://127.0.0.1:{_port}";

    public override string ProviderName => "Postgres";

    protected override Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        TestDatabases.CreatePostgresDatabaseAsync(cancellationToken);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
