using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Authy.Application.Signatures;

/// <summary>
/// The canonical parameter string that <c>X-Authy-Signature</c> signs: Rails <c>Hash#to_query</c>
/// (spec §3.17 steps 1-7). One implementation serves the OneTouch callbacks we send and the
/// Webhooks-API requests we verify. See README.md in this folder for the algorithm and edge cases.
/// </summary>
public static class AuthyCanonicalParams
{
    /// <summary>
    /// Rails <c>Hash#to_query</c> of a JSON object: nested objects become <c>key[sub]</c>, arrays
    /// <c>key[]</c> (objects in arrays <c>key[][sub]</c>), empty objects and arrays (and containers
    /// holding only empty ones) are omitted, null becomes <c>key=</c>, booleans <c>true</c>/<c>false</c>, numbers their JSON text and
    /// strings are taken as they are. Keys and values are percent-encoded with <see cref="Encode"/>.
    /// Sorting is Rails' per level: at each object the entries' encoded strings (a <c>k=v</c> pair,
    /// or the joined block of a nested object or array) are sorted ordinally; array elements keep
    /// their order. Entries are joined with <c>&amp;</c>.
    /// </summary>
    public static string FromJson(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);

        var root = new MapNode();
        foreach (var (name, value) in parameters)
        {
            root.Add(name, FromJsonNode(value));
        }

