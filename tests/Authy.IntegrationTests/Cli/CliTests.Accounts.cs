using System.Text.RegularExpressions;
using Authy.Api.Cli;
using Authy.Application.Abstractions;
using Authy.Application.Verify.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Authy.IntegrationTests.Cli;

/// <summary>The Verify v2 credentials: accounts with an auth token, and API keys, printed once and stored hashed.</summary>
public sealed partial class CliTests
{
    [Fact]
    public async Task AccountsCreate_PrintsASidAndTokenThatAuthenticate_OnlyOnce()
    {
        var output = await RunAsync("accounts", "create", "--name", "Shop");
        var (sid, token) = (AccountSidLine().Match(output).Groups["sid"].Value, AuthTokenLine().Match(output).Groups["token"].Value);

        Assert.Contains("Created account \"Shop\"", output, StringComparison.Ordinal);
        Assert.Matches("^AC[0-9a-f]{32}$", sid);
        Assert.Matches("^[0-9a-f]{32}$", token);
        Assert.Equal("Shop", (await AuthenticateAsync(sid, token))?.FriendlyName);
        Assert.Equal("Shop", (await AuthenticateAsync(sid.ToUpperInvariant(), token))?.FriendlyName); // hex in capitals is the same SID
        Assert.Null(await AuthenticateAsync(sid, token[..^1] + (token[^1] == '0' ? '1' : '0')));
        Assert.Null(await AuthenticateAsync(sid, string.Empty));
        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IAuthyDb>().Accounts.AsNoTracking().SingleAsync(a => a.Sid == sid, TestContext.Current.CancellationToken);
        Assert.Equal(AccountCredentials.Hash(token), stored.AuthTokenHash);
        var list = await RunAsync("accounts", "list");
        Assert.Contains(sid, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsRotateToken_OldTokenStopsWorking_NewOneWorks()
    {
        var created = await RunAsync("accounts", "create", "--name", "Rotating");
        var (sid, oldToken) = (AccountSidLine().Match(created).Groups["sid"].Value, AuthTokenLine().Match(created).Groups["token"].Value);

        var rotated = await RunAsync("accounts", "rotate-token", "--sid", sid);
        var newToken = AuthTokenLine().Match(rotated).Groups["token"].Value;

        Assert.NotEqual(oldToken, newToken);
        Assert.Null(await AuthenticateAsync(sid, oldToken));
        Assert.Equal(sid, (await AuthenticateAsync(sid, newToken))?.Sid);
    }

    [Fact]
    public async Task ApiKeys_ActForTheirAccount_UntilDeleted()
    {
        var created = await RunAsync("accounts", "create", "--name", "Keyed");
        var (accountSid, token) = (AccountSidLine().Match(created).Groups["sid"].Value, AuthTokenLine().Match(created).Groups["token"].Value);

        var keyOutput = await RunAsync("api-keys", "create", "--account", accountSid, "--name", "ci");
        var (keySid, secret) = (ApiKeySidLine().Match(keyOutput).Groups["sid"].Value, SecretLine().Match(keyOutput).Groups["secret"].Value);
        var withKey = await AuthenticateAsync(keySid, secret);
        var keyWithToken = await AuthenticateAsync(keySid, token);
        await RunAsync("api-keys", "delete", "--sid", keySid);
        var afterDelete = await AuthenticateAsync(keySid, secret);

        Assert.Matches("^SK[0-9a-f]{32}$", keySid);
        Assert.Equal(accountSid, withKey?.Sid);
        Assert.Null(keyWithToken);
        Assert.Null(afterDelete);
        Assert.Equal(accountSid, (await AuthenticateAsync(accountSid, token))?.Sid);
    }

    [Theory]
    [InlineData("accounts", "rotate-token", "--sid", "AC00000000000000000000000000000000", 1)]
    [InlineData("api-keys", "create", "--account", "AC00000000000000000000000000000000", 1)]
    [InlineData("api-keys", "delete", "--sid", "SK00000000000000000000000000000000", 1)]
    [InlineData("accounts", "rotate-token", "--sid", "SK00000000000000000000000000000000", 2)]
    [InlineData("api-keys", "delete", "--sid", "not-a-sid", 2)]
    [InlineData("accounts", "create", "--name", " ", 2)]
    public async Task AccountCommands_UnknownOrMalformedSid_Fail(string noun, string verb, string option, string value, int expectedExit)
    {
        var output = new StringWriter();

        var exit = await CliRunner.RunAsync(factory.Services, CliCommand.Parse([noun, verb, option, value]), output, CancellationToken.None);

        Assert.Equal(expectedExit, exit);
        Assert.Contains(expectedExit == 2 ? option : value, output.ToString(), StringComparison.Ordinal);
    }

    private async Task<AuthenticatedAccount?> AuthenticateAsync(string username, string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthenticateAccount>().ExecuteAsync(username, password, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex(@"Account SID: (?<sid>\S+)")]
    private static partial Regex AccountSidLine();

    [GeneratedRegex(@"Auth token: (?<token>\S+)")]
    private static partial Regex AuthTokenLine();

    [GeneratedRegex(@"API key SID: (?<sid>\S+)")]
    private static partial Regex ApiKeySidLine();

    [GeneratedRegex(@"Secret: (?<secret>\S+)")]
    private static partial Regex SecretLine();
}
