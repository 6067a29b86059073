using System.Globalization;
using Authy.Application.Messaging;

namespace Authy.Infrastructure.Messaging.Callbacks;

/// <summary>How an application's own endpoint (OneTouch callback, webhook) answered: 2xx is delivered, anything else is retried.</summary>
internal static class ReceiverAnswers
{
    public static DeliveryReceipt ToReceipt(HttpResponseMessage response, string provider)
    {
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                string.Create(CultureInfo.InvariantCulture, $"The {provider} receiver answered {status}."),
                null,
                response.StatusCode);
        }

        return new DeliveryReceipt(provider, status.ToString(CultureInfo.InvariantCulture));
    }
}
