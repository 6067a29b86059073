using Authy.Api.Surfaces.Authy.Parameters;

namespace Authy.UnitTests.Http.Parameters;

public sealed class RackParameterParserTests
{
    [Theory]
    [InlineData("a=1", """{"a":"1"}""")]
    [InlineData("a[b]=1", """{"a":{"b":"1"}}""")]
    [InlineData("a[b][c]=1", """{"a":{"b":{"c":"1"}}}""")]
    [InlineData("a[b][c][d]=1&a[b][c][e]=2&a[b][f]=3", """{"a":{"b":{"c":{"d":"1","e":"2"},"f":"3"}}}""")]
    [InlineData("a[]=1&a[]=2", """{"a":["1","2"]}""")]
    [InlineData("a[][x]=1&a[][y]=2&a[][x]=3", """{"a":[{"x":"1","y":"2"},{"x":"3"}]}""")]
    [InlineData("a[0][x]=1&a[1][x]=2", """{"a":{"0":{"x":"1"},"1":{"x":"2"}}}""")]
    [InlineData("a=1&a=2", """{"a":"2"}""")]
    [InlineData("label=", """{"label":""}""")]
    [InlineData("b=1&a=2&c=3", """{"b":"1","a":"2","c":"3"}""")]
    public void ParseUrlEncoded_RackExamples_BuildExpectedTree(string query, string expected)
    {
        Assert.Equal(expected, RackParameterParser.ParseUrlEncoded(query).ToString());
    }

    // Expectations from Rack 3's test/spec_utils.rb ("parse nested query strings correctly" and
    // "handles unexpected use of [ and ] in parameter keys"). Rack 3.0 yields nil for a name
    // without '='; QueryStringEnumerable cannot tell "foo" from "foo=", so "" stands in for nil.
    [Theory]
    [InlineData("foo&bar=", """{"foo":"","bar":""}""")]
    [InlineData("&foo=1&&bar=2", """{"foo":"1","bar":"2"}""")]
    [InlineData("my+weird+field=q1%212%22%27w%245%267%2Fz8%29%3F", """{"my weird field":"q1!2\"'w$5&7/z8)?"}""")]
    [InlineData("a=b&pid%3D1234=1023", """{"a":"b","pid=1234":"1023"}""")]
    [InlineData("foo[]=bar&foo", """{"foo":""}""")]
    [InlineData("foo[]=bar&foo[", """{"foo":["bar"],"foo[":""}""")]
    [InlineData("foo[]=bar&foo[=baz", """{"foo":["bar"],"foo[":"baz"}""")]
    [InlineData("x[y][z][]=1&x[y][z][]=2", """{"x":{"y":{"z":["1","2"]}}}""")]
    [InlineData("x[y][][z][]=1", """{"x":{"y":[{"z":["1"]}]}}""")]
    [InlineData("x[y][][z]=1&x[y][][w]=2", """{"x":{"y":[{"z":"1","w":"2"}]}}""")]
    [InlineData("x[y][][v][w]=1", """{"x":{"y":[{"v":{"w":"1"}}]}}""")]
    [InlineData("x[y][][z]=1&x[y][][v][w]=2", """{"x":{"y":[{"z":"1","v":{"w":"2"}}]}}""")]
    [InlineData("x[y][][z]=1&x[y][][z]=2", """{"x":{"y":[{"z":"1"},{"z":"2"}]}}""")]
    [InlineData("x[y][][z]=1&x[y][][w]=a&x[y][][z]=2&x[y][][w]=3", """{"x":{"y":[{"z":"1","w":"a"},{"z":"2","w":"3"}]}}""")]
    [InlineData("x[][y]=1&x[][z][w]=a&x[][y]=2&x[][z][w]=b", """{"x":[{"y":"1","z":{"w":"a"}},{"y":"2","z":{"w":"b"}}]}""")]
    [InlineData("x[][z][w]=a&x[][y]=1&x[][z][w]=b&x[][y]=2", """{"x":[{"z":{"w":"a"},"y":"1"},{"z":{"w":"b"},"y":"2"}]}""")]
    [InlineData("data[books][][data][page]=1&data[books][][data][page]=2", """{"data":{"books":[{"data":{"page":"1"}},{"data":{"page":"2"}}]}}""")]
    [InlineData("x[][y][][z]=1&x[][y][][w]=2", """{"x":[{"y":[{"z":"1","w":"2"}]}]}""")]
    [InlineData(
        "x[][id]=1&x[][y][a]=5&x[][y][b]=7&x[][z][id]=3&x[][z][w]=0&x[][id]=2&x[][y][a]=6&x[][y][b]=8&x[][z][id]=4&x[][z][w]=0",
        """{"x":[{"id":"1","y":{"a":"5","b":"7"},"z":{"id":"3","w":"0"}},{"id":"2","y":{"a":"6","b":"8"},"z":{"id":"4","w":"0"}}]}""")]
    [InlineData("[]=1&[a]=2&b[=3&c]=4", """{"[]":"1","[a]":"2","b[":"3","c]":"4"}""")]
    [InlineData("d[[]=5&e][]=6&f[[]]=7", """{"d":{"[":"5"},"e]":["6"],"f":{"[":{"]":"7"}}}""")]
    [InlineData("g[h]i=8&j[k]l[m]=9", """{"g":{"h":{"i":"8"}},"j":{"k":{"l[m]":"9"}}}""")]
    [InlineData("l[[[[[[[[]]]]]]]=10", """{"l":{"[[[[[[[":{"]]]]]]":"10"}}}""")]
    // Not in Rack's spec, but what the same algorithm yields.
    [InlineData("x[][y][][z]=1&x[][y][][z]=2", """{"x":[{"y":[{"z":"1"},{"z":"2"}]}]}""")]
    [InlineData("a[][]=1&a[][]=2", """{"a":[["1"],["2"]]}""")]
    [InlineData("=1&a=2", """{"a":"2"}""")]
    public void ParseUrlEncoded_RackSpecCases_MatchRack(string query, string expected)
    {
        Assert.Equal(expected, RackParameterParser.ParseUrlEncoded(query).ToString());
    }

