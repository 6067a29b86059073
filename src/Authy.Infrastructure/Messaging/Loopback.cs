using System.Net;

namespace Authy.Infrastructure.Messaging;

/// <summary>
/// Whether a host name stays on this machine. Providers refuse plaintext (SMTP without TLS, http:// gateways) except to
/// such hosts, because the traffic carries codes and credentials and loopback never crosses a network.
/// </summary>
internal static class Loopback
{
    public static bool IsLoopback(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return false;
        }

        var name = host.Trim().TrimStart('[').TrimEnd(']');
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }
}
