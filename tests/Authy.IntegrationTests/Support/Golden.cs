using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// Pins every Authy response shape: key names, key order, value types and fixed values, against
/// <c>Golden/&lt;name&gt;.json</c>. Values that differ per run (ids, timestamps, masked digits) are normalised to a
/// placeholder of the same JSON type, so a number that turned into a string still fails.
/// Set <c>AUTHY_UPDATE_GOLDEN=1</c> to write missing or changed files (then review the diff).
/// </summary>
public static class Golden
{
    private static readonly HashSet<string> Volatile = new(StringComparer.Ordinal)
    {
        "id", "authy_id", "device_id", "registration_date", "creation_date", "last_sync_date", "email_id", "app_id",
        "_app_serial_id", "_authy_id", "_id", "user_id", "uuid", "created_at", "updated_at", "processed_at",
    };

    // Per-run values under keys that also carry fixed text (a field error such as "cellphone":"is invalid").
    private static readonly HashSet<string> VolatileWhenPersonal = new(StringComparer.Ordinal) { "cellphone", "phone_number", "email" };

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void AssertMatches(string name, string actualBody, [CallerFilePath] string callerPath = "")
    {
        var actual = Normalise(JsonNode.Parse(actualBody));
        var directory = Path.Combine(FindProjectDirectory(callerPath), "Golden");
        var file = Path.Combine(directory, name + ".json");
        var update = System.Environment.GetEnvironmentVariable("AUTHY_UPDATE_GOLDEN") == "1";
        if (!File.Exists(file))
        {
            if (!update)
            {
                Assert.Fail($"Golden file {name}.json is missing. Run with AUTHY_UPDATE_GOLDEN=1 to create it. Actual: {actual?.ToJsonString(Compact)}");
            }

            File.WriteAllText(file, actual!.ToJsonString(Pretty) + "\n");
            return;
        }

        var expected = Normalise(JsonNode.Parse(File.ReadAllText(file)));
        var expectedText = expected?.ToJsonString(Compact);
        var actualText = actual?.ToJsonString(Compact);
        if (update && expectedText != actualText)
        {
            File.WriteAllText(file, actual!.ToJsonString(Pretty) + "\n");
            return;
        }

        Assert.Equal(expectedText, actualText);
    }

    private static JsonNode? Normalise(JsonNode? node, string? key = null)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (k, v) in obj)
                {
                    copy[k] = Normalise(v, k);
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Normalise(item, key))]);
            case JsonValue value when key is not null && (Volatile.Contains(key) || (VolatileWhenPersonal.Contains(key) && IsPersonal(value))):
                return value.GetValueKind() switch
                {
                    JsonValueKind.Number => JsonValue.Create(0),
                    JsonValueKind.String => JsonValue.Create("*"),
                    _ => value.DeepClone(),
                };
            default:
                return node?.DeepClone();
        }
    }

    private static bool IsPersonal(JsonValue value) =>
        value.TryGetValue<string>(out var text) && (text.Contains('@', StringComparison.Ordinal) || text.Contains("XX", StringComparison.Ordinal));

    private static string FindProjectDirectory(string callerPath)
    {
        var directory = Path.GetDirectoryName(callerPath);
        while (directory is not null && !File.Exists(Path.Combine(directory, "Authy.IntegrationTests.csproj")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("Cannot find the integration test project directory.");
    }
}
