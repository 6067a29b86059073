using System.Collections.ObjectModel;
using System.Globalization;

namespace Authy.Api.Surfaces.Authy.Parameters;

/// <summary>
/// The merged request parameters an Authy endpoint reads: query string, then body (form or
/// JSON), then route values, each later source overriding the earlier ones key by key.
/// </summary>
/// <remarks>
/// <para>Paths are key segments: <c>Get("user", "email")</c> reads <c>user[email]</c> from a form
/// or <c>{"user":{"email":..}}</c> from JSON. A numeric segment also indexes into an array
/// (<c>Get("logos", "0", "res")</c> works for <c>logos[][res]</c>, <c>logos[0][res]</c> and JSON).</para>
/// <para>The accessors are lenient in what they accept because the official clients disagree
/// on encodings (spec §1.3): booleans arrive as <c>true</c>, <c>True</c>, <c>1</c> or JSON
/// <c>true</c>; numbers as <c>"1"</c> or <c>1</c>.</para>
/// </remarks>
internal sealed class ParameterBag
{
    public ParameterBag(ParamNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.IsHash)
        {
            throw new ArgumentException("The root of a parameter bag must be a hash.", nameof(root));
        }

        Root = root;
    }

    public static ParameterBag Empty { get; } = new(ParamNode.EmptyHash);

    /// <summary>The whole tree (always a hash).</summary>
    public ParamNode Root { get; }

    /// <summary>Top-level keys in the order they were first seen.</summary>
    public IEnumerable<string> Keys => Root.Entries.Keys;

    /// <summary>Accepts the boolean spellings Authy clients send, ignoring case.</summary>
    /// <remarks>
    /// <c>true</c>/<c>false</c> (node, ruby, java, JSON), <c>True</c>/<c>False</c> (python's
    /// <c>str(bool)</c>), <c>1</c>/<c>0</c> (php's <c>http_build_query</c>), and <c>yes</c>/<c>no</c>,
    /// <c>on</c>/<c>off</c> because Rails' boolean cast accepted them too.
    /// </remarks>
    public static bool TryParseBoolean(string? text, out bool value)
    {
        switch (text?.ToUpperInvariant())
        {
            case "TRUE" or "1" or "YES" or "ON":
                value = true;
                return true;
            case "FALSE" or "0" or "NO" or "OFF":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>The node at <paramref name="path"/>, or <see langword="null"/> when any segment is missing.</summary>
    public ParamNode? Get(params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var node = Root;
        foreach (var segment in path)
        {
            ParamNode? next = node.Kind switch
            {
                ParamNodeKind.Hash => node[segment],
                ParamNodeKind.Array when TryParseIndex(segment, out var index) && index < node.Items.Count => node.Items[index],
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    /// <summary>Whether <paramref name="path"/> exists, even when it holds JSON <c>null</c> or an empty string.</summary>
    public bool Contains(params string[] path) => Get(path) is not null;

    /// <summary>The scalar text at <paramref name="path"/>; <see langword="null"/> when absent, JSON <c>null</c>, a hash or an array.</summary>
    public string? GetString(params string[] path) => Get(path) is { IsScalar: true } node ? node.Value : null;

    /// <summary>The boolean at <paramref name="path"/> (see <see cref="TryParseBoolean"/>); <see langword="null"/> when absent or unrecognised.</summary>
    public bool? GetBoolean(params string[] path) =>
        TryParseBoolean(GetString(path), out var value) ? value : null;

    /// <summary>
    /// The string entries of the hash at <paramref name="path"/> (e.g. <c>details[Account Number]</c>),
    /// in insertion order. Nested hashes, arrays and JSON <c>null</c>s are skipped; <see langword="null"/>
    /// when the path is absent or not a hash.
    /// </summary>
    public IReadOnlyDictionary<string, string>? GetStringMap(params string[] path)
    {
        if (Get(path) is not { IsHash: true } node)
        {
            return null;
        }

        var map = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, child) in node.Entries)
        {
            if (child is { IsScalar: true, Value: { } text })
            {
                map[key] = text;
            }
        }

        return new ReadOnlyDictionary<string, string>(map);
    }

    /// <summary>
    /// The array at <paramref name="path"/>. A hash whose keys are all non-negative integers in
    /// canonical form (<c>logos[0][res]</c>, as node's <c>qs</c> and php's <c>http_build_query</c>
    /// send arrays) is returned as a list ordered by index; gaps are closed up. <see langword="null"/>
    /// when the path is absent, a scalar, or a hash with any other key.
    /// </summary>
    public IReadOnlyList<ParamNode>? GetList(params string[] path)
    {
        var node = Get(path);
        if (node is null)
        {
            return null;
        }

        if (node.IsArray)
        {
            return node.Items;
        }

        if (!node.IsHash)
        {
            return null;
        }

        var indexed = new List<(int Index, ParamNode Node)>(node.Entries.Count);
        foreach (var (key, child) in node.Entries)
        {
            if (!TryParseIndex(key, out var index))
            {
                return null;
            }

            indexed.Add((index, child));
        }

        // Canonical keys are unique per index, so the sort has no ties to break.
        indexed.Sort(static (left, right) => left.Index.CompareTo(right.Index));
        return indexed.ConvertAll(static entry => entry.Node).AsReadOnly();
    }

    /// <summary>A new bag in which <paramref name="higher"/> overrides this one key by key, recursively for hashes.</summary>
    public ParameterBag MergedWith(ParameterBag higher)
    {
        ArgumentNullException.ThrowIfNull(higher);
        return new ParameterBag(ParamNode.Merge(Root, higher.Root));
    }

    /// <summary>
    /// A new bag with the route values laid over it as top-level scalars, so that path values win
    /// over query and body (as Rails' <c>path_parameters</c> did). Null route values are skipped so an
    /// unmatched optional segment cannot erase a parameter.
    /// </summary>
    public ParameterBag WithRouteValues(RouteValueDictionary routeValues)
    {
        ArgumentNullException.ThrowIfNull(routeValues);
        var overlay = new List<KeyValuePair<string, ParamNode>>(routeValues.Count);
        foreach (var (key, value) in routeValues)
        {
            // Convert.ToString turns null into "", which would erase a parameter instead of skipping it.
            if (value is not null)
            {
                overlay.Add(new(key, ParamNode.Scalar(Convert.ToString(value, CultureInfo.InvariantCulture))));
            }
        }

        return overlay.Count == 0 ? this : new ParameterBag(ParamNode.Merge(Root, ParamNode.Hash(overlay)));
    }

    public override string ToString() => Root.ToString();

    // Only canonical non-negative integers ("0", "17", not "01", "+1" or " 1"), so that two keys
    // can never claim the same index.
    private static bool TryParseIndex(string key, out int index) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out index)
        && key == index.ToString(CultureInfo.InvariantCulture);
}
