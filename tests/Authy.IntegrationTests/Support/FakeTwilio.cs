using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// Twilio's REST API (2010-04-01, Messages.json and Calls.json) on a loopback port, checking what Twilio requires of a
/// request and answering as Twilio does (201 with an SM…/CA… sid, or Twilio's error body). It also plays Twilio's side
/// of a call: it fetches the call's TwiML URL, posts the pressed key and posts status callbacks, each signed with
/// <c>X-Twilio-Signature</c> over the exact URL, as Twilio would.
/// </summary>
public sealed partial class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "fake-twilio-auth-token-5d41402abc4b2a76";
    public const string ApiKeySid = "SKfedcba9876543210fedcba9876543210";
    public const string ApiKeySecret = "fake-twilio-api-key-secret-7d793037a076";
    public const string From = "+15005550006";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<TwilioRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(HttpStatusCode Status, int Code, string Message)>> _refusals = new(StringComparer.Ordinal);

    private FakeTwilio(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Every request received, accepted or not, in order.</summary>
    public IReadOnlyList<TwilioRequest> Requests => [.. _requests];

    /// <summary>How Twilio reaches this server (the test host's handler; Twilio would use the public URL).</summary>
    public Func<HttpMessageHandler>? Internet { get; set; }

    public static async Task<FakeTwilio> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeTwilio(app);
        app.Map("/{**path}", fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    /// <summary>
    /// The next API request to <paramref name="to"/> is refused with Twilio's error body (after the usual checks pass).
    /// Keyed by number so that another test's message, retried meanwhile, cannot take the refusal.
    /// </summary>
    public void RefuseNext(string to, HttpStatusCode status, int code, string message) =>
        _refusals.GetOrAdd(to, _ => new()).Enqueue((status, code, message));

    public async Task<TwilioRequest> WaitForAsync(string resource, int count = 1, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)))
        {
            var matching = Requests.Where(r => r.Resource == resource).ToList();
            if (matching.Count >= count)
            {
                return matching[count - 1];
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Twilio received {Requests.Count(r => r.Resource == resource)} {resource} request(s), expected {count}.");
    }

    /// <summary>Answers the call: fetches its <c>Url</c> as Twilio does when the callee picks up, and returns the TwiML.</summary>
    public async Task<XDocument> AnswerCallAsync(TwilioRequest call)
    {
        var (status, body) = await PostSignedAsync(call.Form["Url"], CallParameters(call, "in-progress"));
        Assert.Equal(HttpStatusCode.OK, status);
        return XDocument.Parse(body);
    }

    /// <summary>Presses <paramref name="digits"/> in answer to a Gather: posts them to its action; returns the TwiML.</summary>
    public async Task<XDocument> PressAsync(TwilioRequest call, XDocument gatherTwiml, string digits)
    {
        var gather = gatherTwiml.Root!.Element("Gather")!;
        var action = gather.Attribute("action")!.Value;
        Assert.Equal("POST", gather.Attribute("method")!.Value);
        var form = CallParameters(call, "in-progress");
        form.Add(new("Digits", digits));
        form.Add(new("FinishedOnKey", string.Empty));
        var (status, body) = await PostSignedAsync(action, form);
        Assert.Equal(HttpStatusCode.OK, status);
        return XDocument.Parse(body);
    }

    /// <summary>Posts a message status callback (<c>MessageStatus</c>) to the message's <c>StatusCallback</c>.</summary>
    public Task<(HttpStatusCode Status, string Body)> PostMessageStatusAsync(TwilioRequest message, string status, string? errorCode = null, string? signingToken = AuthToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", AccountSid),
            new("ApiVersion", "2010-04-01"),
            new("From", message.Form.GetValueOrDefault("From", From)),
            new("MessageSid", message.Sid!),
            new("MessageStatus", status),
            new("SmsSid", message.Sid!),
            new("SmsStatus", status),
            new("To", message.Form["To"]),
        };
        if (errorCode is not null)
        {
            form.Add(new("ErrorCode", errorCode));
        }

        return PostSignedAsync(message.Form["StatusCallback"], form, signingToken);
    }

    /// <summary>Posts a call status callback (<c>CallStatus</c>) to the call's <c>StatusCallback</c>.</summary>
    public Task<(HttpStatusCode Status, string Body)> PostCallStatusAsync(TwilioRequest call, string status, int sequence)
    {
        var form = CallParameters(call, status);
        form.Add(new("CallbackSource", "call-progress-events"));
        form.Add(new("SequenceNumber", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return PostSignedAsync(call.Form["StatusCallback"], form);
    }

    /// <summary>A POST as Twilio makes it, signed with <paramref name="signingToken"/> (null: no signature header).</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostSignedAsync(string url, List<KeyValuePair<string, string>> form, string? signingToken = AuthToken)
    {
        using var client = new HttpClient(Internet?.Invoke() ?? throw new InvalidOperationException("Set Internet first."), disposeHandler: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.UserAgent.ParseAdd("TwilioProxy/1.1");
        if (signingToken is not null)
        {
            request.Headers.Add("X-Twilio-Signature", Sign(signingToken, url, form));
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>
    /// Twilio's signature, written here from Twilio's description rather than taken from the library the server checks
    /// it with: Base64(HMAC-SHA1(AuthToken, the URL + each POST parameter's name and value, names in ordinal order)).
    /// </summary>
    private static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    private static List<KeyValuePair<string, string>> CallParameters(TwilioRequest call, string status) =>
    [
        new("AccountSid", AccountSid),
        new("ApiVersion", "2010-04-01"),
        new("CallSid", call.Sid!),
        new("CallStatus", status),
        new("Called", call.Form["To"]),
        new("Caller", call.Form["From"]),
        new("Direction", "outbound-api"),
        new("From", call.Form["From"]),
        new("To", call.Form["To"]),
    ];

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var match = ResourcePath().Match(request.Path.Value ?? string.Empty);
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var received = new TwilioRequest(
            request.Method,
            request.Path.Value ?? string.Empty,
            match.Success ? match.Groups["resource"].Value : string.Empty,
            request.Headers.Authorization.ToString(),
            request.ContentType ?? string.Empty,
            form?.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal) ?? [],
            form?.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty))).ToList() ?? []);

        var (status, json) = Answer(received, match);
        if (status == HttpStatusCode.Created)
        {
            received = received with { Sid = json["sid"]!.GetValue<string>() };
        }

        _requests.Enqueue(received);
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json.ToJsonString());
    }

    private (HttpStatusCode, JsonObject) Answer(TwilioRequest request, Match match)
    {
        if (request.Method != "POST" || !match.Success || match.Groups["account"].Value != AccountSid)
        {
            return Error(HttpStatusCode.NotFound, 20404, $"The requested resource {request.Path} was not found");
        }

        if (!Authenticated(request.Authorization))
        {
            return Error(HttpStatusCode.Unauthorized, 20003, "Authenticate");
        }

        var messages = request.Resource == "Messages";
        if (!request.ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return messages ? Error(HttpStatusCode.BadRequest, 21604, "A 'To' phone number is required.") : Error(HttpStatusCode.BadRequest, 21201, "No 'To' number is specified");
        }

        var problem = messages ? CheckMessage(request) : CheckCall(request);
        if (problem is { } error)
        {
            return Error(HttpStatusCode.BadRequest, error.Code, error.Message);
        }

        if (request.Form.GetValueOrDefault("To") is { } to && _refusals.TryGetValue(to, out var queue) && queue.TryDequeue(out var refusal))
        {
            return Error(refusal.Status, refusal.Code, refusal.Message);
        }

        var sid = (messages ? "SM" : "CA") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = DateTimeOffset.UtcNow.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["account_sid"] = AccountSid,
            ["api_version"] = "2010-04-01",
            ["date_created"] = now,
            ["date_updated"] = now,
            ["direction"] = "outbound-api",
            ["from"] = request.Form.GetValueOrDefault("From"),
            ["to"] = request.Form["To"],
            ["sid"] = sid,
            ["status"] = "queued",
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/{request.Resource}/{sid}.json",
        };
        if (messages)
        {
            body["body"] = request.Form["Body"];
            body["num_segments"] = "1";
            body["error_code"] = null;
            body["messaging_service_sid"] = request.Form.GetValueOrDefault("MessagingServiceSid");
        }

        return (HttpStatusCode.Created, body);
    }

    private static bool Authenticated(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
        }
        catch (FormatException)
        {
            return false;
        }

        return decoded == $"{AccountSid}:{AuthToken}" || decoded == $"{ApiKeySid}:{ApiKeySecret}";
    }

    private static (int Code, string Message)? CheckMessage(TwilioRequest request)
    {
        var form = request.Form;
        if (!form.TryGetValue("To", out var to) || to.Length == 0)
        {
            return (21604, "A 'To' phone number is required.");
        }

        if (!E164().IsMatch(to))
        {
            return (21211, $"The 'To' number {to} is not a valid phone number.");
        }

        if (string.IsNullOrEmpty(form.GetValueOrDefault("From")) && !MessagingServiceSid().IsMatch(form.GetValueOrDefault("MessagingServiceSid") ?? string.Empty))
        {
            return (21603, "A 'From' phone number is required.");
        }

        if (form.GetValueOrDefault("From") is { Length: > 0 } from && !E164().IsMatch(from))
        {
            return (21212, $"The 'From' number {from} is not a valid phone number.");
        }

        if (string.IsNullOrEmpty(form.GetValueOrDefault("Body")))
        {
            return (21602, "Message body is required.");
        }

        if (form["Body"].Length > 1600)
        {
            return (21617, "The concatenated message body exceeds the 1600 character limit.");
        }

        return CheckCallbackUrl(form, "StatusCallback", required: true);
    }

    private static (int Code, string Message)? CheckCall(TwilioRequest request)
    {
        var form = request.Form;
        if (!form.TryGetValue("To", out var to) || !E164().IsMatch(to))
        {
            return (21201, "No 'To' number is specified");
        }

        if (!form.TryGetValue("From", out var from) || !E164().IsMatch(from))
        {
            return (21213, "No 'From' number is specified");
        }

        if (new[] { "Url", "Twiml", "ApplicationSid" }.Count(form.ContainsKey) != 1)
        {
            return (21205, "Exactly one of Url, Twiml or ApplicationSid is required");
        }

        if (CheckCallbackUrl(form, "Url", required: true) is { } badUrl)
        {
            return (21205, badUrl.Message);
        }

        if (form.GetValueOrDefault("Method") is { } method && method is not ("GET" or "POST"))
        {
            return (21205, "Method must be GET or POST");
        }

        if (request.Pairs.Where(p => p.Key == "StatusCallbackEvent").Any(p => p.Value is not ("initiated" or "ringing" or "answered" or "completed")))
        {
            return (21626, "Invalid 'StatusCallbackEvent'");
        }

        if (form.GetValueOrDefault("Timeout") is { } timeout && (!int.TryParse(timeout, out var seconds) || seconds is < 1 or > 600))
        {
            return (21205, "Timeout must be 1-600");
        }

        return CheckCallbackUrl(form, "StatusCallback", required: true);
    }

    private static (int Code, string Message)? CheckCallbackUrl(IReadOnlyDictionary<string, string> form, string name, bool required)
    {
        if (!form.TryGetValue(name, out var value))
        {
            return required ? (21609, $"{name} is required by this server's contract") : null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http")
            && !uri.Host.Contains('_', StringComparison.Ordinal) && value.Length <= 4000
            ? null
            : (21609, $"Invalid {name} URL");
    }

    private static (HttpStatusCode, JsonObject) Error(HttpStatusCode status, int code, string message) =>
        (status, new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
            ["status"] = (int)status,
        });

    [GeneratedRegex(@"^/2010-04-01/Accounts/(?<account>[^/]+)/(?<resource>Messages|Calls)\.json$")]
    private static partial Regex ResourcePath();

    [GeneratedRegex(@"^\+[1-9]\d{1,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex MessagingServiceSid();
}

/// <summary>One request Twilio's API received; <see cref="Sid"/> is set when it was accepted.</summary>
public sealed record TwilioRequest(
    string Method,
    string Path,
    string Resource,
    string Authorization,
    string ContentType,
    IReadOnlyDictionary<string, string> Form,
    IReadOnlyList<KeyValuePair<string, string>> Pairs)
{
    public string? Sid { get; init; }

    /// <summary>The Basic-auth user name (the Account SID or the API key SID).</summary>
    public string User => Encoding.UTF8.GetString(Convert.FromBase64String(Authorization["Basic ".Length..])).Split(':')[0];
}
