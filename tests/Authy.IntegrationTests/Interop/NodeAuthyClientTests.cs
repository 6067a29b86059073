using System.Net;
using System.Net.Sockets;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Interop;

/// <summary>
/// The official npm <c>authy</c> client (1.4.0, from tests/interop's lock file) run with Node against the server on a
/// loopback port, on PostgreSQL: register, status, sms, call, verify (valid, invalid, reused), delete, and OneTouch
/// send_approval_request and check_approval_status. The assertions
/// on what its callbacks receive live in tests/interop/authy-node.test.mjs; this test requires all of them to pass.
/// </summary>
public sealed class NodeAuthyClientTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task NodeAuthy140_FullFlow_AllClientAssertionsPass()
    {
        var interop = InteropFolder("authy");
        var app = await factory.CreateAppAsync("Interop");

        // OneTouch needs a user with a device: register one the way an authenticator would.
        var phone = TestPhone.Next();
        var oneTouchUser = await AuthyApiFactory.RegisterUserAsync(factory.CreateApiClient(app.ApiKey), phone);
        using var device = await TestDevice.RegisterAsync(factory, phone);

        var run = await NodeTestRun.RunAsync(interop, "authy-node.test.mjs", new Dictionary<string, string>
        {
            ["AUTHY_BASE_URL"] = factory.BaseUrl,
            ["AUTHY_API_KEY"] = app.ApiKey,
            ["AUTHY_ONETOUCH_USER_ID"] = oneTouchUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, TimeSpan.FromMinutes(3));

        run.AssertPassed(minimumPassed: 15);
    }

    /// <summary>npm <c>authy-client</c> 1.1.4 validates response bodies; its getPhoneInformation refused a null provider.</summary>
    [Fact]
    public async Task AuthyClient114_PhoneInformation_AcceptsTheResponses()
    {
        var interop = InteropFolder("authy-client");
        var app = await factory.CreateAppAsync("Interop authy-client");

        var run = await NodeTestRun.RunAsync(interop, "authy-client.test.mjs", new Dictionary<string, string>
        {
            ["AUTHY_BASE_URL"] = factory.BaseUrl,
            ["AUTHY_API_KEY"] = app.ApiKey,
        }, TimeSpan.FromMinutes(3));

        run.AssertPassed(minimumPassed: 2);
    }

    /// <summary>tests/interop, once the npm <paramref name="package"/> is installed there.</summary>
    private static string InteropFolder(string package)
    {
        var interop = Path.Combine(RepositoryPaths.Root(), "tests", "interop");
        Assert.True(
            Directory.Exists(Path.Combine(interop, "node_modules", package)),
            $"tests/interop/node_modules has no {package}: run `npm ci --prefix tests/interop` (./test.sh does).");
        return interop;
    }
}

/// <summary>The server on a real loopback port (Kestrel), for clients that run out of process.</summary>
public sealed class KestrelApiFactory : AuthyApiFactory
{
    private readonly int _port = FreePort();

    public KestrelApiFactory()
        : base(new Postgres()) => UseKestrel(_port);

    public string BaseUrl => $"http://127.0.0.1:{_port}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
