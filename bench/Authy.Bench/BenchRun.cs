using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Authy.Application.Otp;
using Authy.Bench.Delivery;
using Authy.Bench.Load;
using Authy.Bench.Measure;
using Authy.Bench.Report;
using Authy.Bench.Scenarios;
using Authy.Bench.Setup;

namespace Authy.Bench;

/// <summary>
/// A whole run: databases, the server and the floor app as real processes, the scale comparison, the floors, the
/// server's scenarios, start-to-ready, and the comparison of each figure with its target.
/// </summary>
public sealed class BenchRun(BenchOptions options, TextWriter log)
{
    private const string AuthyDatabase = "authy_bench";
    private const string FloorDatabase = "authy_bench_floor";

    // The scale comparison is about the database, not about queueing: a moderate rate with few requests in flight.
    private const int ScaleInFlight = 8;

    // The applications' default TokenWindowSeconds (±180 s), which the bench leaves as it is.
    private static readonly TimeSpan TokenWindow = TimeSpan.FromSeconds(180);

    private readonly BenchDatabase _db = new(options.Postgres);
    private int? _postmasterPid;

    public async Task<BenchResults> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(options.WorkDir);
        _postmasterPid = PostmasterPid();
        var results = new BenchResults
        {
            StartedAt = DateTimeOffset.UtcNow,
            Mode = options.Quick ? "quick" : "full",
            Command = Environment.GetEnvironmentVariable("BENCH_COMMAND") ?? "Authy.Bench run",
            Machine = await MachineAsync(cancellationToken),
            Settings = new RunSettings(options.Concurrency, options.Warmup.TotalSeconds, options.Duration.TotalSeconds, options.SmallUsers, options.ScaleUsers, options.ScaleRate, options.Starts),
        };
        if (options.ServerEnvironment.Count > 0 || options.ConnectionOptions is { Length: > 0 })
        {
            results.Notes.Add("Experiment: the server ran with " + string.Join(", ", options.ServerEnvironment.Select(e => e.Key + "=" + e.Value).Append(options.ConnectionOptions is { Length: > 0 } c ? "connection string + " + c : null).OfType<string>()) + ".");
        }

        var machine = results.Machine;
        await log.WriteLineAsync(Invariant($"Machine: {machine.Cores} cores, {machine.CpuModel}, {machine.MemoryGiB:0.0} GiB; PostgreSQL {machine.Postgres}; load average {machine.LoadAverageAtStart:0.00}"));
        await log.WriteLineAsync($"Logs: {options.WorkDir}");

        await _db.RecreateDatabaseAsync(AuthyDatabase, cancellationToken);
        await _db.RecreateDatabaseAsync(FloorDatabase, cancellationToken);
        var statementStats = await _db.TryEnableStatementStatsAsync(AuthyDatabase, cancellationToken)
            && await _db.TryEnableStatementStatsAsync(FloorDatabase, cancellationToken);
        if (!statementStats)
        {
            results.Notes.Add("pg_stat_statements is not in shared_preload_libraries: no statement counts (bench/run.sh sets it).");
        }

        var masterKey = RandomNumberGenerator.GetBytes(32);
        var serverPort = FreeLoopbackPort();
        var environment = ServerEnvironment(masterKey, serverPort);
        await log.WriteLineAsync("Migrating and creating the application (the server's CLI)...");
        await BenchAppSetup.RunCliAsync(options.ServerDll, environment, cancellationToken, "migrate");
        var (appId, apiKey) = await BenchAppSetup.CreateAppAsync(options.ServerDll, environment, cancellationToken);

