using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using DotNet.Testcontainers.Configurations;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Authy.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for one test run, created empty databases on demand.
/// </summary>
/// <remarks>
/// <para>The server is chosen in this order (design.md §9):</para>
/// <list type="number">
/// <item><c>AUTHY_TEST_POSTGRES</c> set: that connection string is used as is (it needs CREATEDB).</item>
/// <item>A Docker engine answers (Testcontainers' own endpoint detection, which pings it):
/// a <c>postgres:16-alpine</c> container. Testcontainers' Ryuk removes it if the process dies.</item>
/// <item><c>initdb</c>/<c>pg_ctl</c> on PATH or under <c>/usr/lib/postgresql/*/bin</c>: a throwaway
/// cluster in a temp folder on a free loopback port, durability off. As root it runs as the
/// <c>postgres</c> user (or <c>nobody</c>), because PostgreSQL refuses to run as root.</item>
/// <item>None of these: <see cref="StartAsync"/> throws. It never skips (see <see cref="NoServerMessage"/>).</item>
/// </list>
/// <para>Cleanup of the local cluster, by how the test process ends:</para>
/// <list type="bullet">
/// <item><see cref="DisposeAsync"/> or SIGTERM (a <see cref="PosixSignalRegistration"/>): <c>pg_ctl stop -m immediate</c>,
/// then the folder is deleted.</item>
/// <item>A normal exit (<see cref="AppDomain.ProcessExit"/>): only the stop signal (<c>pg_ctl stop -W</c>); the watchdog
/// below waits for the server and deletes the folder once the process is gone.</item>
/// <item>SIGKILL, <see cref="Environment.FailFast(string)"/> or a crash: no code of ours runs, so a
/// detached watchdog shell (own session, stdio on /dev/null) polls the test process every second and
/// then stops the server and deletes the folder.</item>
/// <item>The watchdog killed too (e.g. the whole container or session is torn down): the next start
/// of a local cluster on the machine stops and deletes every <c>authy-pg-*</c> folder whose owner
/// process is gone.</item>
/// </list>
/// </remarks>
public sealed partial class PostgresServer : IAsyncDisposable
{
    /// <summary>Environment variable holding a full Npgsql connection string to use instead.</summary>
    public const string ConnectionStringVariable = "AUTHY_TEST_POSTGRES";

    private const string DockerImage = "postgres:16-alpine";
    private const string ClusterDirPrefix = "authy-pg-";
    private const string SuperUser = "postgres";

    /// <summary>
    /// Every test class has its own database and so its own connection pool, whose idle connections Npgsql keeps for
    /// minutes after the class ends; with the Cluster tests' server processes on top, a full run peaked near 300.
    /// </summary>
    private const int MaxConnections = 600;

    private static readonly Lazy<Task<PostgresServer>> Shared =
        new(() => Task.Run(() => StartCoreAsync(isShared: true, CancellationToken.None)));

    private readonly SemaphoreSlim _createGate = new(1, 1);
    private readonly bool _isShared;
    private readonly PostgreSqlContainer? _container;
    private readonly LocalCluster? _cluster;
    private int _disposed;

    private PostgresServer(string adminConnectionString, string source, bool isShared,
        PostgreSqlContainer? container = null, LocalCluster? cluster = null)
    {
        AdminConnectionString = adminConnectionString;
        Source = source;
        _isShared = isShared;
        _container = container;
        _cluster = cluster;
    }

    /// <summary>Connection string of a superuser (or the env-supplied user) on the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Where the server came from: <c>env</c>, <c>testcontainers</c> or <c>local-cluster: &lt;bin dir&gt;</c>.</summary>
    public string Source { get; }

    /// <summary>
    /// The process-wide server that every fixture shares. It is started once; if starting fails,
    /// every caller gets the same exception. Do not dispose it: it stops when the process exits.
    /// </summary>
    public static Task<PostgresServer> SharedAsync(CancellationToken ct = default) => Shared.Value.WaitAsync(ct);

    /// <summary>Starts a server owned by the caller, who must dispose it.</summary>
    public static Task<PostgresServer> StartAsync(CancellationToken ct) => StartCoreAsync(isShared: false, ct);

