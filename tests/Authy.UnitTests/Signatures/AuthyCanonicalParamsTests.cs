using System.Text.Json.Nodes;
using Authy.Application.Signatures;
using static Authy.UnitTests.Signatures.SignatureVectors;

namespace Authy.UnitTests.Signatures;

public sealed class AuthyCanonicalParamsTests
{
    // ---- Encode: Ruby CGI.escape ----

    [Fact]
    public void Encode_Unreserved_IsUnchanged()
    {
        const string Unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";

        Assert.Equal(Unreserved, AuthyCanonicalParams.Encode(Unreserved));
    }

    [Fact]
    public void Encode_Space_IsPlus()
    {
        Assert.Equal("Request+to+Login", AuthyCanonicalParams.Encode("Request to Login"));
    }

    [Theory]
    [InlineData("/", "%2F")]
    [InlineData("+", "%2B")]
    [InlineData("=", "%3D")]
    [InlineData(",", "%2C")]
    [InlineData("|", "%7C")]
    [InlineData("&", "%26")]
    [InlineData("*", "%2A")]
    [InlineData("!", "%21")]
    [InlineData("'", "%27")]
    [InlineData("(", "%28")]
    [InlineData(")", "%29")]
    [InlineData("@", "%40")]
    [InlineData("[", "%5B")]
    [InlineData("]", "%5D")]
    [InlineData("%", "%25")]
    [InlineData(":", "%3A")]
    [InlineData("?", "%3F")]
    [InlineData("#", "%23")]
    [InlineData("\"", "%22")]
    [InlineData("\n", "%0A")]
    [InlineData("~", "~")]
    public void Encode_ReservedCharacter_IsPercentEncodedUpperCase(string text, string expected)
    {
        Assert.Equal(expected, AuthyCanonicalParams.Encode(text));
    }

    [Fact]
    public void Encode_ReservedMix_MatchesCgiEscape()
    {
        Assert.Equal("a%2Fb%2Bc%3Dd%2Ce%7Cf%26g%2Ah%21i%27j%28k%29l~m+n", AuthyCanonicalParams.Encode("a/b+c=d,e|f&g*h!i'j(k)l~m n"));
    }

    [Theory]
    [InlineData("é", "%C3%A9")]
    [InlineData("€", "%E2%82%AC")]
    [InlineData("日本", "%E6%97%A5%E6%9C%AC")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("São Paulo", "S%C3%A3o+Paulo")]
    public void Encode_NonAscii_IsUtf8PercentEncoded(string text, string expected)
    {
        Assert.Equal(expected, AuthyCanonicalParams.Encode(text));
    }

    [Fact]
    public void Encode_Empty_IsEmpty()
    {
        Assert.Equal(string.Empty, AuthyCanonicalParams.Encode(string.Empty));
    }

    // ---- FromJson: Rails Hash#to_query ----

    [Fact]
    public void FromJson_EmptyObject_IsEmptyString()
    {
        Assert.Equal(string.Empty, AuthyCanonicalParams.FromJson([]));
    }

    [Fact]
    public void FromJson_EmptyObjectValue_IsDropped()
    {
        Assert.Equal("b=1", AuthyCanonicalParams.FromJson(Json("""{"a":{},"b":"1"}""")));
    }

    [Fact]
    public void FromJson_ObjectContainingOnlyEmptyObjects_IsDropped()
    {
        Assert.Equal("b=1", AuthyCanonicalParams.FromJson(Json("""{"a":{"x":{},"y":[]},"b":"1"}""")));
    }

    [Fact]
    public void FromJson_EmptyArrayValue_IsDropped()
    {
        Assert.Equal("b=1", AuthyCanonicalParams.FromJson(Json("""{"a":[],"b":"1"}""")));
    }

    [Fact]
    public void FromJson_Null_IsKeyWithEmptyValue()
    {
        Assert.Equal("a=&b=1", AuthyCanonicalParams.FromJson(Json("""{"b":"1","a":null}""")));
    }

