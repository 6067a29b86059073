using System.Text.Json;
using Authy.Api.Surfaces.Authy.Parameters;

namespace Authy.UnitTests.Http.Parameters;

public sealed class JsonParameterParserTests
{
    private static ParamNode Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonParameterParser.Parse(document.RootElement);
    }

    [Fact]
    public void Parse_NestedObjectsAndArrays_BuildHashesAndArrays()
    {
        var root = Parse("""{"user":{"email":"a@b.com","tags":["x",{"k":"v"}]},"logos":[{"res":"low"}]}""");

        Assert.Equal("""{"user":{"email":"a@b.com","tags":["x",{"k":"v"}]},"logos":[{"res":"low"}]}""", root.ToString());
    }

    [Theory]
    [InlineData("""{"n":1}""", "1")]
    [InlineData("""{"n":1.5}""", "1.5")]
    [InlineData("""{"n":-42}""", "-42")]
    [InlineData("""{"n":12345678901234567890}""", "12345678901234567890")]
    [InlineData("""{"n":true}""", "true")]
    [InlineData("""{"n":false}""", "false")]
    [InlineData("""{"n":"text"}""", "text")]
    [InlineData("""{"n":""}""", "")]
    public void Parse_Scalars_BecomeInvariantText(string json, string expected)
    {
        var node = Parse(json)["n"];

        Assert.NotNull(node);
        Assert.True(node.IsScalar);
        Assert.Equal(expected, node.Value);
    }

    [Fact]
    public void Parse_Null_BecomesNullScalar()
    {
        var node = Parse("""{"n":null}""")["n"];

        Assert.NotNull(node);
        Assert.True(node.IsScalar);
        Assert.Null(node.Value);
    }

    [Fact]
    public void Parse_DuplicateProperty_KeepsFirstPositionAndLastValue()
    {
        var root = Parse("""{"a":"1","b":"2","a":"3"}""");

        Assert.Equal("""{"a":"3","b":"2"}""", root.ToString());
    }

    [Fact]
    public void Parse_EmptyObject_ReturnsEmptyHash()
    {
        var root = Parse("{}");

        Assert.True(root.IsHash);
        Assert.Empty(root.Entries);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"s\"")]
    [InlineData("1")]
    [InlineData("null")]
    public void Parse_NonObject_Throws(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Throws<ArgumentException>(() => JsonParameterParser.Parse(document.RootElement));
    }

    [Fact]
    public void Parse_DeeperThanMaxDepth_DropsTheDeepValues()
    {
        var depth = JsonParameterParser.MaxDepth + 10;
        var json = string.Concat(Enumerable.Repeat("""{"a":""", depth)) + "1" + new string('}', depth);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = depth + 1 });

        var root = JsonParameterParser.Parse(document.RootElement);

        var node = root;
        var levels = 0;
        while (node["a"] is { IsHash: true } next)
        {
            node = next;
            levels++;
        }

        Assert.Equal(JsonParameterParser.MaxDepth - 1, levels);
        Assert.Empty(node.Entries);
    }
}
