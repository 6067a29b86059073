using System.Text.Json.Nodes;
using Authy.Application.Signatures;

namespace Authy.UnitTests.Webhooks;

/// <summary>The worked example of docs/webhooks.md, so the documentation cannot drift from the canonicaliser.</summary>
public sealed class WebhooksDocsExampleTests
{
    private const string SigningKey = "kJ8sZ2qW9xV4bN7mR1tY6uP3aD5fG0hL";
    private const string Nonce = "1795473480.123456";
    private const string Url = "http://localhost:5000/dashboard/json/application/webhooks";

    private static readonly JsonObject Parameters = new()
    {
        ["app_api_key"] = "u8rt5eFqHMiybYu6hah2wsdDgSzOnBF6",
        ["access_key"] = "ZQJASHT2ar2V9UFhUgVziQ7UrXM1hNuf",
        ["url"] = "https://example.com/hooks/authy",
        ["name"] = "Audit log",
        ["events"] = new JsonArray("user_added", "token_verified"),
    };

    [Fact]
    public void Create_ArrayOrderKept_MatchesTheDocs()
    {
        var canonical = AuthyCanonicalParams.FromJson(Parameters);

        Assert.Equal(
            "access_key=ZQJASHT2ar2V9UFhUgVziQ7UrXM1hNuf&app_api_key=u8rt5eFqHMiybYu6hah2wsdDgSzOnBF6&events%5B%5D=user_added&events%5B%5D=token_verified&name=Audit+log&url=https%3A%2F%2Fexample.com%2Fhooks%2Fauthy",
            canonical);
        Assert.Equal("iD+HFywoFfOPsDwK9OMUXmjli3ll7n271FUPzAaokRo=", AuthySignature.Compute(SigningKey, Nonce, "POST", Url, canonical));
    }

    [Fact]
    public void Create_EveryPairSorted_MatchesTheDocs()
    {
        var sorted = string.Join('&', AuthyCanonicalParams.FromJson(Parameters).Split('&').Order(StringComparer.Ordinal));

        Assert.Equal("GEW4ZaWupTq7mffD+8JOsljTuc7MjqzYtpjdWxlyvbM=", AuthySignature.Compute(SigningKey, Nonce, "POST", Url, sorted));
    }
}