    [Fact]
    public void FromJson_EmptyString_IsKeyWithEmptyValue()
    {
        Assert.Equal("a=", AuthyCanonicalParams.FromJson(Json("""{"a":""}""")));
    }

    [Fact]
    public void FromJson_BooleansAndNumbers_AreTheirJsonText()
    {
        var canonical = AuthyCanonicalParams.FromJson(Json("""{"t":true,"f":false,"i":1512923419,"n":-7,"d":1.5,"z":0}"""));

        Assert.Equal("d=1.5&f=false&i=1512923419&n=-7&t=true&z=0", canonical);
    }

    [Fact]
    public void FromJson_ValuesBuiltInCode_AreRenderedLikeParsedOnes()
    {
        var parameters = new JsonObject
        {
            ["authy_id"] = 688611,
            ["device_uuid"] = "2102943",
            ["expires"] = 1513009800L,
            ["flagged"] = false,
            ["id"] = JsonValue.Create(Guid.Parse("4a725520-bff5-0135-eb01-0e5d90336a8c")),
            ["logos"] = null,
        };

        Assert.Equal(
            "authy_id=688611&device_uuid=2102943&expires=1513009800&flagged=false&id=4a725520-bff5-0135-eb01-0e5d90336a8c&logos=",
            AuthyCanonicalParams.FromJson(parameters));
    }

    [Fact]
    public void FromJson_NestedThreeLevels_UsesBracketKeys()
    {
        var canonical = AuthyCanonicalParams.FromJson(Json("""{"z":"last","a":{"b":{"c":{"d":"deep"}},"a":"first"}}"""));

        Assert.Equal("a%5Ba%5D=first&a%5Bb%5D%5Bc%5D%5Bd%5D=deep&z=last", canonical);
    }

    [Fact]
    public void FromJson_ArrayOfScalars_KeepsArrayOrder()
    {
        var canonical = AuthyCanonicalParams.FromJson(Json("""{"events":["user_removed","user_added","token_verified"]}"""));

        Assert.Equal("events%5B%5D=user_removed&events%5B%5D=user_added&events%5B%5D=token_verified", canonical);
    }

    [Fact]
    public void FromJson_ArrayOfObjects_SortsInsideEachElementAndKeepsElementOrder()
    {
        var canonical = AuthyCanonicalParams.FromJson(Json(
            """{"logos":[{"url":"https://x.test/a.png","res":"default"},{"res":"med","url":"https://x.test/b.png"}]}"""));

        Assert.Equal(
            "logos%5B%5D%5Bres%5D=default&logos%5B%5D%5Burl%5D=https%3A%2F%2Fx.test%2Fa.png"
            + "&logos%5B%5D%5Bres%5D=med&logos%5B%5D%5Burl%5D=https%3A%2F%2Fx.test%2Fb.png",
            canonical);
    }

    [Fact]
    public void FromJson_ArrayWithEmptyElements_DropsThem()
    {
        Assert.Equal("x%5B%5D=1&x%5B%5D%5Bk%5D=v", AuthyCanonicalParams.FromJson(Json("""{"x":[{},"1",[],{"k":"v"}]}""")));
    }

    [Fact]
    public void FromJson_NullInArray_IsArrayKeyWithEmptyValue()
    {
        Assert.Equal("x%5B%5D=&x%5B%5D=1", AuthyCanonicalParams.FromJson(Json("""{"x":[null,"1"]}""")));
    }

    [Fact]
    public void FromJson_NestedArrays_RepeatTheBrackets()
    {
        Assert.Equal("x%5B%5D%5B%5D=1&x%5B%5D%5B%5D=2", AuthyCanonicalParams.FromJson(Json("""{"x":[["1","2"]]}""")));
    }

    [Fact]
    public void FromJson_SpacesAndReservedCharactersInKeysAndValues_AreEncoded()
    {
        var canonical = AuthyCanonicalParams.FromJson(Json("""{"details":{"Email Address":"jdoe@example.com","Location":"California, USA (HQ) * ~ !'"}}"""));

        Assert.Equal(
            "details%5BEmail+Address%5D=jdoe%40example.com&details%5BLocation%5D=California%2C+USA+%28HQ%29+%2A+~+%21%27",
            canonical);
    }

