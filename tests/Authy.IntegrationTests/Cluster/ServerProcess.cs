using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Authy.IntegrationTests.Support;
using Npgsql;

namespace Authy.IntegrationTests.Cluster;

/// <summary>
/// The server as its own OS process, as an operator runs it: <c>dotnet Authy.Api.dll</c> from the test's output folder,
/// in Production, configured only by environment variables, on a free loopback port. Its console output is kept and
/// written to the test log when it is disposed. Unlike the in-process factory, it can be killed (SIGKILL) and it has
/// its own connection pool, dispatcher and notification listener, so several of them are several nodes.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    /// <summary>Base64 of 32 bytes; every node of a test shares it, as the nodes of a deployment must.</summary>
    public const string MasterKey = "Y2x1c3Rlci10ZXN0LW1hc3Rlci1rZXktbm90LXByb2Q=";

    public const string GatewaySecret = "cluster-gateway-secret-0123456789abcdef";

    private const int StartAttempts = 3;
    private const int LoggedHeadLines = 100;
    private const int LoggedTailLines = 300;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ServerProcess(string name, Process process, ConcurrentQueue<string> output, Uri baseAddress)
    {
        Name = name;
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client without an API key (health probes, the device API).</summary>
    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public string Output => string.Join('\n', _output);

    /// <summary>How many lines of output there are so far: a mark for <see cref="WriteOutputSince"/>.</summary>
    public int OutputLineCount => _output.Count;

    /// <summary>Writes the output from line <paramref name="mark"/> on to the current test's log (a node that outlives one test).</summary>
    public void WriteOutputSince(int mark) => WriteOutput(_output.ToArray()[Math.Min(mark, _output.Count)..]);

    /// <summary>
    /// What every node of a test gets: PostgreSQL at <paramref name="connectionString"/> (already migrated: nodes do not
    /// migrate on start), SMS through the <c>Http</c> provider to <paramref name="gatewayUrl"/>, and an outbox that polls
    /// every 100 ms. The lease stays at its default (60 s): on a busy machine one send can take seconds, and a send that
    /// outlasts its lease may be repeated by another node; fault tests that want a quick resend shorten it themselves.
    /// Each node's pool is capped at 20 connections and gives idle ones back after 10 s, as docs/scaling.md asks of a
    /// cluster (nodes × pool size below <c>max_connections</c>): the nodes share the suite's server with every other test.
    /// </summary>
    public static Dictionary<string, string> Settings(string connectionString, string gatewayUrl) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Authy"] = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 20, ConnectionIdleLifetime = 10 }.ToString(),
        ["Database__Provider"] = "Postgres",
        ["Database__ApplyMigrationsOnStartup"] = "false",
        ["Security__MasterKey"] = MasterKey,
        ["Messaging__SmsProvider"] = "Http",
        // Voice and e-mail keep Log, which Production refuses unless allowed; these tests send neither.
        ["Messaging__AllowLogProviderInProduction"] = "true",
        ["HttpGateway__Url"] = gatewayUrl,
        ["HttpGateway__Secret"] = GatewaySecret,
        ["Outbox__PollIntervalMilliseconds"] = "100",
        ["Outbound__AllowPrivateNetworks"] = "true", // the callback and webhook receivers listen on loopback
        // Production requires it (links never follow the Host header); these tests follow no link.
        ["PublicBaseUrl"] = "https://cluster.example.test",
    };

    /// <summary>Starts a node and waits until <c>/health/ready</c> answers 200 (within <paramref name="readyWithin"/>, default 3 min).</summary>
    public static async Task<ServerProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, TimeSpan? readyWithin = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(name, settings, FreePort());
            try
            {
                await server.WaitUntilReadyAsync(readyWithin ?? TimeSpan.FromMinutes(3));
                return server;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && server.HasExited && AddressInUse().IsMatch(server.Output))
            {
                // Another process took the port between the probe and the bind: try another.
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Runs an operator command (<c>migrate</c>, <c>apps create</c> …) with the same settings, and asserts it exits 0.</summary>
    public static async Task<string> RunCliAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var run = await ProcessRun.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Authy.Api.dll"), .. args],
            AppContext.BaseDirectory,
            // Minutes, not seconds: on a 2-core machine running the whole suite a process start alone has taken over a minute.
            TimeSpan.FromMinutes(5),
            settings.ToDictionary(pair => pair.Key, pair => (string?)pair.Value));
        Assert.True(run.ExitCode == 0, $"`{string.Join(' ', args)}` exited with {run.ExitCode}:\n{run.Output}");
        return run.Output;
    }

    /// <summary>Creates an application through the CLI and returns its id and API key, as an operator would.</summary>
    public static async Task<(int Id, string ApiKey)> CreateAppAsync(IReadOnlyDictionary<string, string> settings, string name, params string[] appSettings)
    {
        var output = await RunCliAsync(settings, "apps", "create", "--name", name);
        var id = int.Parse(AppIdLine().Match(output).Groups["id"].Value, CultureInfo.InvariantCulture);
        var key = ApiKeyLine().Match(output).Groups["key"].Value;
        if (appSettings.Length > 0)
        {
            await RunCliAsync(settings, ["apps", "settings", "--id", id.ToString(CultureInfo.InvariantCulture), .. appSettings]);
        }

        return (id, key);
    }

    /// <summary>A client that sends <paramref name="apiKey"/> in <c>X-Authy-API-Key</c>.</summary>
    public HttpClient CreateApiClient(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Authy-API-Key", apiKey);
        return client;
    }

    /// <summary>The status of <c>/health/ready</c> (or another probe), or null when nothing answered.</summary>
    public async Task<HttpStatusCode?> ProbeAsync(string path = "/health/ready")
    {
        try
        {
            using var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public async Task WaitUntilReadyAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready:\n{Output}");
            }

            if (await ProbeAsync() == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{Name} was not ready within {within}:\n{Output}");
    }

    /// <summary>SIGKILL to the process (and anything it started), as a crash or an OOM kill would end it: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true); // SIGKILL on Unix
        }

        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Http.Dispose();
        var lines = _output.ToArray();
        WriteOutput(lines);
        // The whole output, which the test log shortens, beside the test binaries (as the browser test's screenshots).
        var file = Path.Combine(AppContext.BaseDirectory, "server-logs", $"{FileName().Replace(Name, "-")}-{_process.Id.ToString(CultureInfo.InvariantCulture)}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllLinesAsync(file, lines, CancellationToken.None);
        TestContext.Current.TestOutputHelper?.WriteLine($"The whole output of {Name}: {file}");
        _process.Dispose();
    }

    private void WriteOutput(string[] lines)
    {
        var shown = lines.Length <= LoggedHeadLines + LoggedTailLines
            ? lines
            : [.. lines[..LoggedHeadLines], $"… {lines.Length - LoggedHeadLines - LoggedTailLines} lines left out …", .. lines[^LoggedTailLines..]];
        var state = _process.HasExited ? $"exit {_process.ExitCode}" : "running";
        TestContext.Current.TestOutputHelper?.WriteLine($"--- {Name} (pid {_process.Id}, {state}), {lines.Length} lines of output ---\n{string.Join('\n', shown)}");
    }

    private static ServerProcess Launch(string name, IReadOnlyDictionary<string, string> settings, int port)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Authy.Api.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        var output = new ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        StartWatchdog(process.Id);
        return new ServerProcess(name, process, output, baseAddress);
    }

    /// <summary>
    /// A detached shell that kills the server once the test process is gone (killed by a time limit, say), so no
    /// server outlives the run; it exits by itself within a second of the server's own end.
    /// </summary>
    private static void StartWatchdog(int serverId)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const string script = """
            exec </dev/null >/dev/null 2>&1
            (
              while kill -0 "$2" 2>/dev/null; do
                if ! kill -0 "$1" 2>/dev/null; then kill -9 "$2"; exit 0; fi
                sleep 1
              done
            ) &
            """;
        using var shell = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", script, "authy-server-watchdog",
            Environment.ProcessId.ToString(CultureInfo.InvariantCulture), serverId.ToString(CultureInfo.InvariantCulture)]));
        shell?.WaitForExit();
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    /// <summary>A loopback port free at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex FileName();

    [GeneratedRegex("address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex AddressInUse();

    [GeneratedRegex(@"app_id:\s+(?<id>\d+)")]
    private static partial Regex AppIdLine();

    [GeneratedRegex(@"API key: (?<key>[A-Za-z0-9]+)")]
    private static partial Regex ApiKeyLine();
}
