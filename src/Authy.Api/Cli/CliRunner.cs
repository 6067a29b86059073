using Authy.Application.Apps;
using Authy.Application.Verify.Accounts;
using Authy.Application.Webhooks;
using Authy.Infrastructure.Persistence;
using Authy.Infrastructure.Secrets;

namespace Authy.Api.Cli;

/// <summary>Runs the operator commands against the configured database; output goes to the console, never to the log sinks.</summary>
internal static class CliRunner
{
    public static async Task<int> RunAsync(IServiceProvider root, CliCommand command, TextWriter output, CancellationToken cancellationToken)
    {
        if (command.Verb == CliCommand.Help)
        {
            // Before the database: a usage error or a help request touches nothing.
            return command.WriteHelp(output);
        }

        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (command.Verb != CliCommand.Migrate && services.GetRequiredService<ResolvedDatabase>().ApplyMigrationsOnStartup)
        {
            // The embedded default migrates on start; `apps create` before the first `serve` must find its tables too.
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }

        if (command.Verb == CliCommand.Migrate)
        {
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            await output.WriteLineAsync($"Database is up to date ({applied.Count} migration(s) applied).");
        }

        // Every command checks the master key as the server does (migrate included, so that a deployment with the wrong
        // key fails at its migrate step), and the first one on a new database records it.
        try
        {
            await services.GetRequiredService<MasterKeyCheck>().EnsureAsync(cancellationToken);
        }
        catch (MasterKeyMismatchException mismatch)
        {
            await output.WriteLineAsync(mismatch.Message);
            return 1;
        }

        switch (command.Verb)
        {
            case CliCommand.Migrate:
                return 0;

            case CliCommand.AppsCreate:
                var created = await services.GetRequiredService<ManageApps>().CreateAsync(command.Name!, cancellationToken);
                await WriteKeyAsync(output, "Created application", created);
                return 0;

            case CliCommand.AppsList:
                var apps = await services.GetRequiredService<ManageApps>().ListAsync(cancellationToken);
                await output.WriteLineAsync("app_id  name                            api key      created");
                foreach (var a in apps)
                {
                    await output.WriteLineAsync($"{a.Id,-7} {Fit(a.Name, 31),-31} ...{a.ApiKeyHint,-8} {a.CreatedAt:yyyy-MM-dd HH:mm}Z");
                }

                return 0;

            case CliCommand.AppsRotateKey:
                var rotated = await services.GetRequiredService<ManageApps>().RotateKeyAsync(command.Id, cancellationToken);
                if (rotated is null)
                {
                    await output.WriteLineAsync($"No application has app_id {command.Id}.");
                    return 1;
                }

                await WriteKeyAsync(output, "New API key for application", rotated);
                return 0;

            case CliCommand.AppsSettings:
                return await AppSettingsCommand.RunAsync(services.GetRequiredService<ManageApps>(), command, output, cancellationToken);

            case CliCommand.AppsUsage:
                return await AppUsageCommand.RunAsync(services, command, output, cancellationToken);

            case CliCommand.AccountsCreate or CliCommand.AccountsList or CliCommand.AccountsRotateToken or CliCommand.ApiKeysCreate or CliCommand.ApiKeysDelete:
                return await AccountsCommand.RunAsync(services.GetRequiredService<ManageAccounts>(), command, output, cancellationToken);

            case CliCommand.AppsShow or CliCommand.AppsRotateAccessKey or CliCommand.AppsRotateSigningKey:
                return await DashboardKeysCommand.RunAsync(services.GetRequiredService<DashboardKeys>(), command, output, cancellationToken);

            default:
                return command.WriteHelp(output);
        }
    }

    public static async Task WriteKeyAsync(TextWriter output, string title, AppWithKey app)
    {
        await output.WriteLineAsync($"{title} \"{app.Name}\"");
        await output.WriteLineAsync($"  app_id:  {app.Id}");
        await output.WriteLineAsync($"  API key: {app.ApiKey}");
        if (app.Dashboard is { } dashboard)
        {
            await DashboardKeysCommand.WriteCredentialsAsync(output, dashboard);
            return;
        }

        await output.WriteLineAsync("  The key is shown once and stored only as a hash: keep it now.");
    }

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
