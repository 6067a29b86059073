using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using Authy.Application.Verify;

namespace Authy.Api.Cli;

/// <summary>
/// The verbs and their options, parsed by System.CommandLine, which also writes each verb's <c>--help</c> and names
/// the option that is wrong. The host's configuration arguments are taken out first (<see cref="Split"/>).
/// </summary>
internal static class CliSyntax
{
    private const string HowToRun = "dotnet run --project src/Authy.Api --";
    private const int Width = 118;
    private const int SynopsisWidth = 31;

    private static readonly Option<string> NameOption = new("--name")
    {
        Description = "The application's name.",
        HelpName = "name",
        Required = true,
        Validators = { result => RefuseBlank(result) },
    };

    private static readonly Option<string> AccountNameOption = new("--name")
    {
        Description = "The account's friendly name.",
        HelpName = "name",
        Required = true,
        Validators = { result => RefuseBlank(result) },
    };

    private static readonly Option<string> ApiKeyNameOption = new("--name")
    {
        Description = "A friendly name for the key.",
        HelpName = "name",
    };

    private static readonly Option<string> AccountSidOption = new("--sid")
    {
        Description = "The account's SID (AC…).",
        HelpName = "AC…",
        Required = true,
        Validators = { result => RequireSid(result, Sids.Account) },
    };

    private static readonly Option<string> AccountOption = new("--account")
    {
        Description = "The SID of the account the key acts for (AC…).",
        HelpName = "AC…",
        Required = true,
        Validators = { result => RequireSid(result, Sids.Account) },
    };

    private static readonly Option<string> ApiKeySidOption = new("--sid")
    {
        Description = "The API key's SID (SK…).",
        HelpName = "SK…",
        Required = true,
        Validators = { result => RequireSid(result, Sids.ApiKey) },
    };

    private static readonly Option<int> IdOption = new("--id")
    {
        Description = "The application's app_id.",
        HelpName = "app_id",
        Required = true,
        CustomParser = ParseAppId,
    };

    private static readonly Option<string> UrlOption = new("--url")
    {
        Description = $"The readiness URL to GET (default {HealthCheckCommand.DefaultUrl}).",
        HelpName = "url",
    };

    private static readonly Argument<KeyValuePair<string, string>[]> SettingsArgument = new("Name=Value")
    {
        Description = "Settings to change; none shows them.",
        Arity = ArgumentArity.ZeroOrMore,
        CustomParser = ParseSettings,
    };

    private static readonly RootCommand Root = BuildRoot();

    /// <summary>Every command with its words (<c>apps create</c>), the root's being empty.</summary>
    private static readonly (Command Command, string Path)[] Paths = [.. Commands(Root, string.Empty)];

    /// <summary>Every option name and alias of every verb: such a token is ours even after a verb it does not belong to,
    /// so that the parser says so instead of the host silently taking it as configuration.</summary>
    private static readonly Dictionary<string, Option> OurOptions = Paths
        .SelectMany(pair => pair.Command.Options)
        .SelectMany(option => option.Aliases.Append(option.Name).Select(alias => (alias, option)))
        .DistinctBy(pair => pair.alias)
        .ToDictionary(pair => pair.alias, pair => pair.option, StringComparer.Ordinal);

    public static CliCommand Parse(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
        if (words is ["help"])
        {
            return new CliCommand(CliCommand.Help, []) { HelpFor = Root };
        }

        var takesSettings = words is ["apps", "settings"];
        var (ours, hostArgs) = Split(args.Skip(words.Count).ToList(), takesSettings);
        var result = Root.Parse([.. words, .. ours], new ParserConfiguration { ResponseFileTokenReplacer = null });
        var command = result.CommandResult.Command;
        if (result.Errors.Count > 0)
        {
            return new CliCommand(CliCommand.Help, []) { HelpFor = command, Error = string.Join('\n', result.Errors.Select(e => e.Message)) };
        }

        if (result.Action is HelpAction)
        {
            return new CliCommand(CliCommand.Help, []) { HelpFor = command };
        }

        return new CliCommand(command == Root ? CliCommand.Serve : Paths.Single(pair => pair.Command == command).Path, hostArgs)
        {
            Name = result.GetValue(NameOption) ?? result.GetValue(AccountNameOption) ?? result.GetValue(ApiKeyNameOption),
            Sid = result.GetValue(AccountSidOption) ?? result.GetValue(ApiKeySidOption) ?? result.GetValue(AccountOption),
            Id = result.GetValue(IdOption),
            Url = result.GetValue(UrlOption),
            Settings = result.GetValue(SettingsArgument) ?? [],
        };
    }

