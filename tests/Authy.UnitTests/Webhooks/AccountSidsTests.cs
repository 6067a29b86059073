using Authy.Application.Webhooks;

namespace Authy.UnitTests.Webhooks;

public sealed class AccountSidsTests
{
    [Fact]
    public void AccountAndService_AreTwilioShapedStableAndDistinctPerApp()
    {
        Assert.Matches("^AC[0-9a-f]{32}$", AccountSids.Account(1));
        Assert.Matches("^IS[0-9a-f]{32}$", AccountSids.Service(1));
        Assert.Equal(AccountSids.Account(7), AccountSids.Account(7));
        Assert.NotEqual(AccountSids.Account(1), AccountSids.Account(2));
        Assert.NotEqual(AccountSids.Account(1)[2..], AccountSids.Service(1)[2..]);
    }
}
