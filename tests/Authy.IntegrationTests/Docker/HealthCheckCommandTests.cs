using System.Net;
using System.Net.Sockets;
using Authy.Api.Cli;
using Authy.IntegrationTests.Interop;

using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Docker;

/// <summary>The <c>healthcheck</c> verb (the image's HEALTHCHECK) against a server listening on a real port.</summary>
public sealed class HealthCheckCommandTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task HealthCheck_ReadyServer_ExitsZero()
    {
        _ = factory.Services; // starts the server

        var run = await ProcessRun.RunAsync(
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Authy.Api.dll"), "healthcheck", "--url", factory.BaseUrl + "/health/ready"],
            AppContext.BaseDirectory,
            TimeSpan.FromMinutes(1));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("200", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_NothingListening_ExitsOne()
    {
        var output = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync($"http://127.0.0.1:{ClosedPort()}/health/ready", output, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task HealthCheck_NotReady_ExitsOne()
    {
        _ = factory.Services;
        var output = new StringWriter();

        var exit = await HealthCheckCommand.RunAsync(factory.BaseUrl + "/no-such-endpoint", output, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Contains("404", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HealthCheck_DefaultsToTheImagesPort() =>
        Assert.Equal("http://localhost:8080/health/ready", HealthCheckCommand.DefaultUrl);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener is disposed
    }
}
