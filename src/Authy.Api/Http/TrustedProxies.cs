using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Authy.Api.Http;

/// <summary>
/// Reverse proxies whose <c>X-Forwarded-For</c> the server believes (section <c>Network</c>). The client address counts
/// for the send guard's per-address limit on requests without an API key; behind a proxy every request would otherwise
/// come from the proxy, and without this list a client could name any address it likes.
/// </summary>
public sealed class NetworkOptions : IValidatableObject
{
    public const string SectionName = "Network";

    /// <summary>
    /// Addresses or CIDR ranges (<c>10.0.0.5, 172.16.0.0/12</c>) of the reverse proxies in front of the server. Empty, the
    /// default, believes no forwarded header: the connection's own address is the client's.
    /// </summary>
    [MaxLength(2000)]
    public string TrustedProxies { get; set; } = string.Empty;

    internal IEnumerable<string> Entries() =>
        TrustedProxies.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in Entries())
        {
            if (!System.Net.IPNetwork.TryParse(entry, out _) && !IPAddress.TryParse(entry, out _))
            {
                yield return new ValidationResult(
                    $"Network:TrustedProxies: '{entry}' is neither an IP address nor a CIDR range.", [nameof(TrustedProxies)]);
            }
        }
    }
}

internal static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((forwarded, network) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // Every trusted hop is unwound (client -> CDN -> load balancer), stopping at the first address not listed;
            // the framework's default of one hop would count the outer proxy, shared by all its clients.
            forwarded.ForwardLimit = null;
            // The framework trusts loopback by default; only the operator's list is trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var entry in network.Value.Entries())
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
            }
        });
        return services;
    }

    /// <summary>Replaces the connection's address with the forwarded client's, when the connection comes from a trusted proxy.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<NetworkOptions>>().Value.Entries().Any())
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
