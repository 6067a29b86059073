using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Docker;

/// <summary>
/// docker/docker-compose.yml as Compose itself reads it (<c>docker-compose config</c>; no engine is needed):
/// the file is valid, the services are wired as documented, and the master-key guard stops a start without a key.
/// ./test.sh installs Debian's docker-compose when it is missing.
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly string DockerDirectory = Path.Combine(RepositoryPaths.Root(), "docker");

    [Fact]
    public async Task ComposeFile_WithExampleEnvAndKey_IsValidAndWiredAsDocumented()
    {
        var key = Convert.ToBase64String(new byte[32]);

        var run = await ComposeConfigAsync(["--env-file", ".env.example"], new Dictionary<string, string?> { ["AUTHY_MASTER_KEY"] = key });

        Assert.True(run.ExitCode == 0, run.Output);
        var config = run.Output;
        Assert.Contains("condition: service_healthy", config, StringComparison.Ordinal);
        Assert.Contains("condition: service_completed_successfully", config, StringComparison.Ordinal);
        Assert.Contains("pg_isready", config, StringComparison.Ordinal);
        Assert.Contains("- migrate", config, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Authy: Host=postgres;", config, StringComparison.Ordinal);
        Assert.Contains("Security__MasterKey: " + key, config, StringComparison.Ordinal);
        Assert.Contains("Messaging__SmsProvider: Log", config, StringComparison.Ordinal);
        Assert.Contains("Messaging__AllowLogProviderInProduction: \"true\"", config, StringComparison.Ordinal);
        Assert.Contains("PublicBaseUrl: http://localhost:8080", config, StringComparison.Ordinal);
        // /metrics on its own port (not published): Production serves it nowhere else.
        Assert.Matches("Metrics__Port: ['\"]?9464['\"]?", config);
        Assert.Contains("target: 8080", config, StringComparison.Ordinal);
        Assert.Contains("postgres-data:", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComposeFile_WithoutMasterKey_IsRefusedWithTheReason()
    {
        var run = await ComposeConfigAsync([], new Dictionary<string, string?> { ["AUTHY_MASTER_KEY"] = null });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("set AUTHY_MASTER_KEY", run.Output, StringComparison.Ordinal);
    }

    private static async Task<ProcessRun> ComposeConfigAsync(string[] options, IReadOnlyDictionary<string, string?> environment)
    {
        string[] arguments = [.. options, "-f", "docker-compose.yml", "config"];
        if (ProcessRun.FindOnPath("docker-compose") is { } compose)
        {
            return await ProcessRun.RunAsync(compose, arguments, DockerDirectory, TimeSpan.FromMinutes(1), environment);
        }

        if (ProcessRun.FindOnPath("docker") is { } docker
            && (await ProcessRun.RunAsync(docker, ["compose", "version"], DockerDirectory, TimeSpan.FromMinutes(1))).ExitCode == 0)
        {
            return await ProcessRun.RunAsync(docker, ["compose", .. arguments], DockerDirectory, TimeSpan.FromMinutes(1), environment);
        }

        Assert.Skip("Neither docker-compose nor the docker compose plugin is installed (./test.sh installs Debian's docker-compose).");
        throw new InvalidOperationException("unreachable");
    }
}
