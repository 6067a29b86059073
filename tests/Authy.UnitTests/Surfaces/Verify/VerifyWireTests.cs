using System.Text;
using System.Text.Json;
using Authy.Api.Surfaces.Verify;
using Authy.Application.Outcomes;
using Microsoft.AspNetCore.Http;

namespace Authy.UnitTests.Surfaces.Verify;

public sealed class VerifyWireTests
{
    private sealed record Sample(string FriendlyName, DateTimeOffset DateCreated, DateTimeOffset? DateUpdated, string? Sna, int? Amount);

    internal static async Task<(DefaultHttpContext Context, string Body)> WriteAsync(Func<HttpContext, Task> write, string path = "/v2/Services")
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        await write(context);
        return (context, Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    [Fact]
    public async Task WriteErrorAsync_WritesTheFourKeysInTwiliosOrder()
    {
        var (context, body) = await WriteAsync(c => VerifyWire.WriteErrorAsync(c, VerifyErrors.InvalidParameter("To")));

        Assert.Equal("""{"code":60200,"message":"Invalid parameter: To","more_info":"https://www.twilio.com/docs/errors/60200","status":400}""", body);
        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
        Assert.False(context.Response.Headers.ContainsKey("WWW-Authenticate"));
    }

    [Fact]
    public async Task WriteErrorAsync_401AddsDetailAndTheBasicChallenge()
    {
        var (context, body) = await WriteAsync(c => VerifyWire.WriteErrorAsync(c, VerifyErrors.AuthenticationFailed));

        Assert.Equal(
            """{"code":20003,"detail":"Your AccountSid or AuthToken was incorrect.","message":"Authentication Error - invalid username","more_info":"https://www.twilio.com/docs/errors/20003","status":401}""",
            body);
        Assert.Equal("Basic realm=\"Twilio API\"", context.Response.Headers.WWWAuthenticate);
    }

    [Fact]
    public async Task WriteErrorAsync_ThrottledSendsRetryAfterRoundedUp()
    {
        var (context, body) = await WriteAsync(c => VerifyWire.WriteErrorAsync(c, VerifyErrors.TooManyRequests(TimeSpan.FromSeconds(41.2))));

        Assert.Equal("42", context.Response.Headers.RetryAfter);
        Assert.Equal(429, context.Response.StatusCode);
        Assert.Equal("""{"code":20429,"message":"Too many requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429}""", body);
    }

    [Fact]
    public async Task WriteErrorAsync_NeverWritesTypeOrTitle()
    {
        var (_, body) = await WriteAsync(c => VerifyWire.WriteErrorAsync(c, VerifyErrors.From(Failures.InvalidWebhook([new("Url", ValueProblem.Missing)]))));

        using var document = JsonDocument.Parse(body);
        Assert.Equal(["code", "details", "message", "more_info", "status"], document.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void JsonOptions_DatesAreUtcWholeSecondsWithZ()
    {
        var json = JsonSerializer.Serialize(
            new Sample("My Service", new DateTimeOffset(2026, 12, 8, 3, 2, 3, 456, TimeSpan.FromHours(2)), new DateTimeOffset(2026, 12, 8, 1, 2, 3, 999, TimeSpan.Zero), null, null),
            VerifyWire.JsonOptions);

        Assert.Equal(
            """{"friendly_name":"My Service","date_created":"2026-12-08T01:02:03Z","date_updated":"2026-12-08T01:02:03Z","sna":null,"amount":null}""",
            json);
    }

    [Fact]
    public void JsonOptions_WritesNullsAndReadsAnyIsoDate()
    {
        var json = JsonSerializer.Serialize(new Sample("+15017122661", default, null, null, 5), VerifyWire.JsonOptions);

        Assert.Equal("""{"friendly_name":"+15017122661","date_created":"0001-01-01T00:00:00Z","date_updated":null,"sna":null,"amount":5}""", json);
        var read = JsonSerializer.Deserialize<Sample>("""{"date_created":"2026-12-08T03:02:03.5+02:00","date_updated":"2026-12-08T01:02:03Z"}""", VerifyWire.JsonOptions)!;
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 1, 2, 3, 500, TimeSpan.Zero), read.DateCreated);
        Assert.Equal(new DateTimeOffset(2026, 12, 8, 1, 2, 3, TimeSpan.Zero), read.DateUpdated);
    }

    [Fact]
    public async Task VerifyResult_NoContentHasNoBody()
    {
        var (context, body) = await WriteAsync(VerifyResult.NoContent().ExecuteAsync);

        Assert.Equal(204, context.Response.StatusCode);
        Assert.Equal("", body);
    }

    [Fact]
    public async Task VerifyResult_CreatedWritesTheBodyWith201()
    {
        var (context, body) = await WriteAsync(VerifyResult.Created(new Sample("x", default, null, null, null)).ExecuteAsync);

        Assert.Equal(201, context.Response.StatusCode);
        Assert.StartsWith("""{"friendly_name":"x",""", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyResult_NotFoundFailureNamesTheRequestPath()
    {
        var (context, body) = await WriteAsync(
            VerifyResult.Failed(Failures.WebhookNotFound).ExecuteAsync,
            "/v2/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Webhooks/YWbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

        Assert.Equal(404, context.Response.StatusCode);
        Assert.Contains(
            "\"message\":\"The requested resource /Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Webhooks/YWbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb was not found\"",
            body,
            StringComparison.Ordinal);
    }
}
