using System.Text;
using Authy.Api.Surfaces.Authy.Parameters;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Authy.UnitTests.Http.Parameters;

public sealed class ParameterBagReaderTests
{
    internal static HttpRequest CreateRequest(
        string method,
        string? query = null,
        string? contentType = null,
        string? body = null,
        bool sendContentLength = true) =>
        CreateRequest(method, query, contentType, Encoding.UTF8.GetBytes(body ?? string.Empty), sendContentLength);

    internal static HttpRequest CreateRequest(
        string method,
        string? query,
        string? contentType,
        byte[] body,
        bool sendContentLength = true)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = method;
        if (query is not null)
        {
            request.QueryString = new QueryString(query);
        }

        request.ContentType = contentType;
        request.Body = new MemoryStream(body);
        if (sendContentLength)
        {
            request.ContentLength = body.Length;
        }

        return request;
    }

    internal static async Task<ParameterBagReadResult> ReadAsync(HttpRequest request, ParameterBagReaderOptions? options = null) =>
        await ParameterBagReader.ReadAsync(request, options ?? ParameterBagReaderOptions.Default, TestContext.Current.CancellationToken);

    private static async Task<ParameterBag> ReadBagAsync(HttpRequest request)
    {
        var result = await ReadAsync(request);
        Assert.True(result.Succeeded, $"Expected success, got {result.Error}.");
        return result.Bag;
    }

    [Fact]
    public async Task ReadAsync_RequestThatCannotHaveBody_ReadsQueryWithoutTouchingBody()
    {
        var request = CreateRequest("GET", "?force=true", body: "not read");
        request.HttpContext.Features.Set<IHttpRequestBodyDetectionFeature>(new NoBody());

        var bag = await ReadBagAsync(request);

        Assert.True(bag.GetBoolean("force"));
        Assert.Equal(["force"], bag.Keys);
        Assert.Equal(0, request.Body.Position);
    }

    private sealed class NoBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => false;
    }

    [Fact]
    public async Task ReadAsync_QueryOnly_ReadsQuery()
    {
        var bag = await ReadBagAsync(CreateRequest("GET", "?force=true&action=login&user%5Bemail%5D=a%40b.com"));

        Assert.True(bag.GetBoolean("force"));
        Assert.Equal("login", bag.GetString("action"));
        Assert.Equal("a@b.com", bag.GetString("user", "email"));
    }

    [Fact]
    public async Task ReadAsync_QueryArrays_KeepPairOrder()
    {
        var bag = await ReadBagAsync(CreateRequest("GET", "?a[][x]=1&a[][y]=2&a[][x]=3"));

        Assert.Equal("""{"a":[{"x":"1","y":"2"},{"x":"3"}]}""", bag.ToString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("POST")]
    public async Task ReadAsync_FormBodyOnAnyMethod_ReadsBody(string method)
    {
        // node-authy sends phones/verification/check as a form body on GET.
        var request = CreateRequest(method, "?api_key=K", "application/x-www-form-urlencoded",
            "phone_number=555-123-4567&country_code=1&verification_code=1234");

        var bag = await ReadBagAsync(request);

        Assert.Equal("K", bag.GetString("api_key"));
        Assert.Equal("555-123-4567", bag.GetString("phone_number"));
        Assert.Equal("1", bag.GetString("country_code"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("POST")]
    public async Task ReadAsync_JsonBodyOnAnyMethod_ReadsBody(string method)
    {
        // authy-client sends GET users/{id}/status with a JSON body.
        var bag = await ReadBagAsync(CreateRequest(method, null, "application/json", """{"user_ip":"1.2.3.4"}"""));

        Assert.Equal("1.2.3.4", bag.GetString("user_ip"));
    }

    [Theory]
    [InlineData("GET", "application/json", "")]
    [InlineData("POST", "application/json", "")]
    [InlineData("DELETE", "application/json", "")]
    [InlineData("POST", "application/json", "  \r\n\t ")]
    [InlineData("GET", "application/x-www-form-urlencoded", "")]
    [InlineData("POST", "application/x-www-form-urlencoded", "")]
    [InlineData("POST", "text/plain", "")]
    [InlineData("POST", "application/xml", " ")]
    [InlineData("POST", "multipart/form-data; boundary=x", "")]
    [InlineData("POST", "not a media type", "")]
    [InlineData("POST", null, "")]
    public async Task ReadAsync_EmptyOrBlankBody_SucceedsWithQueryOnly(string method, string? contentType, string body)
    {
        var bag = await ReadBagAsync(CreateRequest(method, "?via=sms", contentType, body));

        Assert.Equal(["via"], bag.Keys);
    }

    [Fact]
    public async Task ReadAsync_EmptyBodyWithoutContentLength_Succeeds()
    {
        var bag = await ReadBagAsync(CreateRequest("DELETE", null, "application/json", "", sendContentLength: false));

        Assert.Empty(bag.Keys);
    }

    [Fact]
    public async Task ReadAsync_PhpStylePostWithEverythingInQuery_ReadsQuery()
    {
        var request = CreateRequest("POST",
            "?via=sms&country_code=1&phone_number=555-123-4567&locale=es&code_length=6", null, "");

        var bag = await ReadBagAsync(request);

        Assert.Equal("sms", bag.GetString("via"));
        Assert.Equal("6", bag.GetString("code_length"));
    }

    [Fact]
    public async Task ReadAsync_BodyOverridesQueryAndRouteOverridesBoth()
    {
        var request = CreateRequest("POST", "?authy_id=1&force=false&user%5Bemail%5D=q%40x&user%5Bcellphone%5D=111",
            "application/json", """{"authy_id":"2","force":true,"user":{"email":"b@x"}}""");

        var result = await ReadAsync(request);
        Assert.True(result.Succeeded);
        var bag = result.Bag.WithRouteValues(new RouteValueDictionary { ["authy_id"] = "3" });

        Assert.Equal("3", bag.GetString("authy_id"));
        Assert.True(bag.GetBoolean("force"));
        Assert.Equal("b@x", bag.GetString("user", "email"));
        Assert.Equal("111", bag.GetString("user", "cellphone"));
        Assert.Equal("1", result.Query.GetString("authy_id"));
    }

    [Fact]
    public async Task ReadAsync_FormBodyOverridesQuery()
    {
        var bag = await ReadBagAsync(CreateRequest("POST", "?a=query&b=query", "application/x-www-form-urlencoded", "a=body"));

        Assert.Equal("body", bag.GetString("a"));
        Assert.Equal("query", bag.GetString("b"));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/vnd.api+json")]
    [InlineData("application/merge-patch+json; charset=UTF-8")]
    public async Task ReadAsync_JsonMediaTypes_ParsedAsJson(string contentType)
    {
        var bag = await ReadBagAsync(CreateRequest("POST", null, contentType, """{"user":{"country_code":1}}"""));

        Assert.Equal("1", bag.GetString("user", "country_code"));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=UTF-8")]
    [InlineData("application/x-www-form-urlencoded; charset=ISO-8859-1")]
    [InlineData("APPLICATION/X-WWW-FORM-URLENCODED")]
    public async Task ReadAsync_FormMediaTypes_ParsedAsForm(string contentType)
    {
        var bag = await ReadBagAsync(CreateRequest("POST", null, contentType, "name=Jos%C3%A9&details[Account+Number]=1"));

        Assert.Equal("José", bag.GetString("name"));
        Assert.Equal("1", bag.GetStringMap("details")?["Account Number"]);
    }

    [Theory]
    [InlineData("""{"via":"sms"}""")]
    [InlineData("""  {"via":"sms"}""")]
    public async Task ReadAsync_NoContentTypeJsonLookingBody_ParsedAsJson(string body)
    {
        var bag = await ReadBagAsync(CreateRequest("POST", null, null, body));

        Assert.Equal("sms", bag.GetString("via"));
    }

    [Fact]
    public async Task ReadAsync_NoContentTypeFormLookingBody_ParsedAsForm()
    {
        var bag = await ReadBagAsync(CreateRequest("POST", null, null, "via=sms&user[email]=a%40b.com"));

        Assert.Equal("sms", bag.GetString("via"));
        Assert.Equal("a@b.com", bag.GetString("user", "email"));
    }

    [Fact]
    public async Task ReadAsync_JsonBodyWithUtf8Bom_Parsed()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"via":"call"}""")).ToArray();

        var bag = await ReadBagAsync(CreateRequest("POST", null, "application/json", body));

        Assert.Equal("call", bag.GetString("via"));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{'a':1}""")]
    [InlineData("""{"a":1} x""")]
    [InlineData("""{"a":1 /* comment */}""")]
    [InlineData("""{"a":01}""")]
    [InlineData("user_ip=1.2.3.4")]
    public async Task ReadAsync_MalformedJson_ReturnsInvalidJson(string body)
    {
        var result = await ReadAsync(CreateRequest("POST", "?api_key=K", "application/json", body));

        Assert.False(result.Succeeded);
        Assert.Null(result.Bag);
        Assert.Equal(ParameterBagError.InvalidJson, result.Error);
        // The query survives so that an api_key can still authenticate the caller.
        Assert.Equal("K", result.Query.GetString("api_key"));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("""[{"a":1}]""")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("true")]
    [InlineData("null")]
    public async Task ReadAsync_TopLevelJsonNotAnObject_ReturnsInvalidJson(string body)
    {
        var result = await ReadAsync(CreateRequest("POST", null, "application/json", body));

        Assert.Equal(ParameterBagError.InvalidJson, result.Error);
    }

    [Fact]
    public async Task ReadAsync_JsonDeeperThanLimit_ReturnsInvalidJson()
    {
        var depth = ParameterBagReaderOptions.DefaultMaxJsonDepth + 1;
        var body = string.Concat(Enumerable.Repeat("""{"a":""", depth)) + "1" + new string('}', depth);

        var result = await ReadAsync(CreateRequest("POST", null, "application/json", body));

        Assert.Equal(ParameterBagError.InvalidJson, result.Error);
    }

    [Fact]
    public async Task ReadAsync_HostileJsonNesting_ReturnsInvalidJsonWithoutThrowing()
    {
        var body = new string('[', 30_000) + new string(']', 30_000);

        var result = await ReadAsync(CreateRequest("POST", null, "application/json", body));

        Assert.Equal(ParameterBagError.InvalidJson, result.Error);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("text/xml; charset=utf-8")]
    [InlineData("application/octet-stream")]
    [InlineData("not a media type")]
    public async Task ReadAsync_UnsupportedMediaTypeWithBody_ReturnsUnsupportedMediaType(string contentType)
    {
        var result = await ReadAsync(CreateRequest("POST", "?api_key=K", contentType, "via=sms"));

        Assert.Equal(ParameterBagError.UnsupportedMediaType, result.Error);
        Assert.Equal("K", result.Query.GetString("api_key"));
    }

    [Fact]
    public async Task ReadAsync_ContentLengthOverLimit_ReturnsBodyTooLargeWithoutReading()
    {
        var request = CreateRequest("POST", null, "application/json", "{}");
        request.Body = new ThrowingStream();
        request.ContentLength = ParameterBagReaderOptions.DefaultMaxBodyBytes + 1;

        var result = await ReadAsync(request);

        Assert.Equal(ParameterBagError.BodyTooLarge, result.Error);
    }

    [Fact]
    public async Task ReadAsync_LongBodyWithoutContentLength_ReturnsBodyTooLarge()
    {
        var body = "a=" + new string('x', ParameterBagReaderOptions.DefaultMaxBodyBytes);

        var result = await ReadAsync(CreateRequest("POST", null, "application/x-www-form-urlencoded", body, sendContentLength: false));

        Assert.Equal(ParameterBagError.BodyTooLarge, result.Error);
    }

    [Fact]
    public async Task ReadAsync_EndlessBody_StopsReadingAtTheLimit()
    {
        var request = CreateRequest("POST", null, "application/x-www-form-urlencoded", "", sendContentLength: false);
        var endless = new EndlessStream();
        request.Body = endless;

        var result = await ReadAsync(request, new ParameterBagReaderOptions { MaxBodyBytes = 1000 });

        Assert.Equal(ParameterBagError.BodyTooLarge, result.Error);
        Assert.Equal(1001, endless.BytesRead);
    }

    [Fact]
    public async Task ReadAsync_BodyExactlyAtLimit_Succeeds()
    {
        var body = "a=" + new string('x', 98);
        var options = new ParameterBagReaderOptions { MaxBodyBytes = 100 };

        var result = await ReadAsync(CreateRequest("POST", null, "application/x-www-form-urlencoded", body, sendContentLength: false), options);

        Assert.True(result.Succeeded);
        Assert.Equal(98, result.Bag.GetString("a")?.Length);
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task ReadAsync_InvalidUtf8_ReturnsInvalidEncoding(string? contentType)
    {
        byte[] body = [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'];

        var result = await ReadAsync(CreateRequest("POST", null, contentType, body));

        Assert.Equal(ParameterBagError.InvalidEncoding, result.Error);
    }

    [Fact]
    public async Task ReadAsync_HugeFormPairCount_ReadsWithoutThrowing()
    {
        var body = string.Join('&', Enumerable.Range(0, 100_000).Select(i => $"k{i}=v"));
        var options = new ParameterBagReaderOptions { MaxBodyBytes = 4 * 1024 * 1024 };

        var result = await ReadAsync(CreateRequest("POST", null, "application/x-www-form-urlencoded", body), options);

        Assert.True(result.Succeeded);
        Assert.Equal(RackParameterParser.MaxPairs, result.Bag.Keys.Count());
    }

    [Fact]
    public async Task ReadAsync_HostileFormNesting_ReadsWithoutThrowing()
    {
        var body = "a" + string.Concat(Enumerable.Repeat("[x]", 10_000)) + "=1&b" + string.Concat(Enumerable.Repeat("[]", 10_000)) + "=2&ok=3";

        var result = await ReadAsync(CreateRequest("POST", null, "application/x-www-form-urlencoded", body));

        Assert.True(result.Succeeded);
        Assert.Equal(["ok"], result.Bag.Keys);
    }

    [Fact]
    public async Task ReadAsync_Multipart_ReadsFieldsInOrderAndSkipsFiles()
    {
        const string Body =
            "--XyZ\r\n" +
            "Content-Disposition: form-data; name=\"a[][x]\"\r\n\r\n1\r\n" +
            "--XyZ\r\n" +
            "Content-Disposition: form-data; name=\"a[][y]\"\r\n\r\n2\r\n" +
            "--XyZ\r\n" +
            "Content-Disposition: form-data; name=\"upload\"; filename=\"f.bin\"\r\n" +
            "Content-Type: application/octet-stream\r\n\r\n\u0001\u0002binary\r\n" +
            "--XyZ\r\n" +
            "Content-Disposition: form-data; name=\"a[][x]\"\r\n\r\n3\r\n" +
            "--XyZ\r\n" +
            "Content-Disposition: form-data; name=\"user[email]\"\r\n\r\na@b.com\r\n" +
            "--XyZ--\r\n";

        var bag = await ReadBagAsync(CreateRequest("POST", "?q=1", "multipart/form-data; boundary=\"XyZ\"", Body));

        Assert.Equal("""{"q":"1","a":[{"x":"1","y":"2"},{"x":"3"}],"user":{"email":"a@b.com"}}""", bag.ToString());
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=XyZ", "no boundary in here")]
    [InlineData("multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated")]
    [InlineData("multipart/form-data", "--XyZ\r\n")]
    public async Task ReadAsync_MalformedMultipart_ReturnsInvalidEncoding(string contentType, string body)
    {
        var result = await ReadAsync(CreateRequest("POST", null, contentType, body));

        Assert.Equal(ParameterBagError.InvalidEncoding, result.Error);
    }

    [Fact]
    public async Task ReadAsync_NonPositiveLimit_Throws()
    {
        var request = CreateRequest("GET");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReadAsync(request, new ParameterBagReaderOptions { MaxBodyBytes = 0 }));
    }

    private sealed class ThrowingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("The body must not be read.");

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The body must not be read.");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    // Stands in for a client that streams a body without Content-Length and never stops.
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            buffer.Fill((byte)'x');
            BytesRead += buffer.Length;
            return buffer.Length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
