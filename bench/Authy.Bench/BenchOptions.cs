using System.Globalization;

namespace Authy.Bench;

/// <summary>
/// The run's settings: <c>--name value</c> on the command line, else the environment variable <c>BENCH_NAME</c>
/// (upper case, dashes as underscores), else the default of the mode (<c>--quick</c> for a short smoke run).
/// </summary>
public sealed record BenchOptions
{
    public const string Usage = """
        Authy.Bench run --server-dll PATH --floor-dll PATH --postgres CONNSTRING [options]
          (bench/run.sh builds everything, starts PostgreSQL and passes these; extra arguments go through)

          --quick                 short smoke run (~2 minutes): 2 s warm-up, 5 s per phase, 100,000 users at scale
          --concurrency N         closed-loop workers, and the most in flight at a fixed rate (default 32)
          --warmup S              seconds of unrecorded load before each phase (default 5; quick 2)
          --duration S            recorded seconds per phase (default 20; quick 5)
          --small-users N         users in the small database of the scale comparison (default 1000)
          --scale-users N         users in the large database (default 1000000; quick 100000)
          --scale-rate R          verify requests per second for the scale comparison, at most 8 in flight (default 200)
          --working-set N         users the main verify phases verify, spread over the whole table (default 50000; fits
                                  the server's member cache, Tokens:VerifyCacheEntries 100000)
          --starts N              server starts timed for start-to-ready (default 5; quick 3)
          --server-env 'K=V;K2=V2'  extra environment for the server (experiments: DOTNET_gcServer=0, …)
          --connection-options 'K=V;…'  appended to the server's connection string (No Reset On Close=true, …)
          --provider-delay-ms MS  delivery: how long the fake SMS provider takes to answer each message (default 200)
          --delivery-burst N      delivery: sms/{id} requests queued as fast as accepted (default 2000; quick 500)
          --delivery-rate R       delivery: offered SMS per second for the latency part (default 100)
          --delivery-duration S   delivery: seconds at that rate (default 60; quick 10)
          --delivery-timeout S    delivery: how long a message may take to reach the provider (default 30; quick 10)
          --only LIST             comma-separated subset of: scale,floor,verify,sms,users,onetouch,delivery,start
          --results DIR           where latest.json and latest.md go (default bench/results)
          --work DIR              logs of the processes the bench starts (default: a temp folder)
          --pgdata DIR            the cluster's data folder, to count PostgreSQL's CPU (optional)
        """;

    public required string ServerDll { get; init; }

    public required string FloorDll { get; init; }

    public required string Postgres { get; init; }

    public string? PgData { get; init; }

    public required string ResultsDir { get; init; }

    public required string WorkDir { get; init; }

    public bool Quick { get; init; }

    public int Concurrency { get; init; }

    public TimeSpan Warmup { get; init; }

    public TimeSpan Duration { get; init; }

    public int SmallUsers { get; init; }

    public int ScaleUsers { get; init; }

    public double ScaleRate { get; init; }

    public int WorkingSet { get; init; }

    public int Starts { get; init; }

    public TimeSpan ProviderDelay { get; init; }

    public int DeliveryBurst { get; init; }

    public double DeliveryRate { get; init; }

    public TimeSpan DeliveryDuration { get; init; }

    public TimeSpan DeliveryTimeout { get; init; }

    public required IReadOnlySet<string> Only { get; init; }

    /// <summary>Extra environment variables for the server process, for experiments (none by default).</summary>
    public required IReadOnlyDictionary<string, string> ServerEnvironment { get; init; }

    /// <summary>Npgsql settings appended to the server's connection string, for experiments (none by default).</summary>
    public string? ConnectionOptions { get; init; }

    public bool Runs(string part) => Only.Count == 0 || Only.Contains(part);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var quick = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--quick")
            {
                quick = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Count)
            {
                values[arg[2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.\n\n{Usage}");
            }
        }

        quick |= Environment.GetEnvironmentVariable("BENCH_QUICK") is "1" or "true";

        string? Get(string name) =>
            values.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable("BENCH_" + name.ToUpperInvariant().Replace('-', '_'));

        string Required(string name) => Get(name) ?? throw new ArgumentException($"--{name} is required.\n\n{Usage}");

        double Number(string name, double fallback) =>
            Get(name) is { } text ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;

        return new BenchOptions
        {
            ServerDll = Path.GetFullPath(Required("server-dll")),
            FloorDll = Path.GetFullPath(Required("floor-dll")),
            Postgres = Required("postgres"),
            PgData = Get("pgdata"),
            ResultsDir = Path.GetFullPath(Get("results") ?? Path.Combine("bench", "results")),
            WorkDir = Path.GetFullPath(Get("work") ?? Directory.CreateTempSubdirectory("authy-bench-").FullName),
            Quick = quick,
            Concurrency = (int)Number("concurrency", 32),
            Warmup = TimeSpan.FromSeconds(Number("warmup", quick ? 2 : 5)),
            Duration = TimeSpan.FromSeconds(Number("duration", quick ? 5 : 20)),
            SmallUsers = (int)Number("small-users", 1_000),
            ScaleUsers = (int)Number("scale-users", quick ? 100_000 : 1_000_000),
            ScaleRate = Number("scale-rate", 200),
            WorkingSet = (int)Number("working-set", 50_000),
            Starts = (int)Number("starts", quick ? 3 : 5),
            ProviderDelay = TimeSpan.FromMilliseconds(Number("provider-delay-ms", 200)),
            DeliveryBurst = (int)Number("delivery-burst", quick ? 500 : 2_000),
            DeliveryRate = Number("delivery-rate", 100),
            DeliveryDuration = TimeSpan.FromSeconds(Number("delivery-duration", quick ? 10 : 60)),
            DeliveryTimeout = TimeSpan.FromSeconds(Number("delivery-timeout", quick ? 10 : 30)),
            ServerEnvironment = (Get("server-env") ?? string.Empty)
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty, StringComparer.Ordinal),
            ConnectionOptions = Get("connection-options"),
            Only = (Get("only") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
        };
    }
}
