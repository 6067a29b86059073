using System.Globalization;
using System.Text.Json;
using Authy.Api.Surfaces.Authy.Parameters;
using Microsoft.AspNetCore.Routing;

namespace Authy.UnitTests.Http.Parameters;

public sealed class ParameterBagTests
{
    private static ParameterBag Form(string query) => new(RackParameterParser.ParseUrlEncoded(query));

    private static ParameterBag Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new ParameterBag(JsonParameterParser.Parse(document.RootElement));
    }

    [Fact]
    public void Get_NestedPath_ReturnsNode()
    {
        var bag = Form("user[email]=a%40b.com");

        Assert.Equal("a@b.com", bag.Get("user", "email")?.Value);
        Assert.True(bag.Get("user")?.IsHash);
        Assert.Same(bag.Root, bag.Get());
    }

    [Fact]
    public void Get_MissingOrThroughScalar_ReturnsNull()
    {
        var bag = Form("user[email]=x&flag=1");

        Assert.Null(bag.Get("nope"));
        Assert.Null(bag.Get("user", "nope"));
        Assert.Null(bag.Get("flag", "deeper"));
    }

    [Fact]
    public void Get_NumericSegment_IndexesArrays()
    {
        var bag = Form("logos[][res]=low&logos[][res]=high");

        Assert.Equal("high", bag.GetString("logos", "1", "res"));
        Assert.Null(bag.Get("logos", "2"));
        Assert.Null(bag.Get("logos", "-1"));
        Assert.Null(bag.Get("logos", "01"));
    }

    [Fact]
    public void GetString_NonScalarOrNull_ReturnsNull()
    {
        var bag = Json("""{"user":{"email":"a"},"list":["x"],"nothing":null,"empty":""}""");

        Assert.Null(bag.GetString("user"));
        Assert.Null(bag.GetString("list"));
        Assert.Null(bag.GetString("nothing"));
        Assert.Null(bag.GetString("missing"));
        Assert.Equal("", bag.GetString("empty"));
    }

    [Fact]
    public void Contains_PresentNullAndEmpty_ReturnsTrue()
    {
        var bag = Json("""{"nothing":null,"empty":"","user":{"email":"a"}}""");

        Assert.True(bag.Contains("nothing"));
        Assert.True(bag.Contains("empty"));
        Assert.True(bag.Contains("user", "email"));
        Assert.False(bag.Contains("user", "cellphone"));
        Assert.False(bag.Contains("missing"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("garbage", null)]
    [InlineData("", null)]
    [InlineData("2", null)]
    [InlineData(" true", null)]
    public void GetBoolean_FormValues_ParsedLeniently(string text, bool? expected)
    {
        var bag = new ParameterBag(RackParameterParser.Parse([new("force", text)]));

        Assert.Equal(expected, bag.GetBoolean("force"));
    }

    [Theory]
    [InlineData("""{"force":true}""", true)]
    [InlineData("""{"force":false}""", false)]
    [InlineData("""{"force":1}""", true)]
    [InlineData("""{"force":0}""", false)]
    [InlineData("""{"force":"True"}""", true)]
    [InlineData("""{"force":null}""", null)]
    [InlineData("""{"force":{"x":true}}""", null)]
    [InlineData("""{"other":true}""", null)]
    public void GetBoolean_JsonValues_Parsed(string json, bool? expected)
    {
        Assert.Equal(expected, Json(json).GetBoolean("force"));
    }

    [Fact]
    public void TryParseBoolean_Null_ReturnsFalse()
    {
        Assert.False(ParameterBag.TryParseBoolean(null, out _));
    }

    [Theory]
    [InlineData("""{"country_code":1}""", "1")]
    [InlineData("""{"country_code":"57"}""", "57")]
    public void GetString_JsonNumberOrString_ReadsItsText(string json, string expected)
    {
        // A JSON number is read as its text, as a form value would be; the declared parameters parse it from there.
        Assert.Equal(expected, Json(json).GetString("country_code"));
    }

    [Fact]
    public void GetString_NestedPath_Reads()
    {
        Assert.Equal("44", Form("user[country_code]=44").GetString("user", "country_code"));
    }

    [Fact]
    public void GetStringMap_DetailsHash_ReturnsScalarsInOrder()
    {
        var bag = Form("details[Account+Number]=123&details[Bank]=&details[nested][x]=1&details[list][]=2");

        var map = bag.GetStringMap("details");

        Assert.NotNull(map);
        Assert.Equal(["Account Number", "Bank"], map.Keys);
        Assert.Equal("123", map["Account Number"]);
        Assert.Equal("", map["Bank"]);
    }

    [Fact]
    public void GetStringMap_JsonWithNullAndNumbers_SkipsNull()
    {
        var map = Json("""{"details":{"a":1,"b":null,"c":true}}""").GetStringMap("details");

        Assert.NotNull(map);
        Assert.Equal(["a", "c"], map.Keys);
        Assert.Equal("1", map["a"]);
        Assert.Equal("true", map["c"]);
    }

    [Fact]
    public void GetStringMap_NotAHash_ReturnsNull()
    {
        var bag = Form("details=x&list[]=1");

        Assert.Null(bag.GetStringMap("details"));
        Assert.Null(bag.GetStringMap("list"));
        Assert.Null(bag.GetStringMap("missing"));
    }

    [Fact]
    public void GetList_IndexedHash_NormalisedToArrayInIndexOrder()
    {
        var bag = Form("logos[1][res]=high&logos[1][url]=h.png&logos[0][res]=low&logos[0][url]=l.png&logos[10][res]=x");

        var list = bag.GetList("logos");

        Assert.NotNull(list);
        Assert.Equal(["low", "high", "x"], list.Select(logo => logo["res"]?.Value));
        Assert.Equal("l.png", list[0]["url"]?.Value);
    }

    [Fact]
    public void GetList_RackArray_ReturnsItems()
    {
        var list = Form("logos[][res]=low&logos[][url]=l&logos[][res]=high").GetList("logos");

        Assert.NotNull(list);
        Assert.Equal(2, list.Count);
        Assert.Equal("high", list[1]["res"]?.Value);
    }

    [Fact]
    public void GetList_JsonArray_ReturnsItems()
    {
        var list = Json("""{"logos":[{"res":"low"},{"res":"high"}]}""").GetList("logos");

        Assert.NotNull(list);
        Assert.Equal(["low", "high"], list.Select(logo => logo["res"]?.Value));
    }

    [Theory]
    [InlineData("logos[0]=a&logos[x]=b")]
    [InlineData("logos[01]=a")]
    [InlineData("logos[-1]=a")]
    [InlineData("logos=a")]
    [InlineData("other=a")]
    public void GetList_NotAList_ReturnsNull(string query)
    {
        Assert.Null(Form(query).GetList("logos"));
    }

    [Fact]
    public void Keys_ListTopLevelKeysInOrder()
    {
        Assert.Equal(["b", "a", "c"], Form("b=1&a[x]=2&c[]=3&b=4").Keys);
    }

    [Fact]
    public void Empty_HasNothing()
    {
        Assert.Empty(ParameterBag.Empty.Keys);
        Assert.Null(ParameterBag.Empty.Get("a"));
        Assert.Equal("{}", ParameterBag.Empty.ToString());
    }

    [Fact]
    public void Constructor_NonHashRoot_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ParameterBag(ParamNode.Scalar("x")));
    }

    [Fact]
    public void MergedWith_HigherWinsKeyByKeyRecursively()
    {
        var query = Form("a=q&user[email]=q%40x&user[cellphone]=111&only_query=1&list[]=q");
        var body = Form("a=b&user[email]=b%40x&only_body=1&list[]=b");

        var merged = query.MergedWith(body);

        Assert.Equal("b", merged.GetString("a"));
        Assert.Equal("b@x", merged.GetString("user", "email"));
        Assert.Equal("111", merged.GetString("user", "cellphone"));
        Assert.Equal("1", merged.GetString("only_query"));
        Assert.Equal("1", merged.GetString("only_body"));
        // Arrays are values, not merged element by element.
        Assert.Equal(["b"], merged.GetList("list")!.Select(item => item.Value));
        // The sources are left untouched.
        Assert.Equal("q", query.GetString("a"));
    }

    [Fact]
    public void MergedWith_ShapeConflict_HigherReplaces()
    {
        var merged = Form("user[email]=x").MergedWith(Form("user=plain"));

        Assert.Equal("plain", merged.GetString("user"));
    }

    [Fact]
    public void WithRouteValues_RouteWinsOverQueryAndBody()
    {
        var bag = Form("authy_id=1&token=111").MergedWith(Form("authy_id=2"));

        var routed = bag.WithRouteValues(new RouteValueDictionary { ["authy_id"] = "3", ["format"] = "json", ["optional"] = null });

        Assert.Equal("3", routed.GetString("authy_id"));
        Assert.Equal("json", routed.GetString("format"));
        Assert.Equal("111", routed.GetString("token"));
        Assert.False(routed.Contains("optional"));
    }

    [Fact]
    public void WithRouteValues_NonStringValue_FormattedInvariantly()
    {
        var previous = CultureInfo.CurrentCulture;
        ParameterBag routed;
        try
        {
            // A comma-decimal culture must not leak into the wire value.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            routed = ParameterBag.Empty.WithRouteValues(new RouteValueDictionary { ["id"] = 42L, ["ratio"] = 1.5 });
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal("42", routed.GetString("id"));
        Assert.Equal("1.5", routed.GetString("ratio"));
    }
}
