using Authy.Bench;
using Authy.Bench.Report;

if (args.Length == 0 || args[0] != "run")
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args[1..]);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var results = await new BenchRun(options, Console.Out).RunAsync(cancel.Token);
await ReportWriter.WriteAsync(results, options.ResultsDir, cancel.Token);

Console.WriteLine();
Console.WriteLine(ReportWriter.TargetsTable(results));
foreach (var note in results.Notes)
{
    Console.WriteLine("Note: " + note);
}

Console.WriteLine($"Results: {Path.Combine(options.ResultsDir, "latest.md")} and latest.json ({results.TotalSeconds / 60:0.0} minutes).");

// A missed target is a finding, not a failure of the run: the exit code says only whether the bench itself worked.
return 0;