        using var http = Client(serverPort);
        List<long> withoutDevice = [];
        var server = ServerProcess.Start(options.ServerDll, [], environment, Path.Combine(options.WorkDir, "server.log"));
        try
        {
            await server.WaitReadyAsync(http, "/health/ready", TimeSpan.FromSeconds(60), cancellationToken);
            await using var memory = new MemorySampler(server.Pid);
            var app = await BenchAppSetup.CreateTemplateAsync(http, _db, AuthyDatabase, appId, apiKey, masterKey, cancellationToken);
            await log.WriteLineAsync(Invariant($"Application {appId} with a template user; seed read back through the device API and proven by a verify."));
            results.IdleServerCores = await IdleAsync("after setup", server.Pid, cancellationToken);

            var stats = statementStats ? AuthyDatabase : null;
            var tickets = options.Runs("scale")
                ? await ScaleAsync(results, http, server.Pid, memory, app, stats, cancellationToken)
                : null;
            if (tickets is null)
            {
                await SeedAsync(app, options.ScaleUsers, cancellationToken);
            }

            var members = await _db.MembersAsync(AuthyDatabase, appId, cancellationToken);
            withoutDevice = members.WithoutDevice;
            var allTickets = new TotpTickets(app.Seed, members.All, TokenWindow, TotpParameters.Authy);
            if (tickets is not null)
            {
                allTickets.CarryOver(tickets);
            }

            if (options.Runs("floor"))
            {
                await FloorsAsync(results, statementStats, cancellationToken);
            }

            if (options.Runs("verify"))
            {
                // Every user of the table once, in a scattered order: no verify finds its member in the server's cache.
                var cold = new AuthyScenarios.Verify(apiKey, allTickets);
                await PhaseAsync(results, "verify, cold cache", "valid 7-digit codes, each for a user not verified before (member cache misses)", http, cold, Closed(), server.Pid, memory, stats, cancellationToken);

                // The main phases: a working set that fits the member cache, spread over the whole table, warmed first.
                var workingSet = new TotpTickets(app.Seed, Spread(members.All, options.WorkingSet), TokenWindow, TotpParameters.Authy);
                workingSet.CarryOver(allTickets);
                await WarmAsync(http, apiKey, workingSet, cancellationToken);
                var verify = new AuthyScenarios.Verify(apiKey, workingSet);
                var peak = await PhaseAsync(results, "verify", Invariant($"valid 7-digit codes, {workingSet.UserCount:N0} users spread over the whole table, warm member cache"), http, verify, Closed(), server.Pid, memory, stats, cancellationToken);
                await PhaseAsync(results, "verify 80%", "the same at 80% of the peak found above", http, verify, AtRate(0.8 * peak.Main.SucceededPerSecond), server.Pid, memory, null, cancellationToken);
            }

            if (options.Runs("sms"))
            {
                var sms = new AuthyScenarios.Sms(apiKey, new UserPool(members.WithoutDevice));
                await PhaseAsync(results, "sms", "users without a device: limits checked, SMS queued in the outbox", http, sms, Closed(), server.Pid, memory, stats, cancellationToken);
            }

            if (options.Runs("users"))
            {
                var usersNew = new AuthyScenarios.UsersNew(apiKey, firstNumber: 1);
                await PhaseAsync(results, "users/new", "a phone never registered before: new user and membership", http, usersNew, Closed(), server.Pid, memory, stats, cancellationToken);
            }

            if (options.Runs("onetouch"))
            {
                var oneTouch = new AuthyScenarios.OneTouch(apiKey, new UserPool(members.WithDevice));
                await PhaseAsync(results, "onetouch", "create an approval request for a user with a device, then read its status", http, oneTouch, Closed(), server.Pid, memory, stats, cancellationToken);
            }

            // The dispatcher sends queued messages in the background; what it has not sent yet is work the load left.
            results.PendingOutboxAfterLoad = await _db.PendingOutboxAsync(AuthyDatabase, cancellationToken);
            results.IdleAfterLoadServerCores = await IdleAsync("after the load", server.Pid, cancellationToken);
            results.PendingOutboxAfterIdle = await _db.PendingOutboxAsync(AuthyDatabase, cancellationToken);
            await log.WriteLineAsync(Invariant($"Outbox messages pending: {results.PendingOutboxAfterLoad:N0} after the load, {results.PendingOutboxAfterIdle:N0} 5 s later"));
            var serverPhases = results.Phases.Where(p => p.PeakRssMiB is not null).ToList();
            results.PeakRssMiB = serverPhases.Count > 0 ? serverPhases.Max(p => p.PeakRssMiB) : null;
            var (_, hwm) = ProcStats.Memory(server.Pid);
            if (hwm > 0)
            {
                results.Notes.Add(Invariant($"Server VmHWM (highest RSS over its whole life, setup included) at the end of the load: {hwm:0} MiB."));
            }
        }
        finally
        {
            await server.DisposeAsync();
        }

        if (options.Runs("delivery"))
        {
            await DeliveryAsync(results, environment, apiKey, withoutDevice, cancellationToken);
        }

        if (options.Runs("start"))
        {
            await StartToReadyAsync(results, environment, serverPort, cancellationToken);
        }

