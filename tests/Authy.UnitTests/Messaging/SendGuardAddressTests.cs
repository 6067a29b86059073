using System.Net;
using Authy.Application.Messaging;

namespace Authy.UnitTests.Messaging;

/// <summary>The unit a client address is counted by: an IPv4 address, or an IPv6 /64 (one subscriber's allocation).</summary>
public sealed class SendGuardAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void AddressKey_GroupsIpv6ByItsSlash64(string address, string expected) =>
        Assert.Equal(expected, SendGuard.AddressKey(IPAddress.Parse(address)));
}
