using Authy.Application.Webhooks;

namespace Authy.Api.Cli;

/// <summary>
/// <c>apps show</c>, <c>apps rotate-access-key</c> and <c>apps rotate-signing-key</c>: the Webhooks API's keys
/// (docs/webhooks.md). The access key is stored as a hash, so it is printed only when issued; the API signing key is
/// stored encrypted and can be shown again.
/// </summary>
internal static class DashboardKeysCommand
{
    public static async Task<int> RunAsync(DashboardKeys keys, CliCommand command, TextWriter output, CancellationToken cancellationToken)
    {
        var id = command.Id;
        switch (command.Verb)
        {
            case CliCommand.AppsRotateAccessKey:
                var accessKey = await keys.RotateAccessKeyAsync(id, cancellationToken);
                if (accessKey is null)
                {
                    break;
                }

                await output.WriteLineAsync($"New access key for application {id}: {accessKey}");
                await output.WriteLineAsync("  The access key is shown once and stored only as a hash: keep it now.");
                return 0;

            case CliCommand.AppsRotateSigningKey:
                var signingKey = await keys.RotateSigningKeyAsync(id, cancellationToken);
                if (signingKey is null)
                {
                    break;
                }

                await output.WriteLineAsync($"New API signing key for application {id}: {signingKey}");
                return 0;

            default:
                var view = await keys.ShowAsync(id, cancellationToken);
                if (view is null)
                {
                    break;
                }

                await output.WriteLineAsync($"Application \"{view.Name}\"");
                await output.WriteLineAsync($"  app_id:          {view.AppId}");
                await output.WriteLineAsync($"  API key:         ...{view.ApiKeyHint}");
                await output.WriteLineAsync($"  account_sid:     {view.AccountSid}");
                await output.WriteLineAsync(view.AccessKeyHint is null
                    ? "  Access key:      not set (apps rotate-access-key issues one)"
                    : $"  Access key:      set (...{view.AccessKeyHint})");
                await output.WriteLineAsync($"  API signing key: {view.ApiSigningKey ?? "not set (apps rotate-signing-key issues one)"}");
                return 0;
        }

        await output.WriteLineAsync($"No application has app_id {id}.");
        return 1;
    }

    /// <summary>The two lines <c>apps create</c> and the demo application add under the API key.</summary>
    public static async Task WriteCredentialsAsync(TextWriter output, DashboardCredentials credentials)
    {
        await output.WriteLineAsync($"  Access key (Webhooks API):      {credentials.AccessKey}");
        await output.WriteLineAsync($"  API signing key (Webhooks API): {credentials.ApiSigningKey}");
        await output.WriteLineAsync("  The API key and the access key are shown once and stored only as hashes: keep them now.");
        await output.WriteLineAsync("  (`apps show` can show the API signing key again.)");
    }
}
