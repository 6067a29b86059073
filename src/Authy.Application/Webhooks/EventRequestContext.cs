namespace Authy.Application.Webhooks;

/// <summary>
/// The HTTP request a use case is serving, as far as webhook events report it (<c>request.ip</c>). Set by the host for
/// each request; null outside one.
/// </summary>
public sealed class EventRequestContext
{
    /// <summary>The client's address: the application's server for API calls, the device for device calls.</summary>
    public string? Ip { get; set; }
}
