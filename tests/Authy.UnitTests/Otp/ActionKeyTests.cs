using System.Security.Cryptography;
using System.Text;
using Authy.Application.Otp;

namespace Authy.UnitTests.Otp;

public sealed class ActionKeyTests
{
    private const long Step = 56_666_667;

    private static readonly byte[] Seed = Encoding.ASCII.GetBytes("authy-otp-test-seed!");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_010);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(180);

    [Fact]
    public void Derive_Login_IsHmacSha256OfPrefixedAction()
    {
        var expected = HMACSHA256.HashData(Seed, Encoding.UTF8.GetBytes("authy-action:login"));

        Assert.Equal(expected, ActionKey.Derive(Seed, "login"));
    }

    [Fact]
    public void Verify_CodeFromActionKey_IsValidOnlyWithThatAction()
    {
        var loginKey = ActionKey.Derive(Seed, "login");
        var code = Totp.Compute(loginKey, Step, TotpParameters.Authy);

        Assert.Equal(TotpCheck.Valid, Verify(loginKey, code));
        Assert.Equal(TotpCheck.Invalid, Verify(Seed, code));
        Assert.Equal(TotpCheck.Invalid, Verify(ActionKey.Derive(Seed, "Login"), code));
        Assert.Equal(TotpCheck.Invalid, Verify(ActionKey.Derive(Seed, "transfer"), code));
    }

    [Fact]
    public void Verify_CodeFromBaseSeed_IsInvalidWithActionKey()
    {
        var code = Totp.Compute(Seed, Step, TotpParameters.Authy);

        Assert.Equal(TotpCheck.Invalid, Verify(ActionKey.Derive(Seed, "login"), code));
    }

    [Fact]
    public void Derive_DifferentActionsAndSeeds_GiveDifferentKeys()
    {
        var keys = new[]
        {
            ActionKey.Derive(Seed, "login"),
            ActionKey.Derive(Seed, "Login"),
            ActionKey.Derive(Seed, "login "),
            ActionKey.Derive(Seed, "transfer"),
            ActionKey.Derive(Encoding.ASCII.GetBytes("another-test-seed!!!"), "login"),
        };

        Assert.Equal(keys.Length, keys.Select(Convert.ToHexString).Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key => Assert.Equal(32, key.Length));
    }

    [Fact]
    public void Derive_SameInputs_IsDeterministic()
    {
        Assert.Equal(ActionKey.Derive(Seed, "transfer €100"), ActionKey.Derive(Seed, "transfer €100"));
    }

    [Fact]
    public void Derive_EmptyAction_Throws()
    {
        Assert.Throws<ArgumentException>(() => ActionKey.Derive(Seed, ""));
    }

    [Fact]
    public void Derive_NullAction_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ActionKey.Derive(Seed, null!));
    }

    [Fact]
    public void Derive_EmptySeed_Throws()
    {
        Assert.Throws<ArgumentException>(() => ActionKey.Derive([], "login"));
    }

    [Fact]
    public void Derive_LoneSurrogate_Throws()
    {
        Assert.Throws<ArgumentException>(() => ActionKey.Derive(Seed, "login\uD800"));
    }

    private static TotpCheck Verify(byte[] key, string code) =>
        TotpVerifier.Verify(key, code, Now, Window, TotpParameters.Authy, null).Result;
}
