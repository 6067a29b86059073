using System.Net;
using System.Net.Sockets;

namespace Authy.Application.Outbound;

/// <summary>
/// Which IP addresses are public, that is, reachable on the internet and owned by someone else: the only ones a webhook or
/// callback may reach unless <see cref="OutboundOptions.AllowPrivateNetworks"/> is on. Everything the IANA special-purpose
/// registries mark as not globally reachable is refused, plus the documentation and benchmarking ranges, and IPv6 forms
/// that carry such an IPv4 address (mapped, NAT64, 6to4).
/// </summary>
public static class PublicAddresses
{
    private static readonly IPNetwork[] NonPublicV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network", 0.0.0.0 included
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // shared address space (carrier-grade NAT)
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, the cloud metadata service 169.254.169.254 included
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.0.2.0/24"),     // documentation (TEST-NET-1)
        IPNetwork.Parse("192.88.99.0/24"),   // 6to4 relay anycast (deprecated)
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),  // documentation (TEST-NET-2)
        IPNetwork.Parse("203.0.113.0/24"),   // documentation (TEST-NET-3)
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, the broadcast address 255.255.255.255 included
    ];

    /// <summary>Global unicast: every other IPv6 block (loopback, unspecified, link-local, ULA, multicast…) is not public.</summary>
    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    private static readonly IPNetwork[] NonPublicV6 =
    [
        IPNetwork.Parse("2001::/23"),        // IETF protocol assignments: Teredo, benchmarking, ORCHID…
        IPNetwork.Parse("2001:db8::/32"),    // documentation
        IPNetwork.Parse("3fff::/20"),        // documentation (RFC 9637)
    ];

    /// <summary>The well-known NAT64 prefix: the last 32 bits are the IPv4 address a NAT64 gateway forwards to.</summary>
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>6to4: bits 16–47 are the IPv4 address of the tunnel's end.</summary>
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(IPAddress address) => !NonPublicV4.Any(network => network.Contains(address));

    private static bool IsPublicV6(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return IsPublicV4(new IPAddress(bytes.AsSpan(12, 4)));
        }

        if (SixToFour.Contains(address))
        {
            return IsPublicV4(new IPAddress(bytes.AsSpan(2, 4)));
        }

        return GlobalUnicastV6.Contains(address) && !NonPublicV6.Any(network => network.Contains(address));
    }
}