        return ToQuery(root, null);
    }

    /// <summary>
    /// The same canonical string for already-flat, already-decoded parameters (a GET callback's query,
    /// a Webhooks-API form or query): keys such as <c>a[b]</c> and <c>events[]</c> as received.
    /// The pairs are first rebuilt into the tree Rack would parse (<c>a[b]</c> nests, <c>a[]</c>
    /// appends, <c>a[][x]</c> starts a new array element when the last one already has <c>x</c>),
    /// so the result equals <see cref="FromJson"/> of that tree, with one deliberate difference:
    /// nothing received is dropped. A plain key repeated without <c>[]</c> keeps every value in order
    /// (Rack would keep the last), and a key that cannot nest (unbalanced brackets, or a conflict
    /// such as <c>a=1</c> with <c>a[b]=2</c>) is kept as a flat top-level key. Either way each
    /// received pair appears in the output exactly once.
    /// </summary>
    public static string FromPairs(IEnumerable<KeyValuePair<string, string?>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);

        var root = new MapNode();
        foreach (var (key, value) in pairs)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(pairs));
            if (!TryParseKey(key, out var name, out var segments) || !TryInsert(root, name, segments, 0, value))
            {
                root.AddRepeatable(key, value);
            }
        }

        return ToQuery(root, null);
    }

    /// <summary>
    /// Ruby <c>CGI.escape</c>: the UTF-8 bytes of <paramref name="text"/>, with <c>A-Z a-z 0-9 - _ . ~</c>
    /// kept, space as <c>+</c>, and every other byte as <c>%XX</c> in upper-case hex
    /// (so <c>* ! ' ( )</c> are encoded, unlike JavaScript's <c>encodeURIComponent</c>).
    /// </summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var bytes = Encoding.UTF8.GetBytes(text);
        var builder = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else if (b == (byte)' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    private const string HexDigits = "0123456789ABCDEF";

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    // Rails: value.to_query(key). Returns "" for containers with nothing to emit.
    private static string ToQuery(Node node, string? key) => node switch
    {
        LeafNode leaf => Encode(key ?? string.Empty) + "=" + Encode(leaf.Value ?? string.Empty),
        MapNode map => MapToQuery(map, key),
        ListNode list => ListToQuery(list, key ?? string.Empty),
        _ => throw new InvalidOperationException("Unknown parameter node."),
    };

    // Rails Hash#to_query: skip empty containers, sort the entries' strings at this level only, join.
    // Objects inside arrays are sorted too (Rails 4; Rails 5+ leaves them in insertion order). authy-java
    // (TreeSet) and authy-client (qs sort) verify that way, and the two Rails behaviours agree whenever an
    // element's keys are already in order, as ours are.
    private static string MapToQuery(MapNode map, string? ns)
    {
        var entries = new List<string>(map.Entries.Count);
        foreach (var (name, child) in map.Entries)
        {
            if (child.IsEmpty)
            {
                continue;
            }

            var entry = ToQuery(child, ns is null ? name : ns + "[" + name + "]");
            if (entry.Length > 0)
            {
                entries.Add(entry);
            }
        }

        entries.Sort(StringComparer.Ordinal);
        return string.Join('&', entries);
    }

    // Rails Array#to_query: every element under "key[]", in array order, not sorted.
    // A repeated plain key from FromPairs (Brackets == false) repeats "key" itself.
    private static string ListToQuery(ListNode list, string key)
    {
        var prefix = list.Brackets ? key + "[]" : key;
        var entries = new List<string>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (item.IsEmpty)
            {
                continue;
            }

            var entry = ToQuery(item, prefix);
            if (entry.Length > 0)
            {
                entries.Add(entry);
            }
        }

        return string.Join('&', entries);
    }

    private static Node FromJsonNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return new LeafNode(null);
            case JsonObject obj:
                var map = new MapNode();
                foreach (var (name, value) in obj)
                {
                    map.Add(name, FromJsonNode(value));
                }

                return map;
            case JsonArray array:
                var list = new ListNode(brackets: true);
                foreach (var item in array)
                {
                    list.Items.Add(FromJsonNode(item));
                }

                return list;
            case JsonValue value:
                return new LeafNode(ScalarText(value));
            default:
                throw new ArgumentException("Unsupported JSON node.", nameof(node));
        }
    }

    private static string? ScalarText(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                if (value.TryGetValue<string>(out var text))
                {
                    return text;
                }

                // A CLR value that serialises as a JSON string (Guid, DateTimeOffset, char...): use that string.
                using (var document = JsonDocument.Parse(value.ToJsonString()))
                {
                    return document.RootElement.GetString();
                }

            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                return value.ToJsonString();
            default:
                throw new ArgumentException($"Unsupported JSON value kind {value.GetValueKind()}.", nameof(value));
        }
    }

    // "a[b][]" -> name "a", segments ["b", ""]. Anything not of the form name([seg])* is not nestable.
    private static bool TryParseKey(string key, out string name, out List<string> segments)
    {
        segments = [];
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            name = key;
            return true;
        }

        name = key[..open];
        if (name.Length == 0)
        {
            return false;
        }

        var i = open;
        while (i < key.Length)
        {
            if (key[i] != '[')
            {
                return false;
            }

            var close = key.IndexOf(']', i + 1);
            if (close < 0)
            {
                return false;
            }

            var segment = key[(i + 1)..close];
            if (segment.Contains('[', StringComparison.Ordinal))
            {
                return false;
            }

            segments.Add(segment);
            i = close + 1;
        }

        return true;
    }

    // Rack's normalize_params, minus the "last value wins" rule. Returns false on a shape conflict.
    private static bool TryInsert(MapNode target, string name, List<string> segments, int index, string? value)
    {
        if (index == segments.Count)
        {
            if (target.Get(name) is { } existing && existing is not LeafNode && existing is not ListNode { Brackets: false })
            {
                return false;
            }

            target.AddRepeatable(name, value);
            return true;
        }

        var segment = segments[index];
        if (segment.Length == 0)
        {
            var list = target.Get(name);
            if (list is null)
            {
                list = new ListNode(brackets: true);
                target.Add(name, list);
            }
            else if (list is not ListNode { Brackets: true })
            {
                return false;
            }

            var items = ((ListNode)list).Items;
            if (index + 1 == segments.Count)
            {
                items.Add(new LeafNode(value));
                return true;
            }

            var childName = segments[index + 1];
            if (childName.Length == 0)
            {
                return false; // a[][] (arrays of arrays) has no Rack meaning worth mirroring.
            }

            if (items.Count == 0 || items[^1] is not MapNode last || HasPath(last, segments, index + 1))
            {
                last = new MapNode();
                items.Add(last);
            }

            return TryInsert(last, childName, segments, index + 2, value);
        }

        var child = target.Get(name);
        if (child is null)
        {
            child = new MapNode();
            target.Add(name, child);
        }
        else if (child is not MapNode)
        {
            return false;
        }

        return TryInsert((MapNode)child, segment, segments, index + 1, value);
    }

    // Rack's params_hash_has_key?: does the element already hold this (nested) key?
    private static bool HasPath(MapNode map, List<string> segments, int index)
    {
        Node? current = map;
        for (var i = index; i < segments.Count; i++)
        {
            if (segments[i].Length == 0)
            {
                return current is not null;
            }

            if (current is not MapNode currentMap || currentMap.Get(segments[i]) is not { } next)
            {
                return false;
            }

            current = next;
        }

        return true;
    }

    private abstract class Node
    {
        public abstract bool IsEmpty { get; }
    }

    private sealed class LeafNode(string? value) : Node
    {
        public string? Value { get; } = value;

        public override bool IsEmpty => false;
    }

    private sealed class ListNode(bool brackets) : Node
    {
        public bool Brackets { get; } = brackets;

        public List<Node> Items { get; } = [];

        public override bool IsEmpty => Items.All(item => item.IsEmpty);
    }

    private sealed class MapNode : Node
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public List<KeyValuePair<string, Node>> Entries { get; } = [];

        public override bool IsEmpty => Entries.All(entry => entry.Value.IsEmpty);

        public Node? Get(string name) => _index.TryGetValue(name, out var i) ? Entries[i].Value : null;

        // JSON objects cannot repeat a key once parsed; JsonObject already rejects duplicates.
        public void Add(string name, Node node)
        {
            _index.Add(name, Entries.Count);
            Entries.Add(new(name, node));
        }

        public void Set(string name, Node node) => Entries[_index[name]] = new(name, node);

        // A flat key received more than once keeps every value, in order, under the same key.
        public void AddRepeatable(string name, string? value)
        {
            switch (Get(name))
            {
                case null:
                    Add(name, new LeafNode(value));
                    break;
                case LeafNode first:
                    var repeated = new ListNode(brackets: false);
                    repeated.Items.Add(first);
                    repeated.Items.Add(new LeafNode(value));
                    Set(name, repeated);
                    break;
                case ListNode { Brackets: false } existing:
                    existing.Items.Add(new LeafNode(value));
                    break;
                default:
                    // The literal key collides with a nested entry of the same name: keep both
                    // under a distinct slot so no received value is lost.
                    AddShadow(name, value);
                    break;
            }
        }

        private void AddShadow(string name, string? value) => Entries.Add(new(name, new LeafNode(value)));
    }
}