    /// <summary>
    /// Starts a local cluster owned by the caller that <see cref="StopAsync"/> and <see cref="StartAgainAsync"/> can take
    /// down and bring back on the same port with the same data, for tests of a database outage. Commits are durable
    /// across such a stop (<c>synchronous_commit</c> stays on), so a test can ask whether an acknowledged write survived.
    /// </summary>
    /// <remarks>
    /// Always a local cluster, also when <c>AUTHY_TEST_POSTGRES</c> is set or Docker answers: stopping a server other
    /// tests share would fail them. Without <c>initdb</c>/<c>pg_ctl</c> it throws, saying why, rather than skip.
    /// </remarks>
    public static async Task<PostgresServer> StartRestartableAsync(CancellationToken ct)
    {
        var binDir = LocalCluster.FindBinDir() ?? throw new InvalidOperationException(
            "A database outage test needs a PostgreSQL server it can stop and start again: its own local cluster, made with " +
            "initdb and pg_ctl, which were not found on PATH or under /usr/lib/postgresql/*/bin. " +
            $"A server from {ConnectionStringVariable} or a shared container cannot be stopped without failing other tests. " +
            "Install PostgreSQL's server binaries (Debian: apt-get install postgresql) to run it.");
        var cluster = await Task.Run(() => LocalCluster.Start(binDir, ct, durableCommits: true), ct);
        return new PostgresServer(cluster.AdminConnectionString, $"local-cluster: {binDir}", isShared: false, cluster: cluster);
    }

    /// <summary>
    /// Stops a server made by <see cref="StartRestartableAsync"/> at once, as a crash would (<c>pg_ctl stop -m immediate</c>):
    /// open connections break and new ones are refused. Its data stays for <see cref="StartAgainAsync"/>.
    /// </summary>
    public Task StopAsync() => Task.Run(() => Restartable().Halt());

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> again, on the same port, with the same data.</summary>
    public Task StartAgainAsync(CancellationToken ct) => Task.Run(() => Restartable().Resume(ct), ct);

    /// <summary>
    /// Creates a fresh, empty database called <paramref name="name"/> (dropping one that exists) and
    /// returns its connection string. On a server shared by several processes (<c>AUTHY_TEST_POSTGRES</c>)
    /// the caller should make the name unique per run.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct)
    {
        if (!DatabaseNameRegex().IsMatch(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid test database name: use 1-63 of [a-z0-9_], starting with a letter or _.",
                nameof(name));
        }

        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();

        // Serialised: concurrent CREATE DATABASE calls on one server contend for the template.
        await _createGate.WaitAsync(ct);
        try
        {
            await using var admin = new NpgsqlConnection(AdminConnectionString);
            await admin.OpenAsync(ct);
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
            // template0 is never connected to, so CREATE cannot fail on "template is being accessed".
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", ct);
        }
        finally
        {
            _createGate.Release();
        }

        // Pooled connections to a dropped database of the same name are dead; do not hand them out.
        await using (var stale = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(stale);
        }

        return connectionString;
    }

    public async ValueTask DisposeAsync()
    {
        // The shared server outlives every fixture; the ProcessExit hook and the watchdog stop it.
        if (_isShared || Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await Task.Run(_cluster.Stop);
        }

        _createGate.Dispose();
    }

    private LocalCluster Restartable() => _cluster is { Restartable: true } cluster && !_isShared
        ? cluster
        : throw new InvalidOperationException($"Only a server from {nameof(StartRestartableAsync)} can be stopped and started again; this one is {Source}.");

    private static async Task<PostgresServer> StartCoreAsync(bool isShared, CancellationToken ct)
    {
        var fromEnv = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            await CheckConnectionAsync(fromEnv, $"{ConnectionStringVariable} is set, but", ct);
            return new PostgresServer(fromEnv, "env", isShared);
        }

        var binDir = LocalCluster.FindBinDir();

