using System.Net.Sockets;
using Authy.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Authy.UnitTests.Http;

public sealed class AuthyErrorHandlingTests
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
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, AuthyErrorHandling.Classify(exception));

    [Fact]
    public void Classify_OtherException_Is500() =>
        Assert.Equal(StatusCodes.Status500InternalServerError, AuthyErrorHandling.Classify(new InvalidOperationException("bug", new ArgumentException("bad"))));

    [Fact]
    public void Classify_BadRequest_KeepsItsStatus() =>
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, AuthyErrorHandling.Classify(new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge)));
}
