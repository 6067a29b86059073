using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Authy.Application.Messaging;
using Authy.Application.Phones;
using Microsoft.Extensions.Logging;

namespace Authy.Infrastructure.Messaging.Twilio;

/// <summary>
/// Creates Twilio resources (<c>Messages.json</c>, <c>Calls.json</c>) over the named <see cref="HttpClientName"/> client:
/// form-encoded, Basic auth, JSON answers. A refusal becomes a <see cref="PermanentDeliveryException"/> or a plain
/// exception (retried) per <see cref="TwilioErrors"/>. Logs Twilio's error code and the masked destination only: the
/// request carries the code and the full number, the answer may echo them, and the credentials are in a header.
/// </summary>
/// <remarks>
/// The senders are keyed singletons held by the routers for the server's lifetime, so this client asks the factory
/// for an <see cref="HttpClient"/> per request instead of capturing one (the factory rotates handlers; DNS changes apply).
/// </remarks>
public sealed partial class TwilioRestClient(IHttpClientFactory clients, TwilioOptions options, ILogger<TwilioRestClient> logger)
{
    public const string HttpClientName = "Twilio";

    /// <summary>POSTs <paramref name="form"/> to <c>/Accounts/{AccountSid}/{resource}</c>; returns the new resource's sid.</summary>
    public async Task<string> CreateAsync(string resource, IReadOnlyList<KeyValuePair<string, string>> form, string to, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            $"{options.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid)}/{resource}")
        {
            Content = new FormUrlEncodedContent(form),
        };
        var (user, secret) = string.IsNullOrWhiteSpace(options.ApiKeySid)
            ? (options.AccountSid, options.AuthToken)
            : (options.ApiKeySid!, options.ApiKeySecret!);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var masked = PhoneNumberParser.MaskE164(to);
        if (response.IsSuccessStatusCode)
        {
            var sid = ReadString(body, "sid");
            if (string.IsNullOrEmpty(sid))
            {
                throw new HttpRequestException($"Twilio answered {(int)response.StatusCode} to {resource} without a sid.");
            }

            return sid;
        }

        var code = ReadCode(body);
        var failure = TwilioErrors.Classify(response.StatusCode, code);
        var codeText = code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
        if (failure.ConfigurationError)
        {
            LogConfigurationError(logger, resource, (int)response.StatusCode, codeText, masked);
        }
        else
        {
            LogRefused(logger, resource, (int)response.StatusCode, codeText, masked, failure.Permanent);
        }

        // The exception message goes to the outbox row's last_error: Twilio's code and status only, never its text.
        var reason = $"Twilio answered {(int)response.StatusCode} with error {codeText} for {resource}";
        if (failure.Permanent)
        {
            throw new PermanentDeliveryException("twilio", failure.Refusal!.Value, reason);
        }

        throw new HttpRequestException(reason, null, response.StatusCode);
    }

    private static int? ReadCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("code", out var code)
                && code.TryGetInt32(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null; // a proxy's HTML error page: classified by the HTTP status alone
        }
    }

    private static string? ReadString(string body, string name)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio refused {Resource} to {MaskedPhone}: HTTP {HttpStatus}, Twilio error {TwilioCode} (permanent: {Permanent})")]
    private static partial void LogRefused(ILogger logger, string resource, int httpStatus, string twilioCode, string maskedPhone, bool permanent);

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio refused {Resource} to {MaskedPhone} because of this server's Twilio settings: HTTP {HttpStatus}, Twilio error {TwilioCode}. Check Twilio:AccountSid, AuthToken or ApiKeySid/ApiKeySecret, From and VoiceFrom; messages are retried meanwhile")]
    private static partial void LogConfigurationError(ILogger logger, string resource, int httpStatus, string twilioCode, string maskedPhone);
}
