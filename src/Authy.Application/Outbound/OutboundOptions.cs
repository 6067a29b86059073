using System.ComponentModel.DataAnnotations;

namespace Authy.Application.Outbound;

/// <summary>
/// Requests the server makes to URLs that applications choose: webhook deliveries and OneTouch callbacks (section
/// <c>Outbound</c>; docs/configuration.md, ADR 0018). Not the providers the operator configures (Twilio, SMTP, the HTTP
/// gateway), which are the operator's own choice.
/// </summary>
public sealed class OutboundOptions
{
    public const string SectionName = "Outbound";

    /// <summary>
    /// Whether webhook and callback URLs may reach loopback, link-local, private, shared (CGNAT) and other non-public
    /// addresses. Default false: such a URL is refused when it is set, and a connection to such an address (a host name
    /// that resolves there) is refused when it is made. Turn it on for receivers inside your own network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long resolving the receiver's name and opening the TCP connection (and TLS) may take, in seconds. Default 5.</summary>
    [Range(1, 60)]
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>How long one delivery request may take in all, up to the receiver's response headers, in seconds. Default 15.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;
}
