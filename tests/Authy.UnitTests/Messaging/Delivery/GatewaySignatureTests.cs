using System.Text;
using Authy.Infrastructure.Messaging.HttpGateway;

namespace Authy.UnitTests.Messaging.Delivery;

public sealed class GatewaySignatureTests
{
    // The vector in docs/configuration.md, computed independently with Python's hmac module:
    // hmac.new(secret, b"1767225600." + body, hashlib.sha256).hexdigest()
    private const string Secret = "whsec_0123456789abcdef0123456789abcdef";
    private const long Timestamp = 1767225600;
    private const string Body = """{"id":"2f1e6c8a-3b4d-4e5f-8a9b-0c1d2e3f4a5b","to":"+12015550123","text":"Your Demo verification code is: 1234567","locale":"en","timestamp":1767225600}""";
    private const string Expected = "v1=340120183c99f6413c34002763d0fc2a2e17165bd8109b0885a1f5891a020fcf";

    [Fact]
    public void Compute_PublishedVector_MatchesIndependentHmac() =>
        Assert.Equal(Expected, GatewaySignature.Compute(Secret, Timestamp, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void Compute_OtherTimestamp_DiffersSoOldRequestsCannotBeReplayedWithNewTimestamps() =>
        Assert.NotEqual(Expected, GatewaySignature.Compute(Secret, Timestamp + 1, Encoding.UTF8.GetBytes(Body)));

    [Fact]
    public void Compute_OneByteOfBodyChanged_Differs() =>
        Assert.NotEqual(Expected, GatewaySignature.Compute(Secret, Timestamp, Encoding.UTF8.GetBytes(Body.Replace("1234567", "1234568", StringComparison.Ordinal))));

    [Fact]
    public void Compute_NonAsciiBody_SignsTheUtf8Bytes()
    {
        var body = Encoding.UTF8.GetBytes("""{"text":"Tu código"}""");
        var latin1 = Encoding.Latin1.GetBytes("""{"text":"Tu código"}""");

        Assert.NotEqual(GatewaySignature.Compute(Secret, Timestamp, latin1), GatewaySignature.Compute(Secret, Timestamp, body));
        Assert.Matches("^v1=[0-9a-f]{64}$", GatewaySignature.Compute(Secret, Timestamp, body));
    }
}
