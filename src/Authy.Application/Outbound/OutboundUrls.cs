using System.Net;

namespace Authy.Application.Outbound;

/// <summary>
/// The check a webhook URL or a OneTouch callback URL passes when it is set. It looks only at the URL as written: a host
/// name that resolves to a private address is caught when the connection is made (<c>OutboundConnector</c>), which is the
/// check that cannot be dodged, since DNS answers can change between now and then.
/// </summary>
public static class OutboundUrls
{
    public const int MaxLength = 2000;

    /// <summary>The field message for a URL that is not an absolute http(s) URL, has user info, or writes an IPv4 address in another form.</summary>
    public const string Invalid = "is invalid";

    /// <summary>The field message for a URL whose host is a non-public address or a local name.</summary>
    public const string NotPublic = "is not a public address";

    /// <summary>
    /// Null when <paramref name="url"/> may be used; otherwise why not, as a Rails-style field message. Always refused:
    /// anything but an absolute http or https URL with a host, user info (credentials do not belong in a stored URL, and
    /// <c>https://example.com@10.0.0.1/</c> misleads a reader), and an IPv4 host written other than as a dotted quad
    /// (<c>2130706433</c>, <c>0x7f000001</c>, <c>017700000001</c>, <c>127.1</c>), which only serves to hide the address.
    /// Refused unless <paramref name="allowPrivateNetworks"/>: an IP host that is not public and a <c>localhost</c> name.
    /// </summary>
    public static string? Refusal(string url, bool allowPrivateNetworks)
    {
        if (url.Length > MaxLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
            || parsed.Host.Length == 0
            || parsed.UserInfo.Length > 0
            || WrittenHost(url).Contains('@'))
        {
            return Invalid;
        }

        // Uri reads the inet_aton forms as IPv4 and shows the dotted quad: what was written differs from what it shows.
        if (parsed.HostNameType == UriHostNameType.IPv4 && !string.Equals(WrittenHost(url), parsed.Host, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid;
        }

        if (allowPrivateNetworks)
        {
            return null;
        }

        if (parsed.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return IPAddress.TryParse(parsed.Host.TrimStart('[').TrimEnd(']'), out var address) && PublicAddresses.IsPublic(address) ? null : NotPublic;
        }

        return IsLocalName(parsed.IdnHost) ? NotPublic : null;
    }

    /// <summary>localhost and its subdomains (RFC 6761), and the loopback names Debian's /etc/hosts carries.</summary>
    private static bool IsLocalName(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        return name is "localhost" or "localhost.localdomain" or "ip6-localhost" or "ip6-loopback"
            || name.EndsWith(".localhost", StringComparison.Ordinal);
    }

    /// <summary>The authority as written, without the port: what comes after <c>//</c> up to the path, query or fragment.</summary>
    private static string WrittenHost(string url)
    {
        var start = url.IndexOf("//", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += 2;
        var end = url.IndexOfAny(['/', '\\', '?', '#'], start);
        var authority = url[start..(end < 0 ? url.Length : end)];
        if (authority.StartsWith('['))
        {
            return authority;
        }

        var colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }
}
