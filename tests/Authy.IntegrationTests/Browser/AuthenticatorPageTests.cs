using System.Globalization;
using System.Text.RegularExpressions;
using Authy.IntegrationTests.Interop;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Browser;

/// <summary>
/// The reference authenticator (<c>/authenticator/</c>) in Debian's headless Chromium, driven by playwright-core from
/// tests/browser (its lock file pins the version), against the server on a loopback port on PostgreSQL: the page
/// registers as a device with the code from <c>/dev/messages</c>, shows the application's code, that code passes
/// verify, an sms request shows the "open this app" notice, a OneTouch request created through the API is shown
/// live, approved on the page and reads approved on the status endpoint, and a second device registered and removed
/// from Node shows the "new device" notice and gives the page a new seed whose code verifies while the old one fails. The assertions live in
/// tests/browser/authenticator.test.mjs; this test requires all of them to pass, the screenshots to exist, and the
/// application's callback receiver to get the approval of the request node printed as <c># approval_uuid</c>.
/// </summary>
public sealed partial class AuthenticatorPageTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task AuthenticatorPage_InHeadlessChromium_RegistersShowsVerifiableCodeTokenRequestAndApprovesOneTouch()
    {
        var ct = TestContext.Current.CancellationToken;
        var browserTests = Path.Combine(RepositoryPaths.Root(), "tests", "browser");
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        Assert.True(
            File.Exists(chromium),
            $"{chromium} is missing: install Debian's Chromium (`sudo apt-get install chromium`; ./test.sh does) or set CHROMIUM_PATH. Never a downloaded browser.");
        Assert.True(
            Directory.Exists(Path.Combine(browserTests, "node_modules", "playwright-core")),
            "tests/browser/node_modules is missing: run `npm ci --prefix tests/browser` (./test.sh does).");

        await using var receiver = await CallbackReceiver.StartAsync();
        var app = await factory.CreateAppAsync("Acme Browser", s =>
        {
            s.OneTouchCallbackUrl = receiver.Url;
            s.OneTouchCallbackMethod = "POST";
        });
        var phone = TestPhone.Next();
        long authyId;
        using (var client = new HttpClient { BaseAddress = new Uri(factory.BaseUrl) })
        {
            client.DefaultRequestHeaders.Add("X-Authy-API-Key", app.ApiKey);
            authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);
        }

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "authenticator.png");
        var onetouchScreenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "authenticator-onetouch.png");
        foreach (var file in new[] { screenshot, onetouchScreenshot })
        {
            if (File.Exists(file))
            {
                File.Delete(file); // a stale picture from an earlier run must not pass for this one's
            }
        }

        // The page is a real-time client: it signs device tokens and computes codes on the server's clock. The
        // factory's fake clock stands still unless moved, so it follows the wall clock while the browser runs.
        using var stopClock = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = FollowWallClockAsync(stopClock.Token);

        var run = await NodeTestRun.RunAsync(browserTests, "authenticator.test.mjs", new Dictionary<string, string>
        {
            ["AUTHY_BASE_URL"] = factory.BaseUrl,
            ["AUTHY_API_KEY"] = app.ApiKey,
            ["AUTHY_USER_ID"] = authyId.ToString(CultureInfo.InvariantCulture),
            ["AUTHY_COUNTRY_CODE"] = phone.CountryCode.ToString(CultureInfo.InvariantCulture),
            ["AUTHY_PHONE"] = phone.National,
            ["SCREENSHOT_PATH"] = screenshot,
            ["CHROMIUM_PATH"] = chromium,
        }, NodeTimeout);

        // The approval made on the page reaches the application's callback URL (POST JSON, through the outbox): wait for
        // it while the clock still follows the wall clock.
        var printed = ApprovalUuid().Match(run.Report);
        var uuid = printed.Success ? printed.Groups["uuid"].Value : null;
        ReceivedCallback? callback = null;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (uuid is not null && waited.Elapsed < TimeSpan.FromSeconds(30) && callback is null)
        {
            callback = receiver.Received.FirstOrDefault(c => c.Json["uuid"]?.GetValue<string>() == uuid);
            await Task.Delay(50, ct);
        }

        await stopClock.CancelAsync();
        await clock;
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshots: {screenshot}, {onetouchScreenshot}");

        run.AssertPassed(minimumPassed: 7);
        foreach (var file in new[] { screenshot, onetouchScreenshot })
        {
            Assert.True(File.Exists(file), $"No screenshot at {file}:\n" + run.Report);
            var png = await File.ReadAllBytesAsync(file, ct);
            Assert.True(png.Length > 1000, $"The screenshot {file} has only {png.Length} bytes.");
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        }

        Assert.True(uuid is not null, "node printed no `# approval_uuid <uuid>` line:\n" + run.Report);
        Assert.True(
            callback is not null,
            $"No callback for {uuid}; received: " + string.Join("\n", receiver.Received.Select(c => $"{c.Method} {c.PathAndQuery} {c.Body}")));
        Assert.Equal("POST", callback.Method);
        Assert.Equal("approved", callback.Json["status"]?.GetValue<string>());
        Assert.Equal("approval_request_status", callback.Json["callback_action"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(callback.Json["signature"]?.GetValue<string>()), "the callback carries the device's signature");
        Assert.True(callback.Headers.ContainsKey("X-Authy-Signature"), "the callback is signed");
    }

    [GeneratedRegex(@"approval_uuid (?<uuid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex ApprovalUuid();

    /// <summary>Moves the factory's fake clock to the wall clock every 100 ms (it only moves forward).</summary>
    private async Task FollowWallClockAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            if (now > factory.Clock.GetUtcNow())
            {
                factory.Clock.SetUtcNow(now);
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
