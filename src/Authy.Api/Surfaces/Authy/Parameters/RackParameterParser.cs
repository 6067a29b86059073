using Microsoft.AspNetCore.WebUtilities;

namespace Authy.Api.Surfaces.Authy.Parameters;

/// <summary>
/// Turns flat <c>name=value</c> pairs (query string, form body, multipart fields) into a nested
/// tree with the semantics of Rack's <c>Rack::QueryParser#normalize_params</c> (Rack 3), which is
/// what the real Authy API (a Rails app) used to read <c>user[email]</c>, <c>logos[][res]</c> and
/// friends.
/// </summary>
/// <remarks>
/// <para>Differences from Rack, all chosen so that hostile input can never throw:</para>
/// <list type="bullet">
///   <item>Where Rack raises <c>ParameterTypeError</c> (a key used both as a scalar and as a hash or
///   array, e.g. <c>a=1&amp;a[b]=2</c>), the later pair wins and replaces the earlier value.</item>
///   <item>Only the first <see cref="MaxPairs"/> pairs are read; the rest are ignored.</item>
///   <item>A key that would nest deeper than <see cref="MaxDepth"/> levels (Rack raises
///   <c>ParamsTooDeepError</c>) is ignored as a whole, before it touches the tree, so it cannot
///   clobber an earlier value with a half-built hash.</item>
/// </list>
/// <para>Either kind of skipped input is reported through the <c>truncated</c> out parameter so a
/// caller can log it; the parser never fails.</para>
/// </remarks>
internal static class RackParameterParser
{
    /// <summary>
    /// Deepest nesting accepted: a key may need at most this many levels of Rack's recursion
    /// (<c>a[b][c][d][e][f][g][h]</c>, eight levels, is accepted; one more bracket is not).
    /// Authy's deepest real key is two levels (<c>logos[0][res]</c>).
    /// </summary>
    public const int MaxDepth = 8;

    /// <summary>Most pairs read from one source; later pairs are ignored. Authy calls send fewer than 20.</summary>
    public const int MaxPairs = 1000;

    public static ParamNode Parse(IEnumerable<KeyValuePair<string, string?>> pairs) => Parse(pairs, out _);

    /// <summary>Parses <paramref name="pairs"/> in order into a root hash.</summary>
    /// <param name="pairs">Decoded names and values, in wire order (array building depends on it).</param>
    /// <param name="truncated">Set when pairs beyond <see cref="MaxPairs"/> or keys deeper than <see cref="MaxDepth"/> were ignored.</param>
    public static ParamNode Parse(IEnumerable<KeyValuePair<string, string?>> pairs, out bool truncated)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        truncated = false;
        var root = NewHash();
        var count = 0;
        foreach (var (name, value) in pairs)
        {
            if (++count > MaxPairs)
            {
                truncated = true;
                break;
            }

            // Rack treats a missing name like an empty one, which it then ignores.
            var key = name ?? string.Empty;
            if (ExceedsMaxDepth(key))
            {
                truncated = true;
                continue;
            }

            Normalize(root, key, value, 0);
        }

