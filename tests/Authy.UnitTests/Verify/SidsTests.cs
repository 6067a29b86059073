using Authy.Application.Verify;

namespace Authy.UnitTests.Verify;

/// <summary>Twilio's SID shape, which twilio-node checks on the Account SID before it sends anything.</summary>
public sealed class SidsTests
{
    [Theory]
    [InlineData(Sids.Account)]
    [InlineData(Sids.ApiKey)]
    [InlineData(Sids.Service)]
    public void New_IsThePrefixAnd32LowercaseHex_NeverTheSameTwice(string prefix)
    {
        var sids = Enumerable.Range(0, 1000).Select(_ => Sids.New(prefix)).ToList();

        Assert.All(sids, sid => Assert.Matches($"^{prefix}[0-9a-f]{{32}}$", sid));
        Assert.Equal(sids.Count, sids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("AC0123456789abcdef0123456789abcdef", "AC", true)]
    [InlineData("AC0123456789ABCDEF0123456789ABCDEF", "AC", true)]
    [InlineData("ac0123456789abcdef0123456789abcdef", "AC", false)]
    [InlineData("SK0123456789abcdef0123456789abcdef", "AC", false)]
    [InlineData("AC0123456789abcdef0123456789abcde", "AC", false)]
    [InlineData("AC0123456789abcdef0123456789abcdeg", "AC", false)]
    [InlineData("", "AC", false)]
    [InlineData(null, "AC", false)]
    public void IsWellFormed_ChecksPrefixLengthAndHex(string? sid, string prefix, bool expected) =>
        Assert.Equal(expected, Sids.IsWellFormed(sid, prefix));
}