    [Fact]
    public void FromJson_NonAscii_IsUtf8PercentEncoded()
    {
        Assert.Equal(
            "message=Connexion+depuis+S%C3%A3o+Paulo+%E2%82%AC",
            AuthyCanonicalParams.FromJson(Json("""{"message":"Connexion depuis São Paulo €"}""")));
    }

    [Fact]
    public void FromJson_Keys_AreSortedOrdinallyAndCaseSensitively()
    {
        Assert.Equal("B=2&_=4&a=3&b=1", AuthyCanonicalParams.FromJson(Json("""{"b":"1","B":"2","a":"3","_":"4"}""")));
    }

    // Rails sorts the encoded "k=v" strings, so a key that is a prefix of another sorts by the character after
    // it against '=' (0x3D): '-' and '.' sort before the bare key, '_' after it. A key-only sort (Twilio's
    // sortByPropertyOnly) or java's TreeSet of raw keys would put "a" first.
    [Fact]
    public void FromJson_PrefixKeys_SortAsEncodedPairsLikeRails()
    {
        var canonical = AuthyCanonicalParams.FromJson(Json("""{"a":"1","a.b":"2","a_b":"3","a-b":"4"}"""));

        Assert.Equal("a-b=4&a.b=2&a=1&a_b=3", canonical);
    }

    [Fact]
    public void FromJson_NestedObjectBesidePrefixKey_SortsByEncodedPair()
    {
        var canonical = AuthyCanonicalParams.FromJson(Json("""{"a_b":"2","a":{"b":"1"}}"""));

        Assert.Equal("a%5Bb%5D=1&a_b=2", canonical);
    }

    // The one case where Rails' per-level sort differs from a global sort of all pairs: a nested object is
    // sorted as one block (its joined pairs) against its siblings, so a sibling whose literal key looks like a
    // nested key ("a[bb]") cannot fall between the block's pairs. A global sort would give a[b], a[bb], a[c].
    [Fact]
    public void FromJson_LiteralBracketKeyBesideNestedObject_SortsPerLevelLikeRails()
    {
        var canonical = AuthyCanonicalParams.FromJson(Json("""{"a[bb]":"3","a":{"c":"2","b":"1"}}"""));

        Assert.Equal("a%5Bb%5D=1&a%5Bc%5D=2&a%5Bbb%5D=3", canonical);
    }

    [Fact]
    public void FromJson_CallbackShapedPayload_DropsEmptiesAndKeepsNulls()
    {
        var canonical = AuthyCanonicalParams.FromJson(Json(
            """
            {"status":"approved","approval_request":{"transaction":{"details":{},"hidden_details":{"ip":"10.0.0.1"},
             "device_details":{},"requester_details":null,"encrypted":false},"logos":[],"expiration_timestamp":1513009800}}
            """));

        Assert.Equal(
            "approval_request%5Bexpiration_timestamp%5D=1513009800"
            + "&approval_request%5Btransaction%5D%5Bencrypted%5D=false"
            + "&approval_request%5Btransaction%5D%5Bhidden_details%5D%5Bip%5D=10.0.0.1"
            + "&approval_request%5Btransaction%5D%5Brequester_details%5D="
            + "&status=approved",
            canonical);
    }

    // ---- FromPairs: decoded flat pairs, rebuilt the way Rack parses them ----

    [Fact]
    public void FromPairs_NoPairs_IsEmptyString()
    {
        Assert.Equal(string.Empty, AuthyCanonicalParams.FromPairs([]));
    }

    [Fact]
    public void FromPairs_FlatPairs_AreSortedAndEncoded()
    {
        var canonical = AuthyCanonicalParams.FromPairs([Pair("url", "https://example.com/hook?a=1"), Pair("name", "My hook"), Pair("access_key", "k+/=")]);

        Assert.Equal("access_key=k%2B%2F%3D&name=My+hook&url=https%3A%2F%2Fexample.com%2Fhook%3Fa%3D1", canonical);
    }

