using System.Net;
using System.Net.Sockets;
using Authy.Application.Outbound;
using Microsoft.Extensions.Options;

namespace Authy.Infrastructure.Messaging.Outbound;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the webhook and callback clients: resolves the receiver's host
/// itself, refuses the connection when any address it resolves to is not public (unless
/// <see cref="OutboundOptions.AllowPrivateNetworks"/>), and connects to the addresses it checked. Checking and connecting
/// with the same answer leaves no gap for DNS rebinding (a name that resolves to a public address for the check and to
/// 127.0.0.1 for the connection).
/// </summary>
internal sealed class OutboundConnector(IOptions<OutboundOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.TrimStart('[').TrimEnd(']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // Any, not all: a name whose answers mix a public address with 127.0.0.1 is refused, rather than connecting
        // to the public one and hoping the next connection picks it again.
        if (!options.Value.AllowPrivateNetworks && addresses.FirstOrDefault(a => !PublicAddresses.IsPublic(a)) is { } refused)
        {
            throw new OutboundAddressRefusedException(host, refused);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A webhook or callback host resolved to an address that is not public, and private networks are not allowed.</summary>
internal sealed class OutboundAddressRefusedException(string host, IPAddress address)
    : Exception($"{host} resolves to {address}, which is not a public address (Outbound:AllowPrivateNetworks is off)")
{
    public IPAddress Address { get; } = address;
}
