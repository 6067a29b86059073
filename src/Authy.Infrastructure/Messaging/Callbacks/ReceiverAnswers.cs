using System.Globalization;
using Authy.Application.Messaging;
using Authy.Infrastructure.Messaging.Outbound;

namespace Authy.Infrastructure.Messaging.Callbacks;

/// <summary>
/// How an application's own endpoint (OneTouch callback, webhook) answered: 2xx is delivered; a redirect (never followed)
/// or any other status is retried; a receiver at an address that is not public is refused for good.
/// </summary>
internal static class ReceiverAnswers
{
    /// <summary>
    /// Sends and judges the answer from its status line and headers alone: the body is never read, so a receiver that
    /// answers an endless body costs nothing (the handler drains at most <see cref="OutboundHttp.MaxResponseDrainBytes"/>).
    /// </summary>
    public static async Task<DeliveryReceipt> SendAsync(HttpClient http, HttpRequestMessage request, string provider, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception) when (FindRefusal(exception) is { } refused)
        {
            // The same address would be refused on every retry: fail the message now, with the reason in its last error.
            throw new PermanentDeliveryException(provider, DeliveryRefusal.Refused, refused.Message, exception);
        }

        using (response)
        {
            return ToReceipt(response, provider);
        }
    }

    private static DeliveryReceipt ToReceipt(HttpResponseMessage response, string provider)
    {
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            var redirect = status is >= 300 and < 400 ? " (redirects are not followed)" : string.Empty;
            throw new HttpRequestException(
                string.Create(CultureInfo.InvariantCulture, $"The {provider} receiver answered {status}{redirect}."),
                null,
                response.StatusCode);
        }

        return new DeliveryReceipt(provider, status.ToString(CultureInfo.InvariantCulture));
    }

    private static OutboundAddressRefusedException? FindRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is OutboundAddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
