using System.Text.Json;

namespace Authy.Api.Surfaces.Authy.Parameters;

/// <summary>
/// Converts a JSON object body (authy-client, python, java) into the same tree the form parser
/// builds, so endpoints never care which encoding a client chose.
/// </summary>
/// <remarks>
/// Numbers keep their exact JSON text (<c>1</c>, <c>1.5</c>, <c>1e3</c>) and booleans become
/// <c>true</c>/<c>false</c>, matching what form clients send for the same values. A repeated
/// property name keeps its first position and its last value. Values nested deeper than
/// <see cref="MaxDepth"/> are dropped; the reader already refuses such documents, so this only
/// guards callers that parse with looser <see cref="JsonDocumentOptions"/>.
/// </remarks>
internal static class JsonParameterParser
{
    /// <summary>Deepest nesting converted; deeper values are left out of the tree.</summary>
    public const int MaxDepth = 64;

    /// <summary>Converts a JSON object into a hash node.</summary>
    /// <exception cref="ArgumentException"><paramref name="element"/> is not a JSON object.</exception>
    public static ParamNode Parse(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Expected a JSON object, got {element.ValueKind}.", nameof(element));
        }

        return Convert(element, 0)!;
    }

    // Returns null only for a container beyond MaxDepth, which the caller then omits.
    private static ParamNode? Convert(JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (depth >= MaxDepth)
                {
                    return null;
                }

                var map = new OrderedDictionary<string, ParamNode>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var child = Convert(property.Value, depth + 1);
                    if (child is not null)
                    {
                        map[property.Name] = child;
                    }
                }

                return map.Count == 0 ? ParamNode.EmptyHash : ParamNode.FromOwnedMap(map);
            case JsonValueKind.Array:
                if (depth >= MaxDepth)
                {
                    return null;
                }

                var list = new List<ParamNode>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    var child = Convert(item, depth + 1);
                    if (child is not null)
                    {
                        list.Add(child);
                    }
                }

                return ParamNode.FromOwnedList(list);
            case JsonValueKind.String:
                return ParamNode.Scalar(element.GetString());
            case JsonValueKind.Number:
                // The raw token is already invariant (JSON has no locale), and keeping it avoids
                // turning 12345678901234567890 or 0.1 into a rounded double.
                return ParamNode.Scalar(element.GetRawText());
            case JsonValueKind.True:
                return ParamNode.Scalar("true");
            case JsonValueKind.False:
                return ParamNode.Scalar("false");
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return ParamNode.Null;
            default:
                return ParamNode.Null;
        }
    }
}
