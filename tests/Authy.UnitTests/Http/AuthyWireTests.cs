using System.Text.Json.Nodes;
using System.Xml.Linq;
using Authy.Api.Surfaces.Authy;

namespace Authy.UnitTests.Http;

public sealed class AuthyWireTests
{
    /// <summary>Every character XML 1.0 cannot carry, alone and between others.</summary>
    public static TheoryData<string> NonXmlText()
    {
        var data = new TheoryData<string>();
        for (var c = '\u0000'; c < ' '; c++)
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                data.Add("a" + c + "b");
            }
        }

        data.Add("\uFFFE");
        data.Add("x\uFFFF");
        data.Add("\uD800");
        data.Add("a\uDC00b");
        data.Add("\uDBFF\uDBFF\uDFFF");
        return data;
    }

    [Theory]
    [MemberData(nameof(NonXmlText))]
    public void ToXml_ValueOrKeyXmlCannotCarry_WritesWellFormedXmlWithReplacementCharacters(string text)
    {
        var body = new JsonObject
        {
            ["email"] = text,
            ["details"] = new JsonObject { [text] = text, [string.Empty] = "empty key" },
            ["logos"] = new JsonArray(text),
        };

        var xml = XDocument.Parse(AuthyWire.ToXml(body, "hash"));

        var email = xml.Root!.Element("email")!.Value;
        Assert.Contains('\uFFFD', email);
        Assert.Equal(text.Length, email.Length); // one for one
        Assert.Equal(2, xml.Root.Element("details")!.Elements().Count());
        Assert.Equal(email, xml.Root.Element("logos")!.Elements().Single().Value);
    }

    [Theory]
    [MemberData(nameof(NonXmlText))]
    public void JsonOutput_TextXmlCannotCarry_IsEscapedNotThrown(string text)
    {
        var body = new JsonObject { ["email"] = text, ["details"] = new JsonObject { [text] = text } };

        var json = body.ToJsonString(AuthyWire.JsonOptions);

        Assert.DoesNotMatch(@"[\u0000-\u001f]", json);
        Assert.NotNull(JsonNode.Parse(json));
    }

    [Theory]
    [InlineData("plain ascii")]
    [InlineData("tab\tnew\nline")]
    [InlineData("accents é ü, emoji \U0001F600, CJK 漢字")]
    public void XmlSafe_TextXmlCanCarry_IsReturnedUnchanged(string text) =>
        Assert.Same(text, AuthyWire.XmlSafe(text));

    [Fact]
    public void XmlSafe_KeepsSurrogatePairsAndReplacesOnlyTheBadCharacters() =>
        Assert.Equal("a\uFFFD\U0001F600\uFFFDb", AuthyWire.XmlSafe("a\u000b\U0001F600\uDC00b"));
}
