using Authy.Application.Webhooks;

namespace Authy.Api.Http;

internal static class EventRequestContextMiddleware
{
    /// <summary>
    /// Tells webhook events which address the request came from (<c>request.ip</c>). It is the connection's peer: behind a
    /// reverse proxy that is the proxy, since the server reads no forwarded headers.
    /// </summary>
    public static WebApplication UseEventRequestContext(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var address = context.Connection.RemoteIpAddress;
            if (address is not null)
            {
                context.RequestServices.GetRequiredService<EventRequestContext>().Ip =
                    (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
            }

            return next(context);
        });
        return app;
    }
}
