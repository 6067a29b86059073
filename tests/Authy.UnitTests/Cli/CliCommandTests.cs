using System.Text.RegularExpressions;
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

        Assert.Equal(CliCommand.AppsRotateKey, command.Verb);
        Assert.Equal(7, command.Id);
        Assert.Equal(["--Database:Provider=Sqlite"], command.HostArgs);
    }

    [Fact]
    public void Parse_HealthCheckUrl_IsAnOption()
    {
        var command = CliCommand.Parse(["healthcheck", "--url", "http://127.0.0.1:9000/health/ready"]);

        Assert.Equal("http://127.0.0.1:9000/health/ready", command.Url);
        Assert.Empty(command.HostArgs);
    }

    [Theory]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5098" }, CliCommand.Serve, new[] { "--urls", "http://127.0.0.1:5098" })]
    [InlineData(new[] { "--Database:Provider=Postgres" }, CliCommand.Serve, new[] { "--Database:Provider=Postgres" })]
    [InlineData(new[] { "serve", "--Key", "Value", "--Other=1", "Plain:Key=2" }, CliCommand.Serve, new[] { "--Key", "Value", "--Other=1", "Plain:Key=2" })]
    [InlineData(new[] { "migrate", "--Database:Provider", "Postgres" }, CliCommand.Migrate, new[] { "--Database:Provider", "Postgres" })]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5098", "migrate" }, CliCommand.Migrate, new[] { "--urls", "http://127.0.0.1:5098" })]
    [InlineData(new[] { "serve", "--Some:Number", "-1", "/Slash:Key", "value" }, CliCommand.Serve, new[] { "--Some:Number", "-1", "/Slash:Key", "value" })]
    [InlineData(new[] { "apps", "create", "--name", "X", "--Database:DataDirectory=/tmp/x" }, CliCommand.AppsCreate, new[] { "--Database:DataDirectory=/tmp/x" })]
    [InlineData(new[] { "apps", "list", "--Database:DataDirectory", "/tmp/x" }, CliCommand.AppsList, new[] { "--Database:DataDirectory", "/tmp/x" })]
    public void Parse_HostConfigurationArguments_ReachTheHost(string[] args, string verb, string[] hostArgs)
    {
        var command = CliCommand.Parse(args);

        Assert.Null(command.Error);
        Assert.Equal(verb, command.Verb);
        Assert.Equal(hostArgs, command.HostArgs);
    }

    [Fact]
    public void Parse_AppsSettings_PairsAreOursBesideHostArguments()
    {
        var command = CliCommand.Parse(["apps", "settings", "--Logging:LogLevel:Default", "Debug", "--id", "3", "MaxSendsPerUser=2", "OneTouchCallbackUrl=", "--urls=http://x"]);

        Assert.Null(command.Error);
        Assert.Equal(3, command.Id);
        Assert.Equal([new("MaxSendsPerUser", "2"), new("OneTouchCallbackUrl", string.Empty)], command.Settings);
        Assert.Equal(["--Logging:LogLevel:Default", "Debug", "--urls=http://x"], command.HostArgs);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public void TopLevelHelp_ListsEveryVerbAndExitsZero(string arg)
    {
        var (exit, output) = WriteHelp(arg);

        Assert.Equal(0, exit);
        foreach (var synopsis in new[]
        {
            "serve", "migrate", "apps create --name <name>", "apps list", "apps rotate-key --id <app_id>", "apps show --id <app_id>",
            "apps rotate-access-key --id <app_id>", "apps rotate-signing-key --id <app_id>", "apps settings --id <app_id> [Name=Value ...]",
            "apps usage --id <app_id>", "healthcheck [--url <url>]", "help, --help, -h",
        })
        {
            Assert.Matches($@"(?m)^  {Regex.Escape(synopsis)}(  |\r?$)", output); // a whole synopsis, in the first column
        }
    }

    [Theory]
    [InlineData("serve", "Run the server")]
    [InlineData("migrate", "Apply database migrations")]
    [InlineData("apps", "rotate-signing-key")]
    [InlineData("apps create", "--name <name>")]
    [InlineData("apps list", "List applications")]
    [InlineData("apps rotate-key", "--id <app_id>")]
    [InlineData("apps show", "--id <app_id>")]
    [InlineData("apps rotate-access-key", "--id <app_id>")]
    [InlineData("apps rotate-signing-key", "--id <app_id>")]
    [InlineData("apps settings", "<Name=Value>")]
    [InlineData("apps usage", "--id <app_id>")]
    [InlineData("healthcheck", "--url <url>")]
    public void VerbHelp_PrintsThatVerbsHelpAndExitsZero(string verb, string expected)
    {
        var (exit, output) = WriteHelp([.. verb.Split(' '), "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains($" {verb} [", output, StringComparison.Ordinal); // the usage line: "Authy.Api apps create [options]"
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Authy-compatible 2FA server", output, StringComparison.Ordinal); // not the top-level help
    }

    [Theory]
    [InlineData(new[] { "apps", "create", "--name", "X", "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "apps", "rotate-key", "--id", "1", "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "healthcheck", "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "apps", "list", "--id", "3" }, "'--id'")]
    [InlineData(new[] { "serve", "--name", "X" }, "'--name'")]
    [InlineData(new[] { "apps", "create", "--name", "My", "App" }, "'App'")]
    [InlineData(new[] { "apps", "settings", "--id", "3", "NoEqualsSign" }, "NoEqualsSign")]
    [InlineData(new[] { "apps", "create" }, "'--name'")]
    [InlineData(new[] { "apps", "create", "--name", " " }, "--name")]
    [InlineData(new[] { "apps", "show" }, "'--id'")]
    [InlineData(new[] { "apps", "settings" }, "'--id'")]
    [InlineData(new[] { "apps", "usage", "--id" }, "'--id'")]
    [InlineData(new[] { "apps", "rotate-key", "--id", "abc" }, "--id needs an app_id (a whole number), not \"abc\"")]
    [InlineData(new[] { "apps", "rotate-access-key", "--id", "-3" }, "--id needs an app_id")]
    [InlineData(new[] { "apps", "explode" }, "'explode'")]
    [InlineData(new[] { "explode" }, "'explode'")]
    public void UsageError_ExitsTwoNamingWhatIsWrong(string[] args, string named)
    {
        var command = CliCommand.Parse(args);
        var (exit, output) = WriteHelp(args);

        Assert.Equal(CliCommand.Help, command.Verb);
        Assert.Contains(named, command.Error, StringComparison.Ordinal);
        Assert.Equal(2, exit);
        Assert.StartsWith(command.Error + "\n", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static (int Exit, string Output) WriteHelp(params string[] args)
    {
        var output = new StringWriter();
        var exit = CliCommand.Parse(args).WriteHelp(output);
        return (exit, output.ToString());
    }
}
