using System.Diagnostics;
using System.Globalization;

namespace Authy.Bench.Measure;

/// <summary>CPU time of the processes in a run, read from /proc at one moment.</summary>
public sealed record CpuSnapshot(long At, double ServerSeconds, double PostgresSeconds, double ClientSeconds, double MachineBusySeconds);

/// <summary>
/// Where the CPU went during a phase, in cores (CPU seconds per second) and in CPU microseconds per iteration.
/// <see cref="OtherCores"/> is what the rest of the machine used: other builds or jobs, the noise in the figures.
/// </summary>
public sealed record CpuUse(double ServerCores, double PostgresCores, double ClientCores, double OtherCores, double ServerMicrosPerIteration, double PostgresMicrosPerIteration);

/// <summary>Reads process CPU and memory from /proc (Linux only; elsewhere the figures are zero).</summary>
public static class ProcStats
{
    // USER_HZ: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100.0;

    public static CpuSnapshot Snapshot(int serverPid, int? postmasterPid) => new(
        Stopwatch.GetTimestamp(),
        ProcessCpuSeconds(serverPid, includeChildren: false),
        postmasterPid is { } pm ? PostgresCpuSeconds(pm) : 0,
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
        MachineBusySeconds());

    public static CpuUse Between(CpuSnapshot before, CpuSnapshot after, long iterations)
    {
        var seconds = Stopwatch.GetElapsedTime(before.At, after.At).TotalSeconds;
        var server = after.ServerSeconds - before.ServerSeconds;
        var postgres = after.PostgresSeconds - before.PostgresSeconds;
        var client = after.ClientSeconds - before.ClientSeconds;
        var machine = after.MachineBusySeconds - before.MachineBusySeconds;
        var perIteration = iterations > 0 ? 1e6 / iterations : 0;
        return new CpuUse(
            server / seconds,
            postgres / seconds,
            client / seconds,
            Math.Max(0, machine - server - postgres - client) / seconds,
            server * perIteration,
            postgres * perIteration);
    }

    /// <summary>VmRSS and VmHWM (peak RSS) of a process, in MiB; zero when it cannot be read.</summary>
    public static (double RssMiB, double PeakRssMiB) Memory(int pid)
    {
        double rss = 0, hwm = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kib(line) / 1024.0;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kib(line) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return (rss, hwm);
    }

    /// <summary>The postmaster and its children (backends, checkpointer, WAL writer…), with children already reaped.</summary>
    private static double PostgresCpuSeconds(int postmasterPid)
    {
        var total = ProcessCpuSeconds(postmasterPid, includeChildren: true);
        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    && pid != postmasterPid
                    && Stat(pid) is { } stat
                    && stat.ParentPid == postmasterPid)
                {
                    total += stat.CpuSeconds;
                }
            }
        }
        catch (IOException)
        {
        }

        return total;
    }

    private static double ProcessCpuSeconds(int pid, bool includeChildren) =>
        Stat(pid) is { } stat ? stat.CpuSeconds + (includeChildren ? stat.ChildrenCpuSeconds : 0) : 0;

    private static (int ParentPid, double CpuSeconds, double ChildrenCpuSeconds)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces and parentheses: the fields start after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
            var ticks = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
            var children = (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / TicksPerSecond;
            return (int.Parse(fields[1], CultureInfo.InvariantCulture), ticks, children);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // the process ended meanwhile
        }
    }

    private static double MachineBusySeconds()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal …
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = values[3] + values[4];
            return (values.Sum() - idle) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private static long Kib(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

/// <summary>Samples a process's resident memory every 100 ms while load runs; keeps the highest value seen.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _pid;
    private double _phasePeak;

    public MemorySampler(int pid)
    {
        _pid = pid;
        _loop = Task.Run(LoopAsync);
    }

    public double PeakMiB { get; private set; }

    /// <summary>Follows another process (the server restarted).</summary>
    public void Watch(int pid) => Volatile.Write(ref _pid, pid);

    /// <summary>The highest value since the last call.</summary>
    public double TakePhasePeak()
    {
        var (rss, _) = ProcStats.Memory(Volatile.Read(ref _pid));
        var peak = Math.Max(_phasePeak, rss);
        _phasePeak = 0;
        return peak;
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var (rss, _) = ProcStats.Memory(Volatile.Read(ref _pid));
                _phasePeak = Math.Max(_phasePeak, rss);
                PeakMiB = Math.Max(PeakMiB, rss);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