        Judge(results);
        results.TotalSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return results;
    }

    /// <summary>
    /// verify latency at a fixed rate with a small database, then with a large one. The rate is capped so the small
    /// database's users have unused codes for the whole phase (each user allows one verify per step of the window).
    /// Returns the code source, which remembers which steps the server has seen.
    /// </summary>
    private async Task<TotpTickets> ScaleAsync(BenchResults results, HttpClient http, int serverPid, MemorySampler memory, BenchApp app, string? stats, CancellationToken cancellationToken)
    {
        await SeedAsync(app, options.SmallUsers, cancellationToken);
        var small = await _db.MembersAsync(AuthyDatabase, app.AppId, cancellationToken);
        var smallTickets = new TotpTickets(app.Seed, small.All, TokenWindow, TotpParameters.Authy);
        // The server has just started: the first phase also waits out the JIT's tiered recompilation of the hot path
        // (visible as idle CPU after setup), or it would measure a colder server than the second.
        var firstWarmup = options.Warmup + (options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(15));
        var seconds = (firstWarmup + options.Duration).TotalSeconds;
        var rate = Math.Min(options.ScaleRate, 0.8 * smallTickets.Budget(seconds) / seconds);
        if (rate < options.ScaleRate)
        {
            results.Notes.Add(Invariant($"Scale rate lowered from {options.ScaleRate:0}/s to {rate:0}/s: {small.All.Count:N0} users allow only so many unused codes in {seconds:0} s."));
        }

        // Like with like: both phases verify as many users (all of the small database; as many spread over the large one),
        // each set warmed in the member cache first, so the comparison measures the table's size, not the cache.
        await WarmAsync(http, app.ApiKey, smallTickets, cancellationToken);
        var smallPhase = await PhaseAsync(results, Invariant($"verify {Users(small.All.Count)} users"), "scale comparison, small database, all its users, warm member cache", http, new AuthyScenarios.Verify(app.ApiKey, smallTickets), AtRate(rate, ScaleInFlight) with { Warmup = firstWarmup }, serverPid, memory, stats, cancellationToken);

        var seeding = Stopwatch.GetTimestamp();
        await SeedAsync(app, options.ScaleUsers, cancellationToken);
        var seedDuration = Stopwatch.GetElapsedTime(seeding);
        var large = await _db.MembersAsync(AuthyDatabase, app.AppId, cancellationToken);
        var largeTickets = new TotpTickets(app.Seed, Spread(large.All, small.All.Count), TokenWindow, TotpParameters.Authy);
        largeTickets.CarryOver(smallTickets);
        await WarmAsync(http, app.ApiKey, largeTickets, cancellationToken);
        var largePhase = await PhaseAsync(results, Invariant($"verify {Users(large.All.Count)} users"), Invariant($"scale comparison, large database, {small.All.Count:N0} users spread over it, warm member cache"), http, new AuthyScenarios.Verify(app.ApiKey, largeTickets), AtRate(rate, ScaleInFlight), serverPid, memory, stats, cancellationToken);

        results.Scale = new ScaleResult(
            small.All.Count,
            large.All.Count,
            rate,
            largePhase.Main.P50Ms / smallPhase.Main.P50Ms,
            largePhase.Main.P99Ms / smallPhase.Main.P99Ms,
            largePhase.Main.MeanMs / smallPhase.Main.MeanMs,
            Invariant($"{seedDuration.TotalSeconds:0} s"),
            await _db.DatabaseSizeAsync(AuthyDatabase, cancellationToken));
        return largeTickets;
    }

    /// <summary>
    /// What the server costs with no request at all: its background services (outbox, push, usage) and, early on,
    /// the JIT's background recompilation. In cores, over 5 s.
    /// </summary>
    private async Task<double> IdleAsync(string when, int serverPid, CancellationToken cancellationToken)
    {
        var before = ProcStats.Snapshot(serverPid, _postmasterPid);
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var idle = ProcStats.Between(before, ProcStats.Snapshot(serverPid, _postmasterPid), 0);
        await log.WriteLineAsync(Invariant($"Idle for 5 s {when}: server {idle.ServerCores:0.000} cores, PostgreSQL {idle.PostgresCores:0.000}, other {idle.OtherCores:0.00}"));
        return Math.Round(idle.ServerCores, 3);
    }

    private async Task SeedAsync(BenchApp app, int users, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync(Invariant($"Seeding to {users:N0} users..."));
        await _db.SeedUsersAsync(AuthyDatabase, app.AppId, app.TemplateMemberId, app.TemplateDeviceId, users, log, cancellationToken);
    }

    /// <summary>The floor app as its own process on the same cluster: bare, with one read and one write, and that at 80%.</summary>
    private async Task FloorsAsync(BenchResults results, bool statementStats, CancellationToken cancellationToken)
    {
        var port = FreeLoopbackPort();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = Invariant($"http://127.0.0.1:{port}"),
            ["ConnectionStrings__Floor"] = _db.ConnectionStringFor(FloorDatabase),
        };
        using var http = Client(port);
        await using var floor = ServerProcess.Start(options.FloorDll, [], environment, Path.Combine(options.WorkDir, "floor.log"));
        await floor.WaitReadyAsync(http, "/health", TimeSpan.FromSeconds(120), cancellationToken);
        await PhaseAsync(results, "floor plain", "bare Kestrel endpoint, small JSON", http, new AuthyScenarios.Floor("floor plain", "/plain"), Closed(), floor.Pid, null, null, cancellationToken);
        var peak = await PhaseAsync(results, "floor db", "one PostgreSQL read and one write per request (Npgsql, pooled)", http, new AuthyScenarios.Floor("floor db", "/db"), Closed(), floor.Pid, null, statementStats ? FloorDatabase : null, cancellationToken);
        await PhaseAsync(results, "floor db 80%", "the same at 80% of the peak found above", http, new AuthyScenarios.Floor("floor db", "/db"), AtRate(0.8 * peak.Main.SucceededPerSecond), floor.Pid, null, null, cancellationToken);
    }

    private async Task<PhaseResult> PhaseAsync(
        BenchResults results,
        string name,
        string description,
        HttpClient http,
        IScenario scenario,
        LoadPlan plan,
        int targetPid,
        MemorySampler? memory,
        string? statsDatabase,
        CancellationToken cancellationToken)
    {
        var load = plan.RatePerSecond is { } r ? Invariant($"{r:0}/s, up to {plan.Concurrency} in flight") : Invariant($"closed loop, {plan.Concurrency} workers");
        await log.WriteLineAsync(Invariant($"== {name}: {description} ({load}; {plan.Warmup.TotalSeconds:0} s + {plan.Duration.TotalSeconds:0} s)"));
        if (statsDatabase is not null)
        {
            await _db.ResetStatementStatsAsync(statsDatabase, cancellationToken);
        }

        memory?.TakePhasePeak();
        var updatesBefore = statsDatabase == AuthyDatabase ? await _db.UpdateCountsAsync(AuthyDatabase, "app_users", cancellationToken) : default;
        var before = ProcStats.Snapshot(targetPid, _postmasterPid);
        var run = await LoadRunner.RunAsync(http, scenario, plan, cancellationToken);
        var after = ProcStats.Snapshot(targetPid, _postmasterPid);
        var steps = run.Steps.Select(s => StepResult.From(s.Key, s.Value, run.MeasuredSeconds, plan.RatePerSecond is not null)).ToList();
        if (steps.Count == 0)
        {
            throw new InvalidOperationException($"Phase '{name}' recorded no request.");
        }

        var phase = new PhaseResult(
            name,
            description,
            memory is null ? "floor" : "server",
            plan.Concurrency,
            plan.RatePerSecond,
            run.MeasuredSeconds,
            run.Iterations,
            run.IterationsPerSecond,
            steps,
            ProcStats.Between(before, after, run.AllIterations),
            memory?.TakePhasePeak(),
            plan.RatePerSecond is null ? null : run.ScheduleLag.ValueAt(99) / 1000.0);
        results.Phases.Add(phase);
        if (statsDatabase is not null)
        {
            results.Statements[name] = await _db.StatementStatsAsync(statsDatabase, run.AllIterations, cancellationToken);
        }

        if (statsDatabase == AuthyDatabase)
        {
            // verify's step update is the hot write of the schema; a HOT update writes no index.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var updatesAfter = await _db.UpdateCountsAsync(AuthyDatabase, "app_users", cancellationToken);
            var updates = updatesAfter.Updates - updatesBefore.Updates;
            if (updates > 0)
            {
                results.Notes.Add(Invariant($"{name}: {updates:N0} updates of app_users, {(double)(updatesAfter.HotUpdates - updatesBefore.HotUpdates) / updates:0%} of them HOT."));
            }
        }

        foreach (var step in steps)
        {
            await log.WriteLineAsync(Invariant(
                $"   {step.Name}: {step.SucceededPerSecond:0} ok/s, p50 {step.P50Ms:0.00} ms, p99 {step.P99Ms:0.00} ms, max {step.MaxMs:0.0} ms{(step.Errors.Length > 0 ? "; not 2xx: " + step.Errors : "")}"));
            if (step.Requests - step.Succeeded > 0.01 * step.Requests)
            {
                results.Notes.Add(Invariant($"{name}: {step.Name} answered other than 2xx for {step.Requests - step.Succeeded:N0} of {step.Requests:N0} requests ({step.Errors})."));
            }
        }

        var cpu = phase.Cpu;
        await log.WriteLineAsync(Invariant(
            $"   CPU cores: process {cpu.ServerCores:0.00}, PostgreSQL {cpu.PostgresCores:0.00}, client {cpu.ClientCores:0.00}, other {cpu.OtherCores:0.00}{(phase.PeakRssMiB is { } rss ? Invariant($"; server RSS peak {rss:0} MiB") : "")}"));
        return phase;
    }

    /// <summary>
    /// The server as one node sending SMS through its <c>Http</c> provider to <see cref="FakeSmsProvider"/>, which
    /// answers after <see cref="BenchOptions.ProviderDelay"/>: a burst, then a fixed offered rate, each message to a
    /// different user without a device (taken from the end of the table, away from the sms phase's first users).
    /// The server-wide fraud limits are raised out of reach; the application's per-user and per-phone limits stay at
    /// their defaults, which one message per user never reaches.
    /// </summary>
    private async Task DeliveryAsync(BenchResults results, IReadOnlyDictionary<string, string> baseEnvironment, string apiKey, List<long> withoutDevice, CancellationToken cancellationToken)
    {
        var rateCount = (int)Math.Round(options.DeliveryRate * options.DeliveryDuration.TotalSeconds);
        var wanted = options.DeliveryBurst + rateCount;
        var ids = Enumerable.Reverse(withoutDevice).Take(wanted).ToList();
        if (ids.Count < wanted)
        {
            results.Notes.Add(Invariant($"delivery: only {ids.Count:N0} users without a device for {wanted:N0} messages; the fixed-rate part sends fewer."));
        }

        var phones = await _db.PhonesAsync(AuthyDatabase, ids, cancellationToken);
        var users = ids.Select(id => new DeliveryUser(id, phones[id])).ToList();
        var burstUsers = users.Take(options.DeliveryBurst).ToList();
        var rateUsers = users.Skip(options.DeliveryBurst).ToList();

        var dropped = await _db.DropPendingOutboxAsync(AuthyDatabase, cancellationToken);
        await using var provider = FakeSmsProvider.Start(options.ProviderDelay);
        var port = FreeLoopbackPort();
        var environment = new Dictionary<string, string>(baseEnvironment, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = Invariant($"http://127.0.0.1:{port}"),
            ["PublicBaseUrl"] = Invariant($"http://127.0.0.1:{port}"),
            ["Messaging__SmsProvider"] = "Http",
            // http:// is accepted for a loopback host (docs/configuration.md, "HTTP gateway (SMS)").
            ["HttpGateway__Url"] = provider.Url,
            ["HttpGateway__Secret"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            ["Fraud__MaxSendsPerNumber"] = "1000000",
            ["Fraud__MaxSendsPerPrefix"] = "1000000",
        };
        foreach (var (name, value) in options.ServerEnvironment)
        {
            environment[name] = value;
        }

        await log.WriteLineAsync(Invariant(
            $"== delivery: sms/{{id}} through the Http provider to a fake provider answering after {options.ProviderDelay.TotalMilliseconds:0} ms ({options.DeliveryBurst:N0} as fast as accepted, then {options.DeliveryRate:0}/s for {options.DeliveryDuration.TotalSeconds:0} s; timeout {options.DeliveryTimeout.TotalSeconds:0} s; {dropped:N0} queued messages of earlier phases dropped)"));
        using var http = Client(port);
        await using var server = ServerProcess.Start(options.ServerDll, [], environment, Path.Combine(options.WorkDir, "server-delivery.log"));
        await server.WaitReadyAsync(http, "/health/ready", TimeSpan.FromSeconds(60), cancellationToken);
        var phase = new DeliveryPhase(http, apiKey, provider, options.Concurrency, log);

        var burst = await phase.BurstAsync(burstUsers, options.DeliveryTimeout, cancellationToken);
        await log.WriteLineAsync(Invariant(
            $"   burst: {burst.Accepted:N0} of {burst.Requested:N0} accepted in {burst.AcceptSeconds:0.0} s; provider received {burst.Received:N0} in {burst.WindowSeconds:0.0} s = {burst.DeliveredPerSecond:0.0}/s (steady {burst.SteadyPerSecond:0.0}/s)"));

        // What the burst left queued would be sent first and delay the next part: drop it, and let the sends the
        // dispatcher has in flight (Outbox:MaxInFlight:Sms, 64 by default, sent at once) reach the provider.
        var left = await _db.DropPendingOutboxAsync(AuthyDatabase, cancellationToken);
        await Task.Delay(options.ProviderDelay * 2 + TimeSpan.FromSeconds(1), cancellationToken);

        var atRate = await phase.AtRateAsync(rateUsers, options.DeliveryRate, options.DeliveryDuration, options.DeliveryTimeout, cancellationToken);
        await log.WriteLineAsync(Invariant(
            $"   {atRate.OfferedPerSecond:0}/s for {atRate.OfferedSeconds:0} s: {atRate.Accepted:N0} of {atRate.Requested:N0} accepted; {atRate.ReceivedInTime:N0} received within {atRate.TimeoutSeconds:0} s, {atRate.NotReceivedInTime:N0} not; accepted to received p50 {atRate.P50Ms:0} ms, p99 {atRate.P99Ms:0} ms, max {atRate.MaxMs:0} ms"));
        if (left > 0)
        {
            results.Notes.Add(Invariant($"delivery: {left:N0} messages the burst left queued were dropped before the fixed-rate part."));
        }

        if (atRate.LateStarts > 0)
        {
            results.Notes.Add(Invariant($"delivery: {atRate.LateStarts:N0} requests of the fixed-rate part started more than 100 ms late (client or machine saturated)."));
        }

        results.Delivery = new DeliveryResult(
            options.ProviderDelay.TotalMilliseconds,
            "Http provider, Outbox defaults (MaxInFlight:Sms 64, PollIntervalMilliseconds 1000), Fraud limits raised to 1,000,000",
            burst,
            atRate);
    }

    /// <summary>Starts the server several times on the migrated database and times each start to its first ready answer.</summary>
    private async Task StartToReadyAsync(BenchResults results, IReadOnlyDictionary<string, string> environment, int port, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync(Invariant($"== start to ready: {options.Starts} starts"));
        for (var i = 0; i < options.Starts; i++)
        {
            // A new client each time: pooled connections to the previous process are dead.
            using var http = Client(port);
            await using var server = ServerProcess.Start(options.ServerDll, [], environment, Path.Combine(options.WorkDir, "server-starts.log"));
            // Listening first (/health/live answers without the database), then ready: the split shows whether the
            // time goes to the host starting or to the first request that touches the database.
            var live = await server.WaitReadyAsync(http, "/health/live", TimeSpan.FromSeconds(60), cancellationToken);
            var ready = await server.WaitReadyAsync(http, "/health/ready", TimeSpan.FromSeconds(60), cancellationToken);
            results.StartToLiveSeconds.Add(Math.Round(live.TotalSeconds, 3));
            results.StartToReadySeconds.Add(Math.Round(ready.TotalSeconds, 3));
            await log.WriteLineAsync(Invariant($"   start {i + 1}: live after {live.TotalSeconds:0.00} s, ready after {ready.TotalSeconds:0.00} s"));
        }
    }

    private static void Judge(BenchResults results)
    {
        var verify = results.Phase("verify");
        var floorDb = results.Phase("floor db");
        if (verify is not null && floorDb is not null)
        {
            var ratio = verify.Main.SucceededPerSecond / floorDb.Main.SucceededPerSecond;
            results.Targets.Add(new TargetResult(
                "verify throughput vs read+write floor",
                "≥ 100%",
                Invariant($"{verify.Main.SucceededPerSecond:0} vs {floorDb.Main.SucceededPerSecond:0} req/s = {ratio:0%}"),
                ratio >= 1.00,
                "closed loop, same concurrency"));
        }

        // The other API phases against the same floor (issue 14's shares).
        foreach (var (phase, share) in new[] { ("sms", 0.40), ("users/new", 0.40), ("onetouch", 0.25) })
        {
            if (results.Phase(phase) is { } measured && floorDb is not null)
            {
                var ratio = measured.Main.SucceededPerSecond / floorDb.Main.SucceededPerSecond;
                results.Targets.Add(new TargetResult(
                    Invariant($"{(phase == "onetouch" ? "OneTouch create+status" : phase)} throughput vs read+write floor"),
                    Invariant($"≥ {share:0%}"),
                    Invariant($"{measured.Main.SucceededPerSecond:0} vs {floorDb.Main.SucceededPerSecond:0} req/s = {ratio:0%}"),
                    ratio >= share,
                    phase == "onetouch" ? "closed loop; one iteration = create + status" : "closed loop, same concurrency"));
            }
        }

        var verify80 = results.Phase("verify 80%");
        var floor80 = results.Phase("floor db 80%");
        if (verify80 is not null && floor80 is not null)
        {
            var ratio = verify80.Main.P99Ms / floor80.Main.P99Ms;
            results.Targets.Add(new TargetResult(
                "verify p99 at 80% of peak vs floor p99 at 80% of its peak",
                "≤ 2×",
                Invariant($"{verify80.Main.P99Ms:0.00} ms vs {floor80.Main.P99Ms:0.00} ms = {ratio:0.00}×"),
                ratio <= 2.0,
                "fixed rate, latency from send"));
        }

        results.Targets.Add(results.PeakRssMiB is { } rss
            ? new TargetResult("server memory under load (peak RSS)", "< 250 MB", Invariant($"{rss:0} MiB"), rss * 1.048576 < 250, "VmRSS sampled every 100 ms during the server's phases")
            : new TargetResult("server memory under load (peak RSS)", "< 250 MB", "—", null, "not run"));

        results.Targets.Add(results.Scale is { } scale
            ? new TargetResult(
                Invariant($"verify latency, {scale.LargeUsers:N0} vs {scale.SmallUsers:N0} users"),
                "p50 within 20%, p99 within 50%",
                Invariant($"p50 {scale.P50Ratio:0.00}×, mean {scale.MeanRatio:0.00}×, p99 {scale.P99Ratio:0.00}×"),
                scale.P50Ratio <= 1.20 && scale.P99Ratio <= 1.50,
                Invariant($"fixed {scale.RatePerSecond:0}/s, PostgreSQL's default settings"))
            : new TargetResult("verify latency, 1,000,000 vs 1,000 users", "p50 within 20%, p99 within 50%", "—", null, "not run"));

        if (results.Delivery is { } delivery)
        {
            var b = delivery.Burst;
            results.Targets.Add(new TargetResult(
                "delivery: SMS delivered per node with a 200 ms provider",
                "≥ 200 SMS/s",
                Invariant($"{b.DeliveredPerSecond:0.0}/s ({b.Received:N0} of {b.Accepted:N0} in {b.WindowSeconds:0.0} s; steady {b.SteadyPerSecond:0.0}/s)"),
                b.DeliveredPerSecond >= 200,
                Invariant($"burst of {b.Requested:N0} sms/{{id}}, provider answering after {delivery.ProviderDelayMs:0} ms, one node")));
            var a = delivery.AtRate;
            var missing = a.Accepted == 0 || a.NotReceivedInTime > 0.01 * a.Accepted;
            results.Targets.Add(new TargetResult(
                "at 100 SMS/s offered for 60 s, accepted-to-provider p99",
                "≤ 1 s",
                missing
                    ? Invariant($"p99 > {a.TimeoutSeconds:0} s: {a.NotReceivedInTime:N0} of {a.Accepted:N0} not received within {a.TimeoutSeconds:0} s; of those received p50 {a.P50Ms ?? 0:0} ms, p99 {a.P99Ms ?? 0:0} ms, max {a.MaxMs ?? 0:0} ms")
                    : Invariant($"p99 {a.P99Ms:0} ms (p50 {a.P50Ms:0} ms, max {a.MaxMs:0} ms); {a.NotReceivedInTime:N0} of {a.Accepted:N0} not received within {a.TimeoutSeconds:0} s"),
                !missing && a.P99Ms <= 1000,
                Invariant($"{a.OfferedPerSecond:0}/s for {a.OfferedSeconds:0} s offered, from each 200 to the provider's receipt")));
        }
        else
        {
            results.Targets.Add(new TargetResult("delivery: SMS delivered per node with a 200 ms provider", "≥ 200 SMS/s", "—", null, "not run"));
            results.Targets.Add(new TargetResult("at 100 SMS/s offered for 60 s, accepted-to-provider p99", "≤ 1 s", "—", null, "not run"));
        }

        if (results.StartToReadySeconds.Count > 0)
        {
            var sorted = results.StartToReadySeconds.Order().ToList();
            var median = Median(sorted);
            results.Targets.Add(new TargetResult(
                "server start to ready",
                "< 2 s",
                Invariant($"{median:0.00} s median of {sorted.Count} (min {sorted[0]:0.00}, max {sorted[^1]:0.00}); listening after {Median(results.StartToLiveSeconds):0.00} s"),
                median < 2.0,
                "process start to first 200 from /health/ready"));
        }
        else
        {
            results.Targets.Add(new TargetResult("server start to ready", "< 2 s", "—", null, "not run"));
        }
    }

    private Dictionary<string, string> ServerEnvironment(byte[] masterKey, int port)
    {
        var connectionString = _db.ConnectionStringFor(AuthyDatabase);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = Invariant($"http://127.0.0.1:{port}"),
            ["ConnectionStrings__Authy"] = options.ConnectionOptions is { Length: > 0 } extra ? connectionString + ";" + extra : connectionString,
            ["Security__MasterKey"] = Convert.ToBase64String(masterKey),
            // The Log provider sends nothing; Production refuses it unless allowed, and no real SMS may leave a bench.
            ["Messaging__AllowLogProviderInProduction"] = "true",
            // Production requires it: links such as qr_code never follow the request's Host header.
            ["PublicBaseUrl"] = Invariant($"http://127.0.0.1:{port}"),
        };
        foreach (var (name, value) in options.ServerEnvironment)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary><paramref name="count"/> users evenly spaced over <paramref name="all"/> (all of them when it has fewer).</summary>
    private static List<long> Spread(IReadOnlyList<long> all, int count) =>
        count >= all.Count ? [.. all] : [.. Enumerable.Range(0, count).Select(i => all[(int)((long)i * all.Count / count)])];

    /// <summary>
    /// Verifies each user of <paramref name="tickets"/> once, unrecorded (its first tickets visit every user once), so
    /// the server's member cache holds them all before a phase measures them.
    /// </summary>
    private async Task WarmAsync(HttpClient http, string apiKey, TotpTickets tickets, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = 0;
        await Parallel.ForAsync(0, tickets.UserCount, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (_, token) =>
        {
            if (!tickets.TryNext(out var authyId, out var code))
            {
                Interlocked.Increment(ref failed);
                return;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, Invariant($"/protected/json/verify/{code}/{authyId}"));
            request.Headers.Add("X-Authy-API-Key", apiKey);
            using var response = await http.SendAsync(request, token);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
            }
        });
        await log.WriteLineAsync(Invariant($"Warmed the member cache with {tickets.UserCount:N0} users in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s ({failed:N0} not verified)."));
    }

    private LoadPlan Closed() => new(options.Concurrency, options.Warmup, options.Duration);

    /// <summary>
    /// A fixed rate with at most <paramref name="inFlight"/> requests outstanding (default: as many as the closed
    /// loop's workers). At 80% of the rate the closed loop reached with that many, the bound is rarely touched; when
    /// the machine cannot keep the rate (other load on it), the shortfall shows as schedule lag rather than as more
    /// concurrent requests than the peak was measured with: on two cores, PostgreSQL does more work per request with
    /// more backends active, and a backlog would feed itself.
    /// </summary>
    private LoadPlan AtRate(double rate, int? inFlight = null) =>
        new(inFlight ?? options.Concurrency, options.Warmup, options.Duration, Math.Max(1, rate));

    private static HttpClient Client(int port) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        MaxConnectionsPerServer = int.MaxValue,
    })
    {
        BaseAddress = new Uri(Invariant($"http://127.0.0.1:{port}")),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private int? PostmasterPid()
    {
        var file = options.PgData is null ? null : Path.Combine(options.PgData, "postmaster.pid");
        return file is not null && File.Exists(file) && int.TryParse(File.ReadLines(file).First(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : null;
    }

    private async Task<MachineInfo> MachineAsync(CancellationToken cancellationToken)
    {
        static string Read(string path, Func<string, bool> pick, string fallback)
        {
            try
            {
                return File.ReadLines(path).FirstOrDefault(pick) is { } line ? line[(line.IndexOf(':') + 1)..].Trim() : fallback;
            }
            catch (IOException)
            {
                return fallback;
            }
        }

        var memKb = Read("/proc/meminfo", l => l.StartsWith("MemTotal", StringComparison.Ordinal), "0 kB").Split(' ')[0];
        var load = Read("/proc/loadavg", _ => true, "0").Split(' ')[0];
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var connection = new Npgsql.NpgsqlConnection(options.Postgres))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var setting in (string[])["shared_buffers", "fsync", "synchronous_commit", "full_page_writes", "max_connections"])
            {
                await using var show = new Npgsql.NpgsqlCommand("SHOW " + setting, connection);
                settings[setting] = (string)(await show.ExecuteScalarAsync(cancellationToken))!;
            }
        }

        return new MachineInfo(
            Environment.ProcessorCount,
            Math.Round(long.Parse(memKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1),
            Read("/proc/cpuinfo", l => l.StartsWith("model name", StringComparison.Ordinal), RuntimeInformation.ProcessArchitecture.ToString()),
            "Linux " + Read("/proc/sys/kernel/osrelease", _ => true, "?").Replace(":", "", StringComparison.Ordinal),
            RuntimeInformation.FrameworkDescription.Replace(".NET ", "", StringComparison.Ordinal),
            await _db.ServerVersionAsync(cancellationToken),
            settings,
            double.Parse(load, CultureInfo.InvariantCulture));
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    private static string Users(int count) => count >= 1_000_000 && count % 1_000_000 == 0
        ? Invariant($"{count / 1_000_000}M")
        : count >= 1_000 && count % 1_000 == 0 ? Invariant($"{count / 1_000}k") : Invariant($"{count}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
