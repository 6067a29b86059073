using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Authy.Application.Apps;

namespace Authy.Api.Cli;

/// <summary>
/// <c>apps settings --id N [Name=Value …]</c>: shows or changes an application's settings. Every property of
/// <see cref="AppSettings"/> is settable by name; values are checked by the same ranges the application layer enforces,
/// and nothing is saved when one is refused.
/// </summary>
internal static class AppSettingsCommand
{
    private static readonly PropertyInfo[] Properties = typeof(AppSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    public static async Task<int> RunAsync(ManageApps apps, CliCommand command, TextWriter output, CancellationToken cancellationToken)
    {
        var id = command.Id;
        bool found;
        try
        {
            found = await apps.UpdateSettingsAsync(id, settings => Apply(settings, command.Settings), cancellationToken);
        }
        catch (ValidationException refused)
        {
            await output.WriteLineAsync($"Not saved: {refused.Message}");
            return 2;
        }

        if (!found)
        {
            await output.WriteLineAsync($"No application has app_id {id}.");
            return 1;
        }

        var current = await apps.GetSettingsAsync(id, cancellationToken);
        foreach (var property in Properties)
        {
            await output.WriteLineAsync($"{property.Name,-26} {Format(property.GetValue(current))}");
        }

        return 0;
    }

    /// <summary>Applies the pairs; an unknown name or unreadable value throws, which abandons the save.</summary>
    private static void Apply(AppSettings settings, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        foreach (var (name, text) in pairs)
        {
            var property = Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ValidationException($"unknown setting {name}; known: {string.Join(", ", Properties.Select(p => p.Name))}");
            property.SetValue(settings, Parse(property, text));
        }
    }

    private static object? Parse(PropertyInfo property, string text)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (text.Length == 0 && (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null))
        {
            return null;
        }

        try
        {
            return type.IsEnum ? Enum.Parse(type, text, ignoreCase: true)
                : type == typeof(bool) ? bool.Parse(text)
                : type == typeof(int) ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : text;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException)
        {
            throw new ValidationException($"{property.Name} cannot be {text}");
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "(none)",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
