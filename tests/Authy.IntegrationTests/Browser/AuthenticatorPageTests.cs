using System.Globalization;
using Authy.IntegrationTests.Interop;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Browser;

/// <summary>
/// The reference authenticator (<c>/authenticator/</c>) in Debian's headless Chromium, driven by playwright-core from
/// tests/browser (its lock file pins the version), against the server on a loopback port on PostgreSQL: the page
/// registers as a device with the code from <c>/dev/messages</c>, shows the application's code, that code passes
/// verify, and an sms request shows the "open this app" notice. The assertions live in
/// tests/browser/authenticator.test.mjs; this test requires all of them to pass and the screenshot to exist.
/// </summary>
public sealed class AuthenticatorPageTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task AuthenticatorPage_InHeadlessChromium_RegistersShowsVerifiableCodeAndTokenRequest()
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

        var app = await factory.CreateAppAsync("Acme Browser");
        var phone = TestPhone.Next();
        long authyId;
        using (var client = new HttpClient { BaseAddress = new Uri(factory.BaseUrl) })
        {
            client.DefaultRequestHeaders.Add("X-Authy-API-Key", app.ApiKey);
            authyId = await AuthyApiFactory.RegisterUserAsync(client, phone);
        }

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "authenticator.png");
        if (File.Exists(screenshot))
        {
            File.Delete(screenshot); // a stale picture from an earlier run must not pass for this one's
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

        await stopClock.CancelAsync();
        await clock;
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {screenshot}");

        run.AssertPassed(minimumPassed: 4);
        Assert.True(File.Exists(screenshot), $"No screenshot at {screenshot}:\n" + run.Report);
        var png = await File.ReadAllBytesAsync(screenshot, ct);
        Assert.True(png.Length > 1000, $"The screenshot has only {png.Length} bytes.");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
    }

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