        // Testcontainers pings every endpoint it knows (DOCKER_HOST, docker.sock, rootless, Desktop);
        // null means no engine answered. It takes ~150 ms when there is none.
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is not null)
        {
            try
            {
                return await StartContainerAsync(isShared, ct);
            }
            catch (Exception ex) when (binDir is not null && !ct.IsCancellationRequested)
            {
                // E.g. the image cannot be pulled offline. A local cluster is as real a server.
                await Console.Error.WriteLineAsync(
                    $"PostgresServer: Testcontainers failed ({ex.GetType().Name}: {ex.Message}); using a local cluster from {binDir}.");
            }
        }

        if (binDir is not null)
        {
            var cluster = await Task.Run(() => LocalCluster.Start(binDir, ct), ct);
            return new PostgresServer(cluster.AdminConnectionString, $"local-cluster: {binDir}", isShared, cluster: cluster);
        }

        throw new InvalidOperationException(NoServerMessage());
    }

    private static async Task<PostgresServer> StartContainerAsync(bool isShared, CancellationToken ct)
    {
        var container = new PostgreSqlBuilder(DockerImage)
            .WithTmpfsMount("/var/lib/postgresql/data")
            .WithCommand(
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", $"max_connections={MaxConnections}")
            .Build();
        try
        {
            await container.StartAsync(ct);
            return new PostgresServer(container.GetConnectionString(), "testcontainers", isShared, container: container);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Why there is no server, and how to get one. We throw instead of skipping, also outside CI:
    /// a skipped database suite looks green while testing nothing (design.md §9, style.md §5.12),
    /// and with <c>./test.sh</c> installing PostgreSQL itself, a missing server is a setup error
    /// the developer should see, not a silent pass.
    /// </summary>
    private static string NoServerMessage()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var message = new StringBuilder()
            .Append("No PostgreSQL server for the integration tests: ")
            .Append(ConnectionStringVariable)
            .Append(" is not set, no Docker engine answered, and no initdb/pg_ctl was found on PATH or under /usr/lib/postgresql/*/bin.");
        if (ci)
        {
            message.Append(" CI=true: the CI script must provide PostgreSQL (./test.sh installs the 'postgresql' package when it runs as root).");
        }
        else
        {
            message.Append(" Fix one of: run ./test.sh as root (it installs PostgreSQL with apt-get);")
                .Append(" `sudo apt-get install postgresql` (Debian/Ubuntu) or `brew install postgresql@16` (macOS);")
                .Append(" start Docker; or set ")
                .Append(ConnectionStringVariable)
                .Append("=\"Host=localhost;Username=postgres;Password=...\" (a user with CREATEDB).");
        }

        return message.ToString();
    }

    private static async Task CheckConnectionAsync(string connectionString, string context, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{context} connecting failed: {ex.Message}", ex);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseNameRegex();

    /// <summary>A throwaway cluster made with the machine's initdb and run with pg_ctl.</summary>
    private sealed class LocalCluster
    {
        private const int StartAttempts = 5;
        private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

        private readonly string _binDir;
        private readonly string _dir;
        private readonly string[] _runAs;
        private PosixSignalRegistration? _sigterm;
        private bool _hasWatchdog;
        private int _stopped;
        private int _port;

        private LocalCluster(string binDir, string dir, string[] runAs, bool restartable)
        {
            _binDir = binDir;
            _dir = dir;
            _runAs = runAs;
            Restartable = restartable;
        }

        public string AdminConnectionString { get; private set; } = "";

        /// <summary>Made for <see cref="Halt"/> and <see cref="Resume"/>: its commits survive an immediate stop.</summary>
        public bool Restartable { get; }

        private string DataDir => Path.Combine(_dir, "data");

        private string LogFile => Path.Combine(_dir, "postgres.log");

        /// <summary>The bin folder holding both initdb and pg_ctl: PATH first, then the highest Debian version.</summary>
        public static string? FindBinDir()
        {
            var path = Environment.GetEnvironmentVariable("PATH") ?? "";
            foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var initdb = RealFile(Path.Combine(dir, "initdb"));
                var pgCtl = RealFile(Path.Combine(dir, "pg_ctl"));
                if (initdb is null || pgCtl is null)
                {
                    continue;
                }

                // /usr/local/bin/initdb is often a link into /usr/lib/postgresql/N/bin; report the real folder.
                var realDir = Path.GetDirectoryName(initdb);
                return realDir is not null && RealFile(Path.Combine(realDir, "pg_ctl")) is not null ? realDir : dir;
            }

            const string debianRoot = "/usr/lib/postgresql";
            if (!Directory.Exists(debianRoot))
            {
                return null;
            }

            // Debian names the folders by major version: 15, 16, or 9.6 for old ones.
            return Directory.EnumerateDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: Version.TryParse(Path.GetFileName(d) + ".0", out var v) ? v : null))
                .Where(c => c.Version is not null
                    && RealFile(Path.Combine(c.Dir, "initdb")) is not null
                    && RealFile(Path.Combine(c.Dir, "pg_ctl")) is not null)
                .OrderByDescending(c => c.Version)
                .Select(c => c.Dir)
                .FirstOrDefault();
        }

        public static LocalCluster Start(string binDir, CancellationToken ct, bool durableCommits = false)
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException(
                    $"The local-cluster fallback needs Linux or macOS; on Windows set {ConnectionStringVariable} or start Docker.");
            }

            var user = Environment.IsPrivilegedProcess ? UnprivilegedUser() : null;
            var runAs = user is null ? [] : RunAsPrefix(user);
            var baseDir = Environment.IsPrivilegedProcess && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();

            SweepAbandonedClusters(baseDir, binDir, runAs);

            var dir = Path.Combine(baseDir, $"{ClusterDirPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.WriteAllText(Path.Combine(dir, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            var cluster = new LocalCluster(binDir, dir, runAs, restartable: durableCommits);
            try
            {
                if (user is not null)
                {
                    Run("chown", ["-R", $"{user}:", dir], CommandTimeout);
                }

                // Before initdb: a kill during initdb or pg_ctl start must not leave a server behind either.
                cluster.StartWatchdog();
                AppDomain.CurrentDomain.ProcessExit += cluster.OnProcessExit;
                // .NET does not raise ProcessExit on SIGTERM (checked); without this the watchdog would
                // only clean up 2-3 s later.
                cluster._sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => cluster.StopCore());
                cluster.InitDb(ct);
                cluster.StartServer(ct);
                return cluster;
            }
            catch
            {
                cluster.Stop();
                throw;
            }
        }

        public void Stop()
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            Interlocked.Exchange(ref _sigterm, null)?.Dispose();
            StopCore();
        }

        /// <summary>Stops the server as a crash would, keeping its folder; <see cref="Resume"/> starts it again.</summary>
        public void Halt() =>
            RunPostgresTool("pg_ctl", ["-D", DataDir, "-m", "immediate", "-w", "-t", "30", "stop"], CommandTimeout);

        /// <summary>Starts a halted server on the port it had, so connection strings handed out stay valid.</summary>
        public void Resume(CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            StartOn(_port);
        }

        private void StartOn(int port) =>
            RunPostgresTool("pg_ctl", ["-D", DataDir, "-l", LogFile, "-w", "-t", "60", "-o", $"-p {port}", "start"], CommandTimeout);

        /// <summary>
        /// What runs here counts against the 11 s xunit gives the process after the run; past them it prints "Foreground
        /// threads were left running, forcing process exit" and exits 1 with every test passed. Stopping the shared
        /// cluster and deleting its folder here took 9.9 s of them on a loaded 2-core machine (a full run: 1.4 s for
        /// <c>pg_ctl stop -w</c> with 239 server processes, 8.4 s to delete 14,790 files), so with a watchdog running this
        /// only sends the stop signal and leaves the wait and the delete to it; it does both 2-3 s after the process is gone.
        /// </summary>
        private void OnProcessExit(object? sender, EventArgs e)
        {
            if (!_hasWatchdog)
            {
                StopCore();
                return;
            }

            if (Interlocked.Exchange(ref _stopped, 1) == 1)
            {
                return;
            }

            try
            {
                if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
                {
                    RunPostgresTool("pg_ctl", ["-D", DataDir, "-m", "immediate", "-W", "stop"], TimeSpan.FromSeconds(10));
                }
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine($"PostgresServer: signalling the cluster in {_dir} to stop failed: {ex.Message}");
            }
        }

        private void StopCore()
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 1)
            {
                return;
            }

            try
            {
                if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
                {
                    RunPostgresTool("pg_ctl", ["-D", DataDir, "-m", "immediate", "-w", "-t", "30", "stop"], TimeSpan.FromSeconds(40));
                }
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine($"PostgresServer: stopping the cluster in {_dir} failed: {ex.Message}");
            }
            finally
            {
                TryDelete(_dir);
            }
        }

        private void InitDb(CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            RunPostgresTool("initdb",
                ["-D", DataDir, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"],
                CommandTimeout);

            // Durability against a power cut is pointless for a throwaway cluster and costs seconds per test run. A
            // restartable one keeps synchronous_commit: an immediate stop loses commits still in WAL buffers, and its
            // tests ask whether acknowledged writes survived (fsync off is safe there: the written WAL is in the OS cache).
            File.AppendAllText(Path.Combine(DataDir, "postgresql.conf"), $"""

                # authy test cluster
                listen_addresses = '127.0.0.1'
                unix_socket_directories = '{_dir}'
                fsync = off
                synchronous_commit = {(Restartable ? "on" : "off")}
                full_page_writes = off
                max_connections = {MaxConnections}
                logging_collector = off

                """);
        }

        private void StartServer(CancellationToken ct)
        {
            for (var attempt = 1; ; attempt++)
            {
                ct.ThrowIfCancellationRequested();
                var port = FreeLoopbackPort();
                try
                {
                    StartOn(port);
                    _port = port;
                    AdminConnectionString = new NpgsqlConnectionStringBuilder
                    {
                        Host = "127.0.0.1",
                        Port = port,
                        Username = SuperUser,
                        Database = "postgres",
                        IncludeErrorDetail = true,
                    }.ToString();
                    return;
                }
                catch (InvalidOperationException) when (attempt < StartAttempts && PortWasTaken())
                {
                    // Another process took the port between our probe and the bind; try another.
                }
            }
        }

        /// <summary>
        /// A background shell that stops the cluster once the test process is gone. The outer shell
        /// exits at once, so the loop is reparented and no process-tree kill of the test host reaches
        /// it; setsid also keeps a terminal's Ctrl+C away from it (a background job of a non-interactive
        /// shell ignores SIGINT anyway). It exits within a second once a normal stop deleted the folder. After a normal
        /// exit it is also what waits for the server and deletes the folder (see <see cref="OnProcessExit"/>).
        /// After the owner dies it waits 2 s, so a postmaster that pg_ctl was still launching has
        /// written its postmaster.pid and gets stopped too.
        /// </summary>
        private void StartWatchdog()
        {
            const string script = """
                exec </dev/null >/dev/null 2>&1
                owner=$1; dir=$2; shift 2
                (
                  while [ -d "$dir" ]; do
                    if ! kill -0 "$owner" 2>/dev/null; then
                      sleep 2
                      if [ -f "$dir/data/postmaster.pid" ]; then "$@" -D "$dir/data" -m immediate -w -t 30 stop; fi
                      rm -rf "$dir"
                      exit 0
                    fi
                    sleep 1
                  done
                ) &
                """;
            string[] shellArgs = ["/bin/sh", "-c", script, "authy-pg-watchdog",
                Environment.ProcessId.ToString(CultureInfo.InvariantCulture), _dir, .. _runAs, Path.Combine(_binDir, "pg_ctl")];
            var setsid = FindExecutable("setsid");
            try
            {
                Run(setsid ?? shellArgs[0], setsid is null ? shellArgs[1..] : ["-f", .. shellArgs], TimeSpan.FromSeconds(10));
                _hasWatchdog = true;
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine($"PostgresServer: no watchdog ({ex.Message}); a killed test run may leave the server in {_dir} running.");
            }
        }

        private bool PortWasTaken()
        {
            try
            {
                var log = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
                return log.Contains("could not bind", StringComparison.OrdinalIgnoreCase)
                    || log.Contains("already in use", StringComparison.OrdinalIgnoreCase);
            }
            catch (IOException)
            {
                return false;
            }
        }

        private void RunPostgresTool(string tool, IReadOnlyList<string> args, TimeSpan timeout)
        {
            var exe = Path.Combine(_binDir, tool);
            try
            {
                if (_runAs.Length == 0)
                {
                    Run(exe, args, timeout);
                }
                else
                {
                    Run(_runAs[0], [.. _runAs[1..], exe, .. args], timeout);
                }
            }
            catch (InvalidOperationException ex) when (File.Exists(LogFile))
            {
                var log = File.ReadAllLines(LogFile);
                throw new InvalidOperationException(
                    $"{ex.Message}{Environment.NewLine}--- {LogFile} (tail) ---{Environment.NewLine}{string.Join(Environment.NewLine, log.TakeLast(20))}",
                    ex);
            }
        }

        /// <summary>Stops and deletes clusters whose test process died with the watchdog (best effort).</summary>
        private static void SweepAbandonedClusters(string baseDir, string binDir, string[] runAs)
        {
            IEnumerable<string> dirs;
            try
            {
                dirs = Directory.EnumerateDirectories(baseDir, ClusterDirPrefix + "*").ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return;
            }

            foreach (var dir in dirs)
            {
                try
                {
                    var ownerFile = Path.Combine(dir, "owner.pid");
                    if (!File.Exists(ownerFile)
                        || !int.TryParse(File.ReadAllText(ownerFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var owner)
                        || IsAlive(owner))
                    {
                        continue;
                    }

                    var dataDir = Path.Combine(dir, "data");
                    if (File.Exists(Path.Combine(dataDir, "postmaster.pid")))
                    {
                        var pgCtl = Path.Combine(binDir, "pg_ctl");
                        string[] stop = ["-D", dataDir, "-m", "immediate", "-w", "-t", "30", "stop"];
                        Run(runAs.Length == 0 ? pgCtl : runAs[0], runAs.Length == 0 ? stop : [.. runAs[1..], pgCtl, .. stop], TimeSpan.FromSeconds(40));
                    }

                    TryDelete(dir);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
                {
                    Console.Error.WriteLine($"PostgresServer: could not clean up abandoned cluster {dir}: {ex.Message}");
                }
            }
        }

        private static bool IsAlive(int pid)
        {
            if (OperatingSystem.IsLinux())
            {
                return Directory.Exists($"/proc/{pid}");
            }

            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        /// <summary>PostgreSQL refuses to run as root; run it as its own system user if there is one.</summary>
        private static string UnprivilegedUser()
        {
            var hasPostgresUser = File.Exists("/etc/passwd")
                && File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal));
            return hasPostgresUser ? "postgres" : "nobody";
        }

        private static string[] RunAsPrefix(string user)
        {
            if (FindExecutable("runuser") is { } runuser)
            {
                return [runuser, "-u", user, "--"];
            }

            if (FindExecutable("setpriv") is { } setpriv)
            {
                return [setpriv, $"--reuid={user}", $"--regid={user}", "--init-groups", "--"];
            }

            throw new InvalidOperationException(
                $"Running as root, PostgreSQL must run as '{user}', but neither runuser nor setpriv (util-linux) was found.");
        }

        /// <summary>The file a path ends at after following links, or null if there is none (a dangling link).</summary>
        private static string? RealFile(string path)
        {
            try
            {
                var file = new FileInfo(path);
                var target = file.ResolveLinkTarget(returnFinalTarget: true) ?? file;
                return target.Exists ? target.FullName : null;
            }
            catch (IOException)
            {
                return null;
            }
        }

        private static string? FindExecutable(string name)
        {
            var path = Environment.GetEnvironmentVariable("PATH") ?? "";
            return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
                .Select(dir => Path.Combine(dir, name))
                .FirstOrDefault(File.Exists);
        }

        private static int FreeLoopbackPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static void TryDelete(string dir)
        {
            try
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"PostgresServer: could not delete {dir}: {ex.Message}");
            }
        }

        private static void Run(string fileName, IReadOnlyList<string> args, TimeSpan timeout)
        {
            var startInfo = new ProcessStartInfo(fileName)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in args)
            {
                startInfo.ArgumentList.Add(arg);
            }

            // A C locale for the tools' messages; an unknown LANG makes initdb fail.
            startInfo.Environment["LC_ALL"] = "C";

            using var process = Process.Start(startInfo)
                ?? throw new InvalidOperationException($"Could not start {fileName}.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{fileName} {string.Join(' ', args)} timed out after {timeout}.");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{fileName} {string.Join(' ', args)} exited with {process.ExitCode}:{Environment.NewLine}{stdout.Result}{stderr.Result}");
            }
        }
    }
}
