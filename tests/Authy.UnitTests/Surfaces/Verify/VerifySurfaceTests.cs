using System.Text.Json;
using Authy.Api.Surfaces.Verify;
using Microsoft.AspNetCore.Http;

namespace Authy.UnitTests.Surfaces.Verify;

public sealed class VerifySurfaceTests
{
    [Theory]
    [InlineData("/v2", true)]
    [InlineData("/v2/Services", true)]
    [InlineData("/v2/Services/VAxx/Verifications", true)]
    [InlineData("/protected/json/x", false)]
    [InlineData("/v2x", false)]
    [InlineData("/", false)]
    public void Claims_OnlyPathsUnderV2(string path, bool claimed) =>
        Assert.Equal(claimed, VerifySurface.Instance.Claims(path));

    [Fact]
    public async Task WriteStatusAsync_404NamesThePathWithoutV2AndQuery()
    {
        var (context, body) = await VerifyWireTests.WriteAsync(
            c =>
            {
                c.Request.QueryString = new QueryString("?PageSize=5");
                return VerifySurface.Instance.WriteStatusAsync(c, 404, afterException: false);
            },
            "/v2/Services/VAxx/Nope");

        Assert.Equal(404, context.Response.StatusCode);
        Assert.Equal(
            """{"code":20404,"message":"The requested resource /Services/VAxx/Nope was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}""",
            body);
    }

    [Theory]
    [InlineData(405, false, 20004)]
    [InlineData(415, false, 20415)]
    [InlineData(413, false, 20413)]
    [InlineData(401, false, 20003)]
    [InlineData(429, false, 20429)]
    [InlineData(503, false, 20503)]
    [InlineData(502, false, 20500)]
    [InlineData(403, false, 20403)]
    [InlineData(400, true, 60200)]
    [InlineData(413, true, 20413)]
    [InlineData(503, true, 20503)]
    [InlineData(500, true, 20500)]
    [InlineData(404, true, 20500)]
    public async Task WriteStatusAsync_AnswersWithTwiliosCode(int status, bool afterException, int code)
    {
        var (context, body) = await VerifyWireTests.WriteAsync(c => VerifySurface.Instance.WriteStatusAsync(c, status, afterException));

        using var document = JsonDocument.Parse(body);
        Assert.Equal(code, document.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(context.Response.StatusCode, document.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task WriteStatusAsync_401TellsMissingFromWrongCredentials()
    {
        var (_, missing) = await VerifyWireTests.WriteAsync(c => VerifySurface.Instance.WriteStatusAsync(c, 401, afterException: false));
        var (_, wrong) = await VerifyWireTests.WriteAsync(c =>
        {
            c.Request.Headers.Authorization = "Basic eDp5";
            return VerifySurface.Instance.WriteStatusAsync(c, 401, afterException: false);
        });

        Assert.Contains("No credentials provided", missing, StringComparison.Ordinal);
        Assert.Contains("invalid username", wrong, StringComparison.Ordinal);
    }
}