    /// <summary>Writes the help the command asked for, after its usage error if it has one; returns the exit code.</summary>
    public static int WriteHelp(CliCommand command, TextWriter output)
    {
        if (command.Error is not null)
        {
            output.WriteLine(command.Error);
            output.WriteLine();
        }

        if (command.HelpFor is null or RootCommand)
        {
            output.WriteLine(Overview());
        }
        else
        {
            // System.CommandLine writes a command's help only as the action of its --help option.
            var path = Paths.Single(pair => pair.Command == command.HelpFor).Path;
            Root.Parse([.. path.Split(' '), "--help"]).Invoke(new InvocationConfiguration { Output = output });
        }

        return command.Error is null ? 0 : 2;
    }

    /// <summary>
    /// Separates our tokens from the host's configuration arguments, which <c>WebApplication.CreateBuilder</c> reads:
    /// our options (with their value) and, after <c>apps settings</c>, Name=Value pairs are ours; <c>--Key=Value</c>,
    /// <c>Key=Value</c> and <c>--Key Value</c> (as <c>--urls http://…</c>) are the host's. Anything else, such as
    /// <c>--bogus</c> with no value, would be ignored by the host, so it goes to the parser, which names it. A mistyped
    /// option with a value (<c>--nmae X</c>) cannot be told from configuration; the parser then names the option that
    /// is missing.
    /// </summary>
    private static (List<string> Ours, string[] HostArgs) Split(List<string> rest, bool takesSettings)
    {
        var ours = new List<string>();
        var hostArgs = new List<string>();
        bool IsSetting(string token) => takesSettings && !token.StartsWith('-') && token.IndexOf('=', StringComparison.Ordinal) > 0;
        // A negative number is a value (--Retention:Days -1), not an option.
        bool IsHostValue(string token) => (!token.StartsWith('-') || (token.Length > 1 && char.IsAsciiDigit(token[1]))) && !IsSetting(token);
        for (var i = 0; i < rest.Count; i++)
        {
            var token = rest[i];
            if (OurOptions.TryGetValue(token, out var option))
            {
                ours.Add(token);
                if (option.Arity.MaximumNumberOfValues > 0 && i + 1 < rest.Count)
                {
                    ours.Add(rest[++i]);
                }
            }
            else if (IsSetting(token) || OurOptions.ContainsKey(token.Split('=')[0]))
            {
                ours.Add(token);
            }
            else if (token.Contains('=', StringComparison.Ordinal))
            {
                hostArgs.Add(token);
            }
            else if ((token.StartsWith('-') || token.StartsWith('/')) && i + 1 < rest.Count && IsHostValue(rest[i + 1]))
            {
                hostArgs.Add(token);
                hostArgs.Add(rest[++i]);
            }
            else
            {
                ours.Add(token);
            }
        }

        return (ours, [.. hostArgs]);
    }

    private static RootCommand BuildRoot()
    {
        var root = new RootCommand("Authy-compatible 2FA server");
        // The server has no version flag; --version stays a host argument as it was.
        root.Options.Remove(root.Options.OfType<VersionOption>().Single());
        // Program.cs runs the verbs; this action only tells the parser that no verb is valid (it means serve).
        root.SetAction(_ => { });
        root.Add(new Command("serve", "Run the server (the default)."));
        root.Add(new Command("migrate", "Apply database migrations and exit."));
        root.Add(new Command("apps", "Manage applications.")
        {
            new Command("create", "Create an application and print its id and API key (shown once).") { NameOption },
            new Command("list", "List applications (id, name, last four characters of the key)."),
            new Command("rotate-key", "Replace an application's API key and print the new one (the old one stops working).") { IdOption },
            new Command("show", "Show an application's keys for the Webhooks API: whether an access key is set, and the API signing key.") { IdOption },
            new Command("rotate-access-key", "Issue a new Webhooks-API access key and print it once (the old one stops working).") { IdOption },
            new Command("rotate-signing-key", "Issue a new Webhooks-API signing key and print it (the old one stops working).") { IdOption },
            new Command("settings", "Show an application's settings, or change them, e.g. OneTouchCallbackUrl=https://example.com/onetouch MaxSendsPerUser=10")
            {
                IdOption,
                SettingsArgument,
            },
            new Command("usage", "This month's counts, the monthly send cap and how much of it is used, the allowed countries and the server's prefix limit.") { IdOption },
        });
        root.Add(new Command("accounts", "Manage Verify v2 accounts (what an Account SID and Auth Token name).")
        {
            new Command("create", "Create an account and print its Account SID and auth token (shown once).") { AccountNameOption },
            new Command("list", "List accounts (SID, name, API keys)."),
            new Command("rotate-token", "Replace an account's auth token and print the new one (the old one stops working).") { AccountSidOption },
        });
        root.Add(new Command("api-keys", "Manage an account's API keys (SK… and a secret, a second credential for the Verify API).")
        {
            new Command("create", "Create an API key for an account and print its SID and secret (shown once).") { AccountOption, ApiKeyNameOption },
            new Command("delete", "Delete an API key (it stops working at once).") { ApiKeySidOption },
        });
        root.Add(new Command(
            "healthcheck",
            $"GET the readiness check (default {HealthCheckCommand.DefaultUrl}) and exit 0 when ready, 1 otherwise: the container HEALTHCHECK (docker/Dockerfile).")
        {
            UrlOption,
        });
        return root;
    }