        return ToNode(root);
    }

    /// <summary>
    /// Parses <c>application/x-www-form-urlencoded</c> text (a query string, with or without the
    /// leading <c>?</c>, or a form body): <c>+</c> becomes a space and percent escapes are decoded as UTF-8.
    /// </summary>
    public static ParamNode ParseUrlEncoded(string? text) => ParseUrlEncoded(text, out _);

    /// <inheritdoc cref="ParseUrlEncoded(string?)"/>
    public static ParamNode ParseUrlEncoded(string? text, out bool truncated)
    {
        if (string.IsNullOrEmpty(text))
        {
            truncated = false;
            return ParamNode.EmptyHash;
        }

        // QueryStringEnumerable is a ref struct, so the pairs are collected here rather than
        // streamed; one extra pair is kept so that Parse still notices the overflow.
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var pair in new QueryStringEnumerable(text))
        {
            pairs.Add(new(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
            if (pairs.Count > MaxPairs)
            {
                break;
            }
        }

        return Parse(pairs, out truncated);
    }

    // A literal port of Rack 3's normalize_params. The mutable tree holds string? (scalar),
    // OrderedDictionary<string, object?> (hash) and List<object?> (array). The return value
    // mirrors Rack's: the hash that was written to, a one-element list for a trailing "[]" below
    // the top level, or null when the key was empty.
    private static object? Normalize(OrderedDictionary<string, object?> parameters, string name, string? value, int depth)
    {
        var (key, after) = Split(name, depth);
        if (key.Length == 0)
        {
            return null;
        }

        if (after.Length == 0)
        {
            if (key == "[]" && depth != 0)
            {
                return new List<object?> { value };
            }

            parameters[key] = value;
        }
        else if (after == "[")
        {
            parameters[name] = value;
        }
        else if (after == "[]")
        {
            ArrayAt(parameters, key).Add(value);
        }
        else if (after.StartsWith("[]", StringComparison.Ordinal))
        {
            // x[][y]: keep filling the last hash of the array until y repeats, then start a new one.
            var childKey = ChildKey(after);
            var array = ArrayAt(parameters, key);
            if (array.Count > 0
                && array[^1] is OrderedDictionary<string, object?> last
                && !HasKeyPath(last, childKey))
            {
                Normalize(last, childKey, value, depth + 1);
            }
            else
            {
                array.Add(Normalize(NewHash(), childKey, value, depth + 1));
            }
        }
        else
        {
            parameters[key] = Normalize(HashAt(parameters, key), after, value, depth + 1);
        }

        return parameters;
    }

    // Rack's key/after split. At the top level a leading '[' is part of the name; below it,
    // "[]" means "array" and "[k]" means hash key k.
    private static (string Key, string After) Split(string name, int depth)
    {
        if (depth == 0)
        {
            var open = name.Length > 1 ? name.IndexOf('[', 1) : -1;
            return open > 0 ? (name[..open], name[open..]) : (name, string.Empty);
        }

        if (name.StartsWith("[]", StringComparison.Ordinal))
        {
            return ("[]", name[2..]);
        }

        if (name.StartsWith('['))
        {
            var close = name.IndexOf(']', 1);
            if (close > 0)
            {
                return (name[1..close], name[(close + 1)..]);
            }
        }

        // Malformed nesting (no opening bracket): Rack keeps the whole rest as one key.
        return (name, string.Empty);
    }

    // For after = "[][y]" the child key is "y"; for anything more complex ("[][y][z]", "[][]")
    // it is the rest after "[]", parsed again one level down.
    private static string ChildKey(string after)
    {
        if (after.Length > 3 && after[2] == '[' && after[^1] == ']')
        {
            var inner = after[3..^1];
            if (inner.Length > 0 && !inner.Contains('[') && !inner.Contains(']'))
            {
                return inner;
            }
        }

        return after[2..];
    }

    // Rack's params_hash_has_key?: does the (possibly nested) child key already exist in the
    // last array element? A key containing "[]" never counts as present.
    private static bool HasKeyPath(OrderedDictionary<string, object?> hash, string key)
    {
        if (key.Contains("[]", StringComparison.Ordinal))
        {
            return false;
        }

        object? current = hash;
        foreach (var part in key.Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (current is not OrderedDictionary<string, object?> level || !level.TryGetValue(part, out current))
            {
                return false;
            }
        }

        return true;
    }

    // The recursion path depends only on the name, never on the tree, so the depth can be
    // checked up front and an over-deep key skipped without side effects.
    private static bool ExceedsMaxDepth(string name)
    {
        var current = name;
        for (var depth = 0; ; depth++)
        {
            if (depth >= MaxDepth)
            {
                return true;
            }

            var (key, after) = Split(current, depth);
            if (key.Length == 0 || after.Length == 0 || after == "[" || after == "[]")
            {
                return false;
            }

            current = after.StartsWith("[]", StringComparison.Ordinal) ? ChildKey(after) : after;
        }
    }

    // Where Rack would raise on a shape conflict, the new shape replaces the old value.
    private static List<object?> ArrayAt(OrderedDictionary<string, object?> parameters, string key)
    {
        if (parameters.TryGetValue(key, out var existing) && existing is List<object?> array)
        {
            return array;
        }

        array = [];
        parameters[key] = array;
        return array;
    }

    private static OrderedDictionary<string, object?> HashAt(OrderedDictionary<string, object?> parameters, string key)
    {
        if (parameters.TryGetValue(key, out var existing) && existing is OrderedDictionary<string, object?> hash)
        {
            return hash;
        }

        hash = NewHash();
        parameters[key] = hash;
        return hash;
    }

    private static OrderedDictionary<string, object?> NewHash() => new(StringComparer.Ordinal);

    // Depth is bounded by MaxDepth (at most two tree levels per recursion level), so plain recursion is safe.
    private static ParamNode ToNode(object? value) => value switch
    {
        null => ParamNode.Null,
        string text => ParamNode.Scalar(text),
        OrderedDictionary<string, object?> hash => ToHash(hash),
        List<object?> array => ParamNode.FromOwnedList(array.ConvertAll(ToNode)),
        _ => throw new InvalidOperationException("Unexpected node in the parameter tree."),
    };

    private static ParamNode ToHash(OrderedDictionary<string, object?> hash)
    {
        if (hash.Count == 0)
        {
            return ParamNode.EmptyHash;
        }

        var map = new OrderedDictionary<string, ParamNode>(hash.Count, StringComparer.Ordinal);
        foreach (var (key, child) in hash)
        {
            map.Add(key, ToNode(child));
        }

        return ParamNode.FromOwnedMap(map);
    }
}
