using Authy.Application.Webhooks;

namespace Authy.UnitTests.Webhooks;

public sealed class DashboardNoncesTests
{
    [Theory]
    [InlineData("1427849783", 1427849783000)]
    [InlineData("1427849783.886085", 1427849783000)]
    [InlineData("1795473480123", 1795473480123)]
    [InlineData("1795473480123.5", 1795473480123)]
    public void TryReadTimestamp_UnixSecondsOrMilliseconds_ReadsTheTime(string nonce, long expectedMilliseconds)
    {
        Assert.True(DashboardNonces.TryReadTimestamp(nonce, out var timestamp));
        Assert.Equal(expectedMilliseconds, timestamp.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData("")]
    [InlineData("f47ac10b-58cc-4372-a567-0e02b2c3d479")]
    [InlineData("12345678-1234-1234-1234-123456789012")]
    [InlineData("0.123456.0.987654")]
    [InlineData("123456789")]
    [InlineData("12345678901")]
    [InlineData("1427849783.")]
    [InlineData("1427849783.88a")]
    [InlineData(" 1427849783")]
    [InlineData("+142784978")]
    [InlineData("１４２７８４９７８３")]
    public void TryReadTimestamp_AnythingElse_NamesNoTime(string nonce) =>
        Assert.False(DashboardNonces.TryReadTimestamp(nonce, out _));

    [Fact]
    public void Hash_IsSha256OfUtf8()
    {
        Assert.Equal(32, DashboardNonces.Hash("n").Length);
        Assert.Equal(DashboardNonces.Hash("nonce"), DashboardNonces.Hash("nonce"));
        Assert.NotEqual(DashboardNonces.Hash("nonce"), DashboardNonces.Hash("Nonce"));
    }
}
