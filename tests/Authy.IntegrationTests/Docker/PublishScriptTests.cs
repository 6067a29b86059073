using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Docker;

/// <summary>
/// docker/publish.sh is the image's publish command: the Dockerfile runs it, and this test runs it too and starts
/// what it wrote, so the image is built the way it is tested.
/// </summary>
public sealed class PublishScriptTests
{
    private static readonly string Root = RepositoryPaths.Root();

    [Fact]
    public async Task Dockerfile_PublishesWithTheScript()
    {
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(Root, "docker", "Dockerfile"), TestContext.Current.CancellationToken);

        Assert.Contains("RUN bash docker/publish.sh /app", dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet publish", dockerfile, StringComparison.Ordinal); // only through the script
        Assert.Contains("""CMD ["dotnet", "/app/Authy.Api.dll", "healthcheck"]""", dockerfile, StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishScript_OutputStarts()
    {
        var output = Directory.CreateTempSubdirectory("authy-publish-").FullName;
        try
        {
            var publish = await ProcessRun.RunAsync("bash", [Path.Combine(Root, "docker", "publish.sh"), output], Root, TimeSpan.FromMinutes(10)); // ReadyToRun compiles every assembly
            Assert.True(publish.ExitCode == 0, publish.Output);

            var help = await ProcessRun.RunAsync("dotnet", [Path.Combine(output, "Authy.Api.dll"), "--help"], output, TimeSpan.FromMinutes(1));

            Assert.True(help.ExitCode == 0, help.Output);
            Assert.Contains("healthcheck", help.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(output, "appsettings.json")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
