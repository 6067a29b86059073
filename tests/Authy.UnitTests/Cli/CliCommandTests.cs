using Authy.Api.Cli;

namespace Authy.UnitTests.Cli;

public sealed class CliCommandTests
{
    [Theory]
    [InlineData(new string[0], CliCommand.Serve)]
    [InlineData(new[] { "serve" }, CliCommand.Serve)]
    [InlineData(new[] { "migrate" }, CliCommand.Migrate)]
    [InlineData(new[] { "apps", "list" }, CliCommand.AppsList)]
    [InlineData(new[] { "apps", "create", "--name", "My App" }, CliCommand.AppsCreate)]
    [InlineData(new[] { "apps", "create", "--help" }, CliCommand.Help)]
    [InlineData(new[] { "apps", "show", "--id", "1" }, CliCommand.AppsShow)]
    [InlineData(new[] { "apps", "rotate-access-key", "--id", "1" }, CliCommand.AppsRotateAccessKey)]
    [InlineData(new[] { "apps", "rotate-signing-key", "--id", "1" }, CliCommand.AppsRotateSigningKey)]
    [InlineData(new[] { "healthcheck" }, CliCommand.HealthCheck)]
    [InlineData(new[] { "-h" }, CliCommand.Help)]
    public void Parse_Verbs(string[] args, string verb) => Assert.Equal(verb, CliCommand.Parse(args).Verb);

    [Fact]
    public void Parse_OptionsAreOursAndTheRestGoesToTheHost()
    {
        var command = CliCommand.Parse(["apps", "rotate-key", "--id", "7", "--Database:Provider=Sqlite"]);

        Assert.True(command.TryGetInt("id", out var id));
        Assert.Equal(7, id);
        Assert.Equal(["--Database:Provider=Sqlite"], command.HostArgs);
    }

    [Fact]
    public void Parse_HealthCheckUrl_IsAnOption()
    {
        var command = CliCommand.Parse(["healthcheck", "--url", "http://127.0.0.1:9000/health/ready"]);

        Assert.Equal("http://127.0.0.1:9000/health/ready", command.Options["url"]);
        Assert.Empty(command.HostArgs);
    }

    [Fact]
    public void Parse_UnknownCommand_IsHelpWithError()
    {
        var command = CliCommand.Parse(["apps", "explode"]);

        Assert.Equal(CliCommand.Help, command.Verb);
        Assert.Contains("Unknown command", command.Error, StringComparison.Ordinal);
    }
}
