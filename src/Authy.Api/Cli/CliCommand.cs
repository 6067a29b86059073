using System.Globalization;

namespace Authy.Api.Cli;

/// <summary>
/// The command line: <c>serve</c> (the default), <c>migrate</c>, and <c>apps create|list|rotate-key</c>. Parsed by hand:
/// five verbs do not need a framework, and the host's own <c>--key=value</c> configuration arguments pass through.
/// </summary>
internal sealed record CliCommand(string Verb, IReadOnlyDictionary<string, string> Options, string[] HostArgs, string? Error = null)
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
    public const string HealthCheck = "healthcheck";
    public const string Help = "help";

    public const string Usage = """
        Authy-compatible 2FA server

        Usage: dotnet run --project src/Authy.Api -- [command] [options]

        Commands:
          serve                          Run the server (the default).
          migrate                        Apply database migrations and exit.
          apps create --name <name>      Create an application and print its id and API key (shown once).
          apps list                      List applications (id, name, last four characters of the key).
          apps rotate-key --id <app_id>  Replace an application's API key and print the new one (the old one stops working).
          apps show --id <app_id>        Show an application's keys for the Webhooks API: whether an access key is set,
                                         and the API signing key.
          apps rotate-access-key --id <app_id>
                                         Issue a new Webhooks-API access key and print it once (the old one stops working).
          apps rotate-signing-key --id <app_id>
                                         Issue a new Webhooks-API signing key and print it (the old one stops working).
          apps settings --id <app_id> [Name=Value ...]
                                         Show an application's settings, or change them, e.g.
                                         OneTouchCallbackUrl=https://example.com/onetouch MaxSendsPerUser=10
          apps usage --id <app_id>       This month's counts, the monthly send cap and how much of it is used, the
                                         allowed countries and the server's prefix limit.
          healthcheck [--url <url>]      GET the readiness check (default http://localhost:8080/health/ready) and exit
                                         0 when ready, 1 otherwise: the container HEALTHCHECK (docker/Dockerfile).
          help, --help, -h               Show this help.

        Configuration comes from appsettings.json, environment variables (e.g. ConnectionStrings__Authy)
        and --Key=Value arguments; see docs/configuration.md.
        """;

    public static CliCommand Parse(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        var rest = args.Skip(words.Count).ToList();
        if (rest.Any(a => a is "--help" or "-h") || words is ["help"])
        {
            return new CliCommand(Help, new Dictionary<string, string>(), []);
        }

        var verb = words switch
        {
            [] or ["serve"] => Serve,
            ["migrate"] => Migrate,
            ["healthcheck"] => HealthCheck,
            ["apps", "create"] => AppsCreate,
            ["apps", "list"] => AppsList,
            ["apps", "rotate-key"] => AppsRotateKey,
            ["apps", "settings"] => AppsSettings,
            ["apps", "show"] => AppsShow,
            ["apps", "rotate-access-key"] => AppsRotateAccessKey,
            ["apps", "rotate-signing-key"] => AppsRotateSigningKey,
            ["apps", "usage"] => AppsUsage,
            _ => null,
        };
        if (verb is null)
        {
            return new CliCommand(Help, new Dictionary<string, string>(), [], $"Unknown command: {string.Join(' ', words)}");
        }

        // Command options (--name X, --id 3) are ours, and so are Name=Value settings after `apps settings`;
        // anything else (--Key=Value) configures the host.
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = new List<KeyValuePair<string, string>>();
        var hostArgs = new List<string>();
        for (var i = 0; i < rest.Count; i++)
        {
            if (rest[i] is "--name" or "--id" or "--url" && i + 1 < rest.Count)
            {
                options[rest[i][2..]] = rest[++i];
            }
            else if (verb == AppsSettings && !rest[i].StartsWith('-') && rest[i].IndexOf('=', StringComparison.Ordinal) is > 0 and var at)
            {
                settings.Add(new(rest[i][..at], rest[i][(at + 1)..]));
            }
            else
            {
                hostArgs.Add(rest[i]);
            }
        }

        return new CliCommand(verb, options, [.. hostArgs]) { Settings = settings };
    }

    /// <summary>The Name=Value pairs of <c>apps settings</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; init; } = [];

    public bool TryGetInt(string name, out int value) =>
        int.TryParse(Options.GetValueOrDefault(name), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
