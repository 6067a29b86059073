using Authy.Application.Verify.Accounts;

namespace Authy.Api.Cli;

/// <summary><c>accounts …</c> and <c>api-keys …</c>: the Verify v2 credentials. Secrets are printed once and stored as hashes.</summary>
internal static class AccountsCommand
{
    public static async Task<int> RunAsync(ManageAccounts accounts, CliCommand command, TextWriter output, CancellationToken cancellationToken)
    {
        switch (command.Verb)
        {
            case CliCommand.AccountsCreate:
                await WriteAccountAsync(output, "Created account", await accounts.CreateAsync(command.Name!, cancellationToken));
                return 0;

            case CliCommand.AccountsList:
                await output.WriteLineAsync("Account SID                         name                            API keys  created");
                foreach (var a in await accounts.ListAsync(cancellationToken))
                {
                    await output.WriteLineAsync($"{a.Sid,-35} {Fit(a.FriendlyName, 31),-31} {a.ApiKeys,-9} {a.CreatedAt:yyyy-MM-dd HH:mm}Z");
                }

                return 0;

            case CliCommand.AccountsRotateToken:
                if (await accounts.RotateTokenAsync(command.Sid!, cancellationToken) is not { } rotated)
                {
                    await output.WriteLineAsync($"No account has the SID {command.Sid}.");
                    return 1;
                }

                await WriteAccountAsync(output, "New auth token for account", rotated);
                return 0;

            case CliCommand.ApiKeysCreate:
                if (await accounts.CreateApiKeyAsync(command.Sid!, command.Name, cancellationToken) is not { } key)
                {
                    await output.WriteLineAsync($"No account has the SID {command.Sid}.");
                    return 1;
                }

                await output.WriteLineAsync($"Created API key for account {key.AccountSid}");
                await output.WriteLineAsync($"  API key SID: {key.Sid}");
                await output.WriteLineAsync($"  Secret: {key.Secret}");
                await output.WriteLineAsync("  The secret is shown once and stored only as a hash: keep it now.");
                return 0;

            case CliCommand.ApiKeysDelete:
                if (!await accounts.DeleteApiKeyAsync(command.Sid!, cancellationToken))
                {
                    await output.WriteLineAsync($"No API key has the SID {command.Sid}.");
                    return 1;
                }

                await output.WriteLineAsync($"Deleted API key {command.Sid}.");
                return 0;

            default:
                return command.WriteHelp(output);
        }
    }

    /// <summary>The two lines a Twilio client is configured with, and the reminder that the token is shown once.</summary>
    public static async Task WriteAccountAsync(TextWriter output, string title, AccountWithToken account)
    {
        await output.WriteLineAsync($"{title} \"{account.FriendlyName}\"");
        await output.WriteLineAsync($"  Account SID: {account.Sid}");
        await output.WriteLineAsync($"  Auth token: {account.AuthToken}");
        await output.WriteLineAsync("  The token is shown once and stored only as a hash: keep it now.");
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
