using System.Net;
using Authy.Application.Outbound;

namespace Authy.UnitTests.Outbound;

public sealed class PublicAddressesTests
{
    [Theory]
    // IPv4: each range at its first and last address
    [InlineData("0.0.0.0")] // unspecified
    [InlineData("0.255.255.255")]
    [InlineData("10.0.0.0")] // private
    [InlineData("10.255.255.255")]
    [InlineData("100.64.0.0")] // shared address space (CGNAT)
    [InlineData("100.127.255.255")]
    [InlineData("127.0.0.1")] // loopback
    [InlineData("127.255.255.254")]
    [InlineData("169.254.0.0")] // link-local
    [InlineData("169.254.169.254")] // the cloud metadata service
    [InlineData("169.254.255.255")]
    [InlineData("172.16.0.0")] // private
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.0")] // IETF protocol assignments
    [InlineData("192.0.0.255")]
    [InlineData("192.0.2.1")] // documentation
    [InlineData("192.88.99.1")] // 6to4 relay anycast
    [InlineData("192.168.0.0")] // private
    [InlineData("192.168.255.255")]
    [InlineData("198.18.0.0")] // benchmarking
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")] // documentation
    [InlineData("203.0.113.7")] // documentation
    [InlineData("224.0.0.1")] // multicast
    [InlineData("239.255.255.255")]
    [InlineData("240.0.0.1")] // reserved
    [InlineData("255.255.255.255")] // broadcast
    // IPv6
    [InlineData("::")] // unspecified
    [InlineData("::1")] // loopback
    [InlineData("::127.0.0.1")] // IPv4-compatible (deprecated)
    [InlineData("fe80::1")] // link-local
    [InlineData("fe80::1%2")]
    [InlineData("febf:ffff::1")]
    [InlineData("fec0::1")] // site-local (deprecated)
    [InlineData("fc00::1")] // unique local
    [InlineData("fd12:3456:789a::1")]
    [InlineData("ff02::1")] // multicast
    [InlineData("ff0e::1")]
    [InlineData("100::1")] // discard-only
    [InlineData("64:ff9b:1::1")] // local-use NAT64
    [InlineData("2001::1")] // Teredo
    [InlineData("2001:2::1")] // benchmarking
    [InlineData("2001:db8::1")] // documentation
    [InlineData("3fff::1")] // documentation (RFC 9637)
    // IPv6 forms that carry a non-public IPv4 address
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:100.64.0.1")]
    [InlineData("::ffff:0.0.0.0")]
    [InlineData("::ffff:255.255.255.255")]
    [InlineData("64:ff9b::7f00:1")] // NAT64 to 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 to 169.254.169.254
    [InlineData("2002:7f00:1::1")] // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:101::1")] // 6to4 of 192.168.1.1
    public void IsPublic_NonPublicAddress_IsFalse(string address) =>
        Assert.False(PublicAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("9.255.255.255")] // just below 10/8
    [InlineData("11.0.0.0")] // just above
    [InlineData("100.63.255.255")] // around 100.64/10
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")] // around 127/8
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")] // around 169.254/16
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")] // around 172.16/12
    [InlineData("172.32.0.0")]
    [InlineData("192.0.1.255")]
    [InlineData("192.167.255.255")] // around 192.168/16
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")] // around 198.18/15
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")] // just below multicast
    [InlineData("2001:200::1")] // the first ordinary allocation after 2001::/23
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001::1")]
    [InlineData("::ffff:8.8.8.8")] // mapped public IPv4
    [InlineData("64:ff9b::808:808")] // NAT64 to 8.8.8.8
    [InlineData("2002:808:808::1")] // 6to4 of 8.8.8.8
    public void IsPublic_PublicAddress_IsTrue(string address) =>
        Assert.True(PublicAddresses.IsPublic(IPAddress.Parse(address)));
}
