using System.CommandLine;

namespace Authy.Api.Cli;

/// <summary>
/// The command line once parsed (<see cref="CliSyntax"/>): <c>serve</c> (the default), <c>migrate</c>,
/// <c>apps …</c>, <c>accounts …</c>, <c>api-keys …</c> or <c>healthcheck</c> with its options, and the arguments that configure the host.
/// </summary>
internal sealed record CliCommand(string Verb, string[] HostArgs)
{
    public const string Serve = "serve";
    public const string Migrate = "migrate";
    public const string AppsCreate = "apps create";
    public const string AppsList = "apps list";
    public const string AppsRotateKey = "apps rotate-key";
    public const string AppsSettings = "apps settings";
    public const string AppsShow = "apps show";
    public const string AppsRotateAccessKey = "apps rotate-access-key";
    public const string AppsRotateSigningKey = "apps rotate-signing-key";
    public const string AppsUsage = "apps usage";
    public const string AccountsCreate = "accounts create";
    public const string AccountsList = "accounts list";
    public const string AccountsRotateToken = "accounts rotate-token";
    public const string ApiKeysCreate = "api-keys create";
    public const string ApiKeysDelete = "api-keys delete";
    public const string HealthCheck = "healthcheck";
    public const string Help = "help";

    /// <summary><c>--name</c> of <c>apps create</c>, <c>accounts create</c> and <c>api-keys create</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>--sid</c> of <c>accounts rotate-token</c> and <c>api-keys delete</c>, <c>--account</c> of <c>api-keys create</c>.</summary>
    public string? Sid { get; init; }

    /// <summary><c>--id</c> of the <c>apps</c> commands that take one (the parser requires it there).</summary>
    public int Id { get; init; }

    /// <summary><c>--url</c> of <c>healthcheck</c>; null for the default.</summary>
    public string? Url { get; init; }

    /// <summary>The Name=Value pairs of <c>apps settings</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    /// <summary>For <see cref="Help"/>: the usage error (naming the option or command that is wrong), if any.</summary>
    public string? Error { get; init; }

    /// <summary>For <see cref="Help"/>: the command whose help to show.</summary>
    public Command? HelpFor { get; init; }

    public static CliCommand Parse(string[] args) => CliSyntax.Parse(args);

    /// <summary>Writes the help, after the usage error if any; returns the exit code: 0, or 2 for a usage error.</summary>
    public int WriteHelp(TextWriter output) => CliSyntax.WriteHelp(this, output);
}