    /// <summary>The top-level help: every verb with its options on one page, which the per-command help cannot show.</summary>
    private static string Overview()
    {
        var text = new StringBuilder()
            .AppendLine(Root.Description)
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Usage: {HowToRun} [command] [options]")
            .AppendLine()
            .AppendLine("Commands:");
        foreach (var (verb, path) in Paths.Where(pair => pair.Command != Root && pair.Command.Subcommands.Count == 0))
        {
            AppendRow(text, Synopsis(verb, path), verb.Description ?? string.Empty);
        }

        AppendRow(text, "help, --help, -h", "Show this help; <command> --help shows one command's.");
        return text
            .AppendLine()
            .AppendLine("Configuration comes from appsettings.json, environment variables (e.g. ConnectionStrings__Authy)")
            .Append("and --Key=Value arguments; see docs/configuration.md.")
            .ToString();
    }

    private static string Synopsis(Command verb, string path) => string.Join(' ', verb.Options
        .Where(o => o is not HelpOption)
        .Select(o => o.Required ? $"{o.Name} <{o.HelpName}>" : $"[{o.Name} <{o.HelpName}>]")
        .Prepend(path)
        .Concat(verb.Arguments.Select(a => $"[{a.Name} ...]")));

    /// <summary>The synopsis in the first column and the description wrapped in the second, as the hand-written help had it.</summary>
    private static void AppendRow(StringBuilder text, string synopsis, string description)
    {
        var indent = new string(' ', SynopsisWidth + 4);
        var line = new StringBuilder("  " + synopsis);
        if (synopsis.Length > SynopsisWidth)
        {
            text.AppendLine(line.ToString());
            line.Clear().Append(indent);
        }
        else
        {
            line.Append(' ', SynopsisWidth - synopsis.Length + 2);
        }

        var lineHasWords = false;
        foreach (var word in description.Split(' '))
        {
            if (lineHasWords && line.Length + 1 + word.Length > Width)
            {
                text.AppendLine(line.ToString());
                line.Clear().Append(indent);
                lineHasWords = false;
            }

            line.Append(lineHasWords ? " " : string.Empty).Append(word);
            lineHasWords = true;
        }

        text.AppendLine(line.ToString());
    }

    private static IEnumerable<(Command Command, string Path)> Commands(Command command, string path) => command.Subcommands
        .SelectMany(sub => Commands(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}"))
        .Prepend((command, path));

    private static void RefuseBlank(OptionResult result)
    {
        if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
        {
            result.AddError($"{result.Option.Name} needs a value that is not blank.");
        }
    }

    private static void RequireSid(OptionResult result, string prefix)
    {
        var value = result.GetValueOrDefault<string>();
        if (!Sids.IsWellFormed(value, prefix))
        {
            result.AddError($"{result.Option.Name} needs a SID: {prefix} and 32 hex characters, not \"{value}\".");
        }
    }

    private static int ParseAppId(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        result.AddError($"--id needs an app_id (a whole number), not \"{text}\".");
        return 0;
    }

    private static KeyValuePair<string, string>[] ParseSettings(ArgumentResult result)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var token in result.Tokens)
        {
            var at = token.Value.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                result.AddError($"\"{token.Value}\" is not a Name=Value setting.");
                continue;
            }

            pairs.Add(new(token.Value[..at], token.Value[(at + 1)..]));
        }

        return [.. pairs];
    }
}