    [Theory]
    [InlineData("a=1&a[b]=2", """{"a":{"b":"2"}}""")]
    [InlineData("a[b]=2&a=1", """{"a":"1"}""")]
    [InlineData("a=1&a[]=2", """{"a":["2"]}""")]
    [InlineData("a[]=1&a[b]=2", """{"a":{"b":"2"}}""")]
    [InlineData("a[b]=1&a[]=2", """{"a":["2"]}""")]
    [InlineData("a[b]=1&a[b][c]=2", """{"a":{"b":{"c":"2"}}}""")]
    // Rack looks for x[y] in the last element, does not find it, and then trips over the scalar x.
    [InlineData("a[][x]=1&a[][x][y]=2", """{"a":[{"x":{"y":"2"}}]}""")]
    public void ParseUrlEncoded_ConflictingShapes_LastOneWinsWithoutThrowing(string query, string expected)
    {
        Assert.Equal(expected, RackParameterParser.ParseUrlEncoded(query).ToString());
    }

    [Fact]
    public void ParseUrlEncoded_KeyWithSpaces_KeepsKeyVerbatim()
    {
        var root = RackParameterParser.ParseUrlEncoded("details[Account+Number]=123&details%5BBank%20account%5D=x+y");

        Assert.Equal("""{"details":{"Account Number":"123","Bank account":"x y"}}""", root.ToString());
    }

    [Fact]
    public void ParseUrlEncoded_PercentEncodedUtf8_IsDecoded()
    {
        var root = RackParameterParser.ParseUrlEncoded("?user%5Bemail%5D=a%40b.com&name=Jos%C3%A9");

        Assert.Equal("a@b.com", root["user"]?["email"]?.Value);
        Assert.Equal("José", root["name"]?.Value);
    }

    [Fact]
    public void Parse_NullValue_BecomesNullScalar()
    {
        var root = RackParameterParser.Parse([new("a", null), new("b[]", null)]);

        Assert.Equal("""{"a":null,"b":[null]}""", root.ToString());
    }

    [Fact]
    public void Parse_AnyCharactersInKeys_AreKept()
    {
        var root = RackParameterParser.Parse([new("details[Café & Co = 1]", "x"), new("weird key!", "y")]);

        Assert.Equal("x", root["details"]?["Café & Co = 1"]?.Value);
        Assert.Equal("y", root["weird key!"]?.Value);
    }

