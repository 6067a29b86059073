using System.Buffers;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Authy.Api.Surfaces.Authy.Parameters;

/// <summary>The three shapes a request parameter can take.</summary>
internal enum ParamNodeKind
{
    Scalar,
    Hash,
    Array,
}

/// <summary>
/// One node of a parsed parameter tree: a scalar (text, or <see langword="null"/> for JSON
/// <c>null</c>), a hash (string keys in insertion order) or an array.
/// </summary>
/// <remarks>
/// Nodes are immutable once built, so merged bags can share subtrees safely. JSON numbers and
/// booleans are stored as their invariant text (<c>1</c>, <c>1.5</c>, <c>true</c>) because form
/// and query clients send the very same values as text, and every accessor parses text anyway.
/// </remarks>
internal sealed class ParamNode
{
    private static readonly IReadOnlyDictionary<string, ParamNode> NoEntries =
        ReadOnlyDictionary<string, ParamNode>.Empty;

    private static readonly IReadOnlyList<ParamNode> NoItems = [];

    private ParamNode(
        ParamNodeKind kind,
        string? value,
        IReadOnlyDictionary<string, ParamNode> entries,
        IReadOnlyList<ParamNode> items)
    {
        Kind = kind;
        Value = value;
        Entries = entries;
        Items = items;
    }

    /// <summary>The scalar that stands for a JSON <c>null</c>.</summary>
    public static ParamNode Null { get; } = new(ParamNodeKind.Scalar, null, NoEntries, NoItems);

    /// <summary>A hash without entries.</summary>
    public static ParamNode EmptyHash { get; } = new(ParamNodeKind.Hash, null, NoEntries, NoItems);

    public ParamNodeKind Kind { get; }

    public bool IsScalar => Kind == ParamNodeKind.Scalar;

    public bool IsHash => Kind == ParamNodeKind.Hash;

    public bool IsArray => Kind == ParamNodeKind.Array;

    /// <summary>The text of a scalar; <see langword="null"/> for JSON <c>null</c> and for hashes and arrays.</summary>
    public string? Value { get; }

    /// <summary>A hash's entries in insertion order; empty for scalars and arrays.</summary>
    public IReadOnlyDictionary<string, ParamNode> Entries { get; }

    /// <summary>An array's items; empty for scalars and hashes.</summary>
    public IReadOnlyList<ParamNode> Items { get; }

    /// <summary>The hash entry under <paramref name="key"/>, or <see langword="null"/> when absent or not a hash.</summary>
    public ParamNode? this[string key] => Entries.TryGetValue(key, out var child) ? child : null;

    public static ParamNode Scalar(string? value) =>
        value is null ? Null : new(ParamNodeKind.Scalar, value, NoEntries, NoItems);

    /// <summary>
    /// Builds a hash. A repeated key keeps the position of its first occurrence and the value of
    /// its last, as a Ruby <c>Hash</c> does on reassignment.
    /// </summary>
    public static ParamNode Hash(IEnumerable<KeyValuePair<string, ParamNode>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var map = new OrderedDictionary<string, ParamNode>(StringComparer.Ordinal);
        foreach (var (key, child) in entries)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(entries));
            ArgumentNullException.ThrowIfNull(child, nameof(entries));
            map[key] = child;
        }

        return map.Count == 0 ? EmptyHash : FromOwnedMap(map);
    }

    public static ParamNode Array(IEnumerable<ParamNode> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = new List<ParamNode>();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            list.Add(item);
        }

        return FromOwnedList(list);
    }

    /// <summary>
    /// Overlays <paramref name="higher"/> on <paramref name="lower"/>: when both are hashes the
    /// result holds every key of both and recurses where both hold a hash; otherwise
    /// <paramref name="higher"/> replaces <paramref name="lower"/> outright.
    /// </summary>
    public static ParamNode Merge(ParamNode lower, ParamNode higher)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(higher);
        if (!lower.IsHash || !higher.IsHash)
        {
            return higher;
        }

        if (lower.Entries.Count == 0)
        {
            return higher;
        }

        if (higher.Entries.Count == 0)
        {
            return lower;
        }

        var map = new OrderedDictionary<string, ParamNode>(lower.Entries, StringComparer.Ordinal);
        foreach (var (key, child) in higher.Entries)
        {
            map[key] = map.TryGetValue(key, out var existing) ? Merge(existing, child) : child;
        }

        return FromOwnedMap(map);
    }

    /// <summary>Renders the tree as compact JSON (scalars as strings), for logs and test assertions.</summary>
    public override string ToString()
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps '+', '@' and non-ASCII readable; the text is never embedded in HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, this);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // The two factories below take ownership of a collection nobody else holds a reference to.
    internal static ParamNode FromOwnedMap(OrderedDictionary<string, ParamNode> map) =>
        new(ParamNodeKind.Hash, null, new ReadOnlyDictionary<string, ParamNode>(map), NoItems);

    internal static ParamNode FromOwnedList(List<ParamNode> list) =>
        new(ParamNodeKind.Array, null, NoEntries, list.AsReadOnly());

    private static void Write(Utf8JsonWriter writer, ParamNode node)
    {
        switch (node.Kind)
        {
            case ParamNodeKind.Scalar when node.Value is null:
                writer.WriteNullValue();
                break;
            case ParamNodeKind.Scalar:
                writer.WriteStringValue(node.Value);
                break;
            case ParamNodeKind.Hash:
                writer.WriteStartObject();
                foreach (var (key, child) in node.Entries)
                {
                    writer.WritePropertyName(key);
                    Write(writer, child);
                }

                writer.WriteEndObject();
                break;
            case ParamNodeKind.Array:
                writer.WriteStartArray();
                foreach (var item in node.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"Unknown node kind {node.Kind}.");
        }
    }
}
