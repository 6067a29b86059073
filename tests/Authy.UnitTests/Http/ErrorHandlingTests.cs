using System.Net.Sockets;
using Authy.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Authy.UnitTests.Http;

public sealed class ErrorHandlingTests
{
    public static TheoryData<Exception> DatabaseFaults => new()
    {
        new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)),
        new TimeoutException(),
        new DbUpdateException("saving failed", new NpgsqlException("Exception while reading from stream")),
        new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", new NpgsqlException("Failed to connect")),
        // What a connection reset during SaveChanges threw under load, and was answered 500 before: two levels deep.
        new InvalidOperationException(
            "An exception has been raised that is likely due to a transient failure.",
            new DbUpdateException("saving failed", new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer")))),
    };

    [Theory]
    [MemberData(nameof(DatabaseFaults))]
    public void Classify_DatabaseFaultAnywhereInTheChain_Is503(Exception exception) =>
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, ErrorHandling.Classify(exception));

    [Fact]
    public void Classify_OtherException_Is500() =>
        Assert.Equal(StatusCodes.Status500InternalServerError, ErrorHandling.Classify(new InvalidOperationException("bug", new ArgumentException("bad"))));

    [Fact]
    public void Classify_BadRequest_KeepsItsStatus() =>
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, ErrorHandling.Classify(new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge)));

    [Theory]
    [InlineData("/protected/json/users/1/status", "/protected/json/users/1/status")]
    [InlineData("/protected/json/users/1\r\n[00:00:00 ERR] forged/status", "/protected/json/users/1%0D%0A[00:00:00 ERR] forged/status")]
    [InlineData("/a\u000bb\u001b[2K\u007f", "/a%0Bb%1B[2K%7F")]
    [InlineData("/a\u0085b\u2028c", "/a%C2%85b%E2%80%A8c")]
    [InlineData("/é/漢", "/é/漢")]
    [InlineData("/protected/json/verify/12\n34/5", "/protected/json/verify/[token]/5")]
    public void RequestLogRedactionPath_ControlCharacters_ArePercentEncodedAgain(string path, string logged) =>
        Assert.Equal(logged, RequestLogRedaction.Path(new PathString(path)));
}