    [Fact]
    public void Parse_NoPairs_ReturnsEmptyHash()
    {
        var root = RackParameterParser.Parse([]);

        Assert.True(root.IsHash);
        Assert.Empty(root.Entries);
    }

    [Fact]
    public void Parse_KeyAtMaxDepth_IsAccepted()
    {
        var name = "a" + string.Concat(Enumerable.Range(1, RackParameterParser.MaxDepth - 1).Select(i => $"[k{i}]"));

        var root = RackParameterParser.Parse([new(name, "v")], out var truncated);

        Assert.False(truncated);
        var node = root["a"];
        for (var i = 1; i < RackParameterParser.MaxDepth; i++)
        {
            node = node?[$"k{i}"];
        }

        Assert.Equal("v", node?.Value);
    }

    [Fact]
    public void Parse_KeyBeyondMaxDepth_IsIgnoredAndReported()
    {
        var name = "a" + string.Concat(Enumerable.Range(1, RackParameterParser.MaxDepth).Select(i => $"[k{i}]"));

        var root = RackParameterParser.Parse([new("a", "kept"), new(name, "v"), new("b", "2")], out var truncated);

        Assert.True(truncated);
        // The over-deep key must not turn the earlier scalar into a half-built hash.
        Assert.Equal("""{"a":"kept","b":"2"}""", root.ToString());
    }

    [Fact]
    public void ParseUrlEncoded_HostileNesting_DoesNotThrowOrOverflow()
    {
        var query = string.Concat(
            "a", string.Concat(Enumerable.Repeat("[x]", 50_000)), "=1",
            "&b", string.Concat(Enumerable.Repeat("[]", 50_000)), "=2",
            "&c", new string('[', 50_000), "=3",
            "&d", new string(']', 50_000), "=4",
            "&ok=5");

        var root = RackParameterParser.ParseUrlEncoded(query, out var truncated);

        Assert.True(truncated);
        Assert.Equal("5", root["ok"]?.Value);
        Assert.Null(root["a"]);
        Assert.Null(root["b"]);
    }

    [Fact]
    public void ParseUrlEncoded_HugePairCount_KeepsOnlyTheFirstMaxPairs()
    {
        var query = string.Join('&', Enumerable.Range(0, 200_000).Select(i => $"k{i}=v"));

        var root = RackParameterParser.ParseUrlEncoded(query, out var truncated);

        Assert.True(truncated);
        Assert.Equal(RackParameterParser.MaxPairs, root.Entries.Count);
        Assert.NotNull(root[$"k{RackParameterParser.MaxPairs - 1}"]);
        Assert.Null(root[$"k{RackParameterParser.MaxPairs}"]);
    }

    [Fact]
    public void ParseUrlEncoded_HugeArray_IsCappedWithoutThrowing()
    {
        var query = string.Join('&', Enumerable.Repeat("a[][x]=1", 100_000));

        var root = RackParameterParser.ParseUrlEncoded(query, out var truncated);

        Assert.True(truncated);
        Assert.Equal(RackParameterParser.MaxPairs, root["a"]?.Items.Count);
    }

    [Theory]
    [InlineData("[")]
    [InlineData("]")]
    [InlineData("[]")]
    [InlineData("[][]")]
    [InlineData("a[")]
    [InlineData("a]")]
    [InlineData("a[[]]")]
    [InlineData("a[]]")]
    [InlineData("a[][")]
    [InlineData("a[]x")]
    [InlineData("a[b]c")]
    [InlineData("a[][[x]]")]
    [InlineData("a[][]]")]
    [InlineData("&&&")]
    [InlineData("%5B%5D%5B=1")]
    [InlineData("a[]=1&a[][x]=2&a[][]=3&a[x]=4&a=5&a[]=6")]
    public void ParseUrlEncoded_MalformedKeys_DoNotThrow(string query)
    {
        var root = RackParameterParser.ParseUrlEncoded(query);

        Assert.True(root.IsHash);
    }

    [Fact]
    public void ParseUrlEncoded_NullOrEmpty_ReturnsEmptyHash()
    {
        Assert.Empty(RackParameterParser.ParseUrlEncoded(null).Entries);
        Assert.Empty(RackParameterParser.ParseUrlEncoded("").Entries);
        Assert.Empty(RackParameterParser.ParseUrlEncoded("?").Entries);
    }
}
