using System.Globalization;
using System.Text.RegularExpressions;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// Runs a <c>node --test</c> suite (TAP reporter) with the given environment and reads its result; used for the
/// official npm client and for the browser test, whose assertions live in their .mjs files.
/// </summary>
public sealed partial record NodeTestRun(int ExitCode, string Report)
{
    public int Passed => Count("pass");

    public int Failed => Count("fail");

    public static async Task<NodeTestRun> RunAsync(string workingDirectory, string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        // A time-out kills node and anything it started, such as a browser.
        var run = await ProcessRun.RunAsync(
            "node",
            ["--test", "--test-reporter=tap", script],
            workingDirectory,
            timeout,
            environment.ToDictionary(pair => pair.Key, pair => (string?)pair.Value));
        return new NodeTestRun(run.ExitCode, run.Output);
    }

    /// <summary>Asserts the suite exited cleanly with no failure and at least <paramref name="minimumPassed"/> passes.</summary>
    public void AssertPassed(int minimumPassed)
    {
        Assert.True(ExitCode == 0, $"node --test failed (exit code {ExitCode}):\n{Report}");
        Assert.Equal(0, Failed);
        Assert.True(Passed >= minimumPassed, $"Only {Passed} node tests passed, expected at least {minimumPassed}:\n{Report}");
    }

    private int Count(string name) =>
        TapCount().Matches(Report).FirstOrDefault(m => m.Groups["name"].Value == name) is { } match
            ? int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No `# {name}` line in the TAP report:\n{Report}");

    [GeneratedRegex(@"^# (?<name>pass|fail) (?<count>\d+)$", RegexOptions.Multiline)]
    private static partial Regex TapCount();
}
