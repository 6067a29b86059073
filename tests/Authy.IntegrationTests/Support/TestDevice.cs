using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Authy.Application.Messaging;

namespace Authy.IntegrationTests.Support;

/// <summary>
/// An authenticator as the device API expects one: a P-256 key pair and ES256 tokens signed with it, talking to a server
/// through <paramref name="createClient"/> and dating its tokens by <paramref name="clock"/> (the server's clock).
/// </summary>
public sealed partial class TestDevice(Func<HttpClient> createClient, TimeProvider clock, ECDsa key) : IDisposable
{
    /// <summary>A device of the in-process server <paramref name="factory"/>, on its fake clock.</summary>
    public TestDevice(AuthyApiFactory factory, ECDsa key)
        : this(factory.CreateClient, factory.Clock, key)
    {
    }

    public long DeviceId { get; private set; }

    public long AuthyId { get; private set; }

    public ECDsa Key { get; } = key;

    /// <summary>
    /// Registers a new device for <paramref name="phone"/>, reading the code from the delivered SMS — on any of
    /// <paramref name="deliveringNodes"/> when several servers share one outbox (default: this factory).
    /// </summary>
    public static Task<TestDevice> RegisterAsync(AuthyApiFactory factory, TestPhone phone, string osType = "web", params AuthyApiFactory[] deliveringNodes) =>
        RegisterAsync(
            factory.CreateClient,
            factory.Clock,
            phone,
            () => deliveringNodes.Length == 0
                ? ReadRegistrationCodeAsync(factory, phone)
                : Task.WhenAny(deliveringNodes.Select(node => ReadRegistrationCodeAsync(node, phone))).Unwrap(),
            osType);

    /// <summary>Registers a new device for <paramref name="phone"/> on any server, with the code <paramref name="readCode"/> finds.</summary>
    public static async Task<TestDevice> RegisterAsync(Func<HttpClient> createClient, TimeProvider clock, TestPhone phone, Func<Task<string>> readCode, string osType = "web")
    {
        var device = new TestDevice(createClient, clock, ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var registrationId = await StartAsync(createClient, phone);
        var code = await readCode();
        var completed = await createClient().PostAsJsonAsync(
            $"/device/v1/registrations/{registrationId}/complete",
            new { code, name = "Test device", os_type = osType, public_key = device.Jwk() },
            TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await completed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        completed.EnsureSuccessStatusCode();
        device.DeviceId = body["device_id"]!.GetValue<long>();
        device.AuthyId = body["authy_id"]!.GetValue<long>();
        return device;
    }

    public static Task<string> StartAsync(AuthyApiFactory factory, TestPhone phone, string via = "sms") =>
        StartAsync(factory.CreateClient, phone, via);

    /// <summary>The 6-digit registration code in a message text, if it has one.</summary>
    public static string? RegistrationCode(string text) => SixDigits().Match(text) is { Success: true } match ? match.Value : null;

    private static async Task<string> StartAsync(Func<HttpClient> createClient, TestPhone phone, string via = "sms")
    {
        var response = await createClient().PostAsJsonAsync(
            "/device/v1/registrations",
            new { country_code = phone.CountryCode, phone_number = phone.National, via },
            TestContext.Current.CancellationToken);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        response.EnsureSuccessStatusCode();
        return body["registration_id"]!.GetValue<string>();
    }

    public static async Task<string> ReadRegistrationCodeAsync(AuthyApiFactory factory, TestPhone phone, int skip = 0)
    {
        var sms = await factory.Senders.WaitForAsync<SmsMessage>(m => m.To == phone.E164 && SixDigits().IsMatch(m.Text), skip);
        return SixDigits().Match(sms.Text).Value;
    }

    public object Jwk()
    {
        var parameters = Key.ExportParameters(includePrivateParameters: false);
        return new { kty = "EC", crv = "P-256", x = Base64Url(parameters.Q.X!), y = Base64Url(parameters.Q.Y!) };
    }

    /// <summary>A fresh ES256 token; every part can be bent to test refusals.</summary>
    public string Token(DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null, string? tokenId = null, string alg = "ES256", long? subject = null, ECDsa? signWith = null)
    {
        var iat = issuedAt ?? clock.GetUtcNow();
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg, typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            sub = (subject ?? DeviceId).ToString(System.Globalization.CultureInfo.InvariantCulture),
            iat = iat.ToUnixTimeSeconds(),
            exp = (iat + (lifetime ?? TimeSpan.FromMinutes(2))).ToUnixTimeSeconds(),
            jti = tokenId ?? Guid.NewGuid().ToString("N"),
        }));
        var signature = (signWith ?? Key).SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return header + "." + payload + "." + Base64Url(signature);
    }

    public Task<ApiResponse> GetAsync(string path, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token());
        return createClient().SendApiAsync(request);
    }

    /// <summary>The device's decision on an approval request, signed as the device API requires.</summary>
    public object Decision(string uuid, string status, long? signedAt = null, ECDsa? signWith = null)
    {
        var at = signedAt ?? clock.GetUtcNow().ToUnixTimeSeconds();
        var text = Encoding.UTF8.GetBytes($"{uuid}|{status}|{at}");
        var signature = (signWith ?? Key).SignData(text, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new { status, signed_at = at, signature = Base64Url(signature) };
    }

    public Task<ApiResponse> PostAsync(string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        return createClient().SendApiAsync(request);
    }

    public Task<ApiResponse> DeleteAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token());
        return createClient().SendApiAsync(request);
    }

    public void Dispose() => Key.Dispose();

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
