using System.Net;
using System.Runtime.ExceptionServices;
using Authy.Application.Messaging;
using Authy.Application.Phones;
using Microsoft.Extensions.Logging;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>
/// Creates Twilio resources through the official library (<c>Twilio</c> on NuGet): its <see cref="TwilioRestClient"/>
/// over its <see cref="SystemNetHttpClient"/>, which wraps the named <see cref="HttpClientName"/> client (timeout,
/// circuit breaker, <see cref="TwilioBaseUrlHandler"/>). A refusal becomes a <see cref="PermanentDeliveryException"/> or
/// a plain exception (retried) per <see cref="TwilioErrors"/>. Logs Twilio's error code and the masked destination
/// only: the request carries the code and the full number, Twilio's answer may echo them, and the credentials are in a
/// header.
/// </summary>
/// <remarks>
/// Everything is built per request: the senders are keyed singletons held for the server's lifetime, so a captured
/// <see cref="System.Net.Http.HttpClient"/> would never see the factory's handler rotation (DNS changes), and the
/// library's wrapper keeps the last response in a field, which only a per-request instance may read.
/// </remarks>
public sealed partial class TwilioApi(IHttpClientFactory clients, TwilioOptions options, ILogger<TwilioApi> logger)
{
    public const string HttpClientName = "Twilio";

    /// <summary>
    /// Runs <paramref name="create"/> (one <c>…Resource.CreateAsync</c>, named <paramref name="resource"/> in logs and
    /// errors) against the account; returns the new resource's sid.
    /// </summary>
    public async Task<string> CreateAsync(string resource, Func<ITwilioRestClient, Task<string?>> create, string to, CancellationToken cancellationToken)
    {
        // The library takes no CancellationToken. This HttpClient carries this one request only, so cancelling its
        // pending requests cancels exactly this one; a token cancelled before the request starts is checked here, as
        // cancelling an HttpClient with nothing pending does not stop its next request.
        cancellationToken.ThrowIfCancellationRequested();
        using var http = clients.CreateClient(HttpClientName);
        using var cancellation = cancellationToken.Register(http.CancelPendingRequests);
        var wire = new SystemNetHttpClient(http);
        var (user, secret) = string.IsNullOrWhiteSpace(options.ApiKeySid)
            ? (options.AccountSid, options.AuthToken)
            : (options.ApiKeySid!, options.ApiKeySecret!);
        var client = new TwilioRestClient(user, secret, options.AccountSid, httpClient: wire);

        string? sid;
        try
        {
            sid = await create(client);
        }
        catch (ApiConnectionException e) when (e.InnerException is { } inner)
        {
            // The library wraps whatever the HTTP client threw (timeout, open circuit, network error): rethrown as it
            // was, so the outbox and the router see the same exceptions (and last_error the same text) as before.
            cancellationToken.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
        catch (ApiException e)
        {
            // Status is 0 when the body was not Twilio's JSON error (a proxy's HTML page); the response still has it.
            var status = e.Status != 0 ? (HttpStatusCode)e.Status : wire.LastResponse?.StatusCode ?? default;
            throw Refused(resource, status, e.Code == 0 ? null : e.Code, to);
        }

        return string.IsNullOrEmpty(sid)
            ? throw new HttpRequestException($"Twilio answered {(int?)wire.LastResponse?.StatusCode} to {resource} without a sid.")
            : sid;
    }

    private Exception Refused(string resource, HttpStatusCode status, int? code, string to)
    {
        var failure = TwilioErrors.Classify(status, code);
        var codeText = code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
        var masked = PhoneNumberParser.MaskE164(to);
        if (failure.ConfigurationError)
        {
            LogConfigurationError(logger, resource, (int)status, codeText, masked);
        }
        else
        {
            LogRefused(logger, resource, (int)status, codeText, masked, failure.Permanent);
        }

        // The exception message goes to the outbox row's last_error: Twilio's code and status only, never its text.
        var reason = $"Twilio answered {(int)status} with error {codeText} for {resource}";
        return failure.Permanent
            ? new PermanentDeliveryException("twilio", failure.Refusal!.Value, reason)
            : new HttpRequestException(reason, null, status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio refused {Resource} to {MaskedPhone}: HTTP {HttpStatus}, Twilio error {TwilioCode} (permanent: {Permanent})")]
    private static partial void LogRefused(ILogger logger, string resource, int httpStatus, string twilioCode, string maskedPhone, bool permanent);

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio refused {Resource} to {MaskedPhone} because of this server's Twilio settings: HTTP {HttpStatus}, Twilio error {TwilioCode}. Check Twilio:AccountSid, AuthToken or ApiKeySid/ApiKeySecret, From and VoiceFrom; messages are retried meanwhile")]
    private static partial void LogConfigurationError(ILogger logger, string resource, int httpStatus, string twilioCode, string maskedPhone);
}

/// <summary>
/// Sends the library's requests to <see cref="TwilioOptions.BaseUrl"/>: the library always addresses
/// <c>https://api.twilio.com</c> (its region and edge settings only pick other twilio.com hosts), and tests point the
/// provider at a fake Twilio on loopback.
/// </summary>
public sealed class TwilioBaseUrlHandler(TwilioOptions options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.RequestUri = new Uri(options.BaseUrl.TrimEnd('/') + request.RequestUri!.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }
}
