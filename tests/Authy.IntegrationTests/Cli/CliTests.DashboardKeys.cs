using System.Globalization;
using System.Text.RegularExpressions;
using Authy.Api.Cli;
using Authy.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Cli;

/// <summary>The Webhooks API's keys from the command line: printed at creation, shown, rotated.</summary>
public sealed partial class CliTests
{
    [Fact]
    public async Task AppsCreate_PrintsAccessAndSigningKeys_AndShowReportsThem()
    {
        var created = await RunAsync("apps", "create", "--name", "Dashboard");
        var id = Regex.Match(created, @"app_id:\s+(\d+)").Groups[1].Value;
        var accessKey = AccessKeyLine().Match(created).Groups["key"].Value;
        var signingKey = SigningKeyLine().Match(created).Groups["key"].Value;

        var shown = await RunAsync("apps", "show", "--id", id);

        Assert.Equal(32, accessKey.Length);
        Assert.Equal(32, signingKey.Length);
        Assert.NotEqual(accessKey, signingKey);
        Assert.Contains($"Access key:      set (...{accessKey[^4..]})", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(accessKey, shown, StringComparison.Ordinal);
        Assert.Contains($"API signing key: {signingKey}", shown, StringComparison.Ordinal);
        Assert.Matches(@"account_sid:\s+AC[0-9a-f]{32}", shown);
    }

    [Fact]
    public async Task AppsRotateKeys_PrintNewKeys_ShowFollows()
    {
        var app = await factory.CreateAppAsync("Rotating dashboard");
        var id = app.Id.ToString(CultureInfo.InvariantCulture);

        var access = await RunAsync("apps", "rotate-access-key", "--id", id);
        var signing = await RunAsync("apps", "rotate-signing-key", "--id", id);
        var shown = await RunAsync("apps", "show", "--id", id);

        var newAccess = Regex.Match(access, @"New access key for application \d+: (?<key>[A-Za-z0-9]{32})").Groups["key"].Value;
        var newSigning = Regex.Match(signing, @"New API signing key for application \d+: (?<key>[A-Za-z0-9]{32})").Groups["key"].Value;
        Assert.NotEqual(app.Dashboard!.AccessKey, newAccess);
        Assert.NotEqual(app.Dashboard.ApiSigningKey, newSigning);
        Assert.Contains($"set (...{newAccess[^4..]})", shown, StringComparison.Ordinal);
        Assert.Contains($"API signing key: {newSigning}", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppsShow_AppFromBeforeWebhooks_SaysKeysAreNotSet()
    {
        var app = await factory.CreateAppAsync("Old app");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // What the Webhooks migration leaves on applications that existed before it.
            await scope.ServiceProvider.GetRequiredService<AuthyDbContext>().Apps.Where(a => a.Id == app.Id)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(a => a.AccessKeyHash, (byte[]?)null)
                          .SetProperty(a => a.AccessKeyHint, (string?)null)
                          .SetProperty(a => a.EncryptedApiSigningKey, (byte[]?)null),
                    TestContext.Current.CancellationToken);
        }

        var shown = await RunAsync("apps", "show", "--id", app.Id.ToString(CultureInfo.InvariantCulture));

        Assert.Contains("Access key:      not set", shown, StringComparison.Ordinal);
        Assert.Contains("API signing key: not set", shown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("rotate-access-key")]
    [InlineData("rotate-signing-key")]
    public async Task DashboardKeyCommands_UnknownOrMissingApp_Fail(string verb)
    {
        var unknown = await CliRunner.RunAsync(factory.Services, CliCommand.Parse(["apps", verb, "--id", "999999"]), new StringWriter(), CancellationToken.None);
        var missing = await CliRunner.RunAsync(factory.Services, CliCommand.Parse(["apps", verb]), new StringWriter(), CancellationToken.None);

        Assert.Equal(1, unknown);
        Assert.Equal(2, missing);
    }

    [GeneratedRegex(@"Access key \(Webhooks API\):\s+(?<key>[A-Za-z0-9]{32})")]
    private static partial Regex AccessKeyLine();

    [GeneratedRegex(@"API signing key \(Webhooks API\):\s+(?<key>[A-Za-z0-9]{32})")]
    private static partial Regex SigningKeyLine();
}
