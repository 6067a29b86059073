using Authy.Api;
using Authy.Api.Cli;
using Authy.Application;
using Authy.Infrastructure;

var command = CliCommand.Parse(args);
if (command.Verb == CliCommand.Help)
{
    return command.WriteHelp(Console.Out);
}

if (command.Verb == CliCommand.HealthCheck)
{
    // Before the host is built: the check needs no database or configuration, only the running server.
    return await HealthCheckCommand.RunAsync(command.Url, Console.Out, CancellationToken.None);
}

var builder = WebApplication.CreateBuilder(command.HostArgs);
builder.AddAuthyLogging();
builder.AddAuthyApplication();
builder.AddAuthyInfrastructure();
builder.AddAuthyApi(startsServer: command.Verb == CliCommand.Serve);

// Disposed at the end, CLI verbs included: that flushes the log lines still queued for the console (the sink is
// asynchronous), such as the migrator's, before the process exits.
await using var app = builder.Build();
if (command.Verb != CliCommand.Serve)
{
    return await CliRunner.RunAsync(app.Services, command, Console.Out, CancellationToken.None);
}

await app.PrepareStorageAsync(Console.Out);
app.UseAuthyPipeline();
app.MapAuthyEndpoints();
await app.RunAsync();
return 0;
