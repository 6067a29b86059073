using System.Diagnostics;

namespace Authy.Bench.Setup;

/// <summary>
/// A server run as a real process (<c>dotnet X.dll</c>), its output appended to a log file. Stopped with SIGTERM, as
/// a service manager would, so it shuts down cleanly; killed only if it does not exit within 15 s.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, long startedAt)
    {
        _process = process;
        StartedAt = startedAt;
    }

    public int Pid => _process.Id;

    /// <summary>The Stopwatch timestamp taken just before the process was started.</summary>
    public long StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public static ServerProcess Start(string dll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        // The shell execs dotnet (same pid) with its output going straight to the log file: the server writes a line
        // per request, and copying that through this process would put the server's logging cost on the client.
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var argument in (string[])["-c", "log=$1; shift; exec dotnet \"$@\" >>\"$log\" 2>&1", "sh", logFile, dll, .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start dotnet {dll}.");
        return new ServerProcess(process, startedAt);
    }

    /// <summary>Polls <paramref name="url"/> every 10 ms until it answers 200; the time from process start to that answer.</summary>
    public async Task<TimeSpan> WaitReadyAsync(HttpClient http, string url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited with code {_process.ExitCode} before it was ready (see its log).");
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return Stopwatch.GetElapsedTime(StartedAt);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(10, cancellationToken);
        }

        throw new TimeoutException($"{url} did not answer 200 within {timeout.TotalSeconds:0} s.");
    }

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