    [Fact]
    public void FromPairs_NullValue_IsKeyWithEmptyValue()
    {
        Assert.Equal("a=&b=1", AuthyCanonicalParams.FromPairs([Pair("b", "1"), Pair("a", null)]));
    }

    [Fact]
    public void FromPairs_EventsArray_KeepsReceivedOrder()
    {
        var canonical = AuthyCanonicalParams.FromPairs(
        [
            Pair("events[]", "user_removed"),
            Pair("app_api_key", "api-key"),
            Pair("events[]", "user_added"),
            Pair("access_key", "access"),
        ]);

        Assert.Equal("access_key=access&app_api_key=api-key&events%5B%5D=user_removed&events%5B%5D=user_added", canonical);
    }

    [Fact]
    public void FromPairs_ArrayOfObjects_GroupsElementsLikeRack()
    {
        var canonical = AuthyCanonicalParams.FromPairs(
        [
            Pair("logos[][res]", "default"),
            Pair("logos[][url]", "u1"),
            Pair("logos[][res]", "med"),
            Pair("logos[][url]", "u2"),
        ]);

        Assert.Equal(
            "logos%5B%5D%5Bres%5D=default&logos%5B%5D%5Burl%5D=u1&logos%5B%5D%5Bres%5D=med&logos%5B%5D%5Burl%5D=u2",
            canonical);
    }

    [Fact]
    public void FromPairs_NestedKeys_EqualFromJsonOfTheSameTree()
    {
        var json = Json("""{"a":{"c":"2","b":{"x":"1"}},"a_b":"3","list":["q","p"],"n":null}""");
        KeyValuePair<string, string?>[] pairs =
        [
            Pair("list[]", "q"),
            Pair("a[c]", "2"),
            Pair("n", null),
            Pair("a_b", "3"),
            Pair("a[b][x]", "1"),
            Pair("list[]", "p"),
        ];

        Assert.Equal(AuthyCanonicalParams.FromJson(json), AuthyCanonicalParams.FromPairs(pairs));
    }

    [Fact]
    public void FromPairs_RepeatedPlainKey_KeepsEveryValueInOrder()
    {
        Assert.Equal("a=2&a=1&b=0", AuthyCanonicalParams.FromPairs([Pair("a", "2"), Pair("b", "0"), Pair("a", "1")]));
    }

    [Fact]
    public void FromPairs_ScalarThenNestedSameName_KeepsBothPairs()
    {
        Assert.Equal("a%5Bb%5D=2&a=1", AuthyCanonicalParams.FromPairs([Pair("a", "1"), Pair("a[b]", "2")]));
    }

    [Fact]
    public void FromPairs_NestedThenScalarSameName_KeepsBothPairs()
    {
        Assert.Equal("a%5Bb%5D=2&a=1", AuthyCanonicalParams.FromPairs([Pair("a[b]", "2"), Pair("a", "1")]));
    }

    [Theory]
    [InlineData("a[b", "a%5Bb=1")]
    [InlineData("a]b", "a%5Db=1")]
    [InlineData("[b]", "%5Bb%5D=1")]
    [InlineData("a[b]c", "a%5Bb%5Dc=1")]
    [InlineData("a[][]", "a%5B%5D%5B%5D=1")]
    public void FromPairs_UnnestableKey_IsKeptAsLiteralKey(string key, string expected)
    {
        Assert.Equal(expected, AuthyCanonicalParams.FromPairs([Pair(key, "1")]));
    }

    [Fact]
    public void FromPairs_DecodedQuery_RoundTripsToTheSameQuery()
    {
        const string Query = "b=val%7Cue%262&c%5B%5D=2&c%5B%5D=1&d%5Bx%5D=caf%C3%A9+%2A&e=";

        Assert.Equal("b=val%7Cue%262&c%5B%5D=2&c%5B%5D=1&d%5Bx%5D=caf%C3%A9+%2A&e=", AuthyCanonicalParams.FromPairs(DecodeQuery(Query)));
    }
}
