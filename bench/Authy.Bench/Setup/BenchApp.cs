using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Authy.Application.Abstractions;
using Authy.Application.Messaging;
using Authy.Application.Otp;
using Authy.Bench.Scenarios;
using Authy.Infrastructure.Secrets;
using Npgsql;

namespace Authy.Bench.Setup;

/// <summary>The application and the template user the bench clones, made through the server's own CLI and API.</summary>
/// <param name="AppId">The application's id.</param>
/// <param name="ApiKey">Its API key.</param>
/// <param name="Seed">The TOTP seed the server gave the template member, read back through the device API.</param>
/// <param name="TemplateMemberId">The template member's app_users row (with a device), which the seeding copies.</param>
/// <param name="TemplateDeviceId">The template device's row.</param>
public sealed record BenchApp(int AppId, string ApiKey, byte[] Seed, long TemplateMemberId, long TemplateDeviceId);

public static partial class BenchAppSetup
{
    /// <summary>Runs an operator command (<c>migrate</c>, <c>apps create</c>…) of the published server and returns its output.</summary>
    public static async Task<string> RunCliAsync(string serverDll, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        startInfo.ArgumentList.Add(serverDll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start dotnet.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', arguments)}' exited with {process.ExitCode}:\n{await stdout}{await stderr}");
        }

        return await stdout;
    }

    /// <summary><c>apps create</c>: the new application's id and API key, parsed from the command's output.</summary>
    public static async Task<(int AppId, string ApiKey)> CreateAppAsync(string serverDll, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var output = await RunCliAsync(serverDll, environment, cancellationToken, "apps", "create", "--name", "Bench");
        var appId = AppIdLine().Match(output);
        var apiKey = ApiKeyLine().Match(output);
        if (!appId.Success || !apiKey.Success)
        {
            throw new InvalidOperationException("apps create printed no app_id or API key:\n" + output);
        }

        return (int.Parse(appId.Groups[1].Value, CultureInfo.InvariantCulture), apiKey.Groups[1].Value);
    }

    /// <summary>
    /// Registers the template user through users/new with an authenticator registered through the device API (its
    /// code read from the outbox with the master key), reads the user's seed back through the device API, and proves
    /// the seed by verifying one code. Every other bench user is a copy of this one, seed included.
    /// </summary>
    public static async Task<BenchApp> CreateTemplateAsync(HttpClient http, BenchDatabase database, string databaseName, int appId, string apiKey, byte[] masterKey, CancellationToken cancellationToken)
    {
        var withDevice = await RegisterUserAsync(http, apiKey, BenchPhones.Template, cancellationToken);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var started = await http.PostAsJsonAsync(
            "/device/v1/registrations",
            new { country_code = "1", phone_number = BenchPhones.Template, via = "sms" },
            cancellationToken);
        var registrationId = (await ReadJsonAsync(started, cancellationToken))["registration_id"]!.GetValue<string>();
        var code = await ReadRegistrationCodeAsync(database.ConnectionStringFor(databaseName), masterKey, "+1" + BenchPhones.Template, cancellationToken);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var completed = await http.PostAsJsonAsync(
            $"/device/v1/registrations/{registrationId}/complete",
            new
            {
                code,
                name = "Bench phone",
                os_type = "android",
                public_key = new { kty = "EC", crv = "P-256", x = Base64Url(parameters.Q.X!), y = Base64Url(parameters.Q.Y!) },
            },
            cancellationToken);
        var deviceId = (await ReadJsonAsync(completed, cancellationToken))["device_id"]!.GetValue<long>();

        using var tokensRequest = new HttpRequestMessage(HttpMethod.Get, "/device/v1/tokens");
        tokensRequest.Headers.Authorization = new("Bearer", DeviceToken(key, deviceId));
        var tokens = await ReadJsonAsync(await http.SendAsync(tokensRequest, cancellationToken), cancellationToken);
        var secret = tokens["tokens"]!.AsArray().Single(t => t!["app_id"]!.GetValue<int>() == appId)!["secret"]!.GetValue<string>();
        var seed = OtpSecret.FromBase32(secret);

        // The seed must produce codes the server accepts, or every verify of the run would fail.
        var proof = Totp.ComputeAt(seed, DateTimeOffset.UtcNow, TotpParameters.Authy);
        using var verify = new HttpRequestMessage(HttpMethod.Get, $"/protected/json/verify/{proof}/{withDevice}");
        verify.Headers.Add(AuthyScenarios.ApiKeyHeader, apiKey);
        await ReadJsonAsync(await http.SendAsync(verify, cancellationToken), cancellationToken);

        await using var connection = new NpgsqlConnection(database.ConnectionStringFor(databaseName));
        await connection.OpenAsync(cancellationToken);
        // The proof used a step: forget it, so the template is as fresh as its clones.
        await using var reset = new NpgsqlCommand("UPDATE app_users SET last_accepted_step = NULL WHERE app_id = @app AND user_id = @user RETURNING id", connection);
        reset.Parameters.AddWithValue("app", appId);
        reset.Parameters.AddWithValue("user", withDevice);
        var memberId = (long)(await reset.ExecuteScalarAsync(cancellationToken))!;
        return new BenchApp(appId, apiKey, seed, memberId, deviceId);
    }

    private static async Task<long> RegisterUserAsync(HttpClient http, string apiKey, string cellphone, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/protected/json/users/new")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["user[email]"] = $"template{cellphone}@example.com",
                ["user[cellphone]"] = cellphone,
                ["user[country_code]"] = "1",
            }),
        };
        request.Headers.Add(AuthyScenarios.ApiKeyHeader, apiKey);
        var body = await ReadJsonAsync(await http.SendAsync(request, cancellationToken), cancellationToken);
        return body["user"]!["id"]!.GetValue<long>();
    }

    /// <summary>The 6-digit code of the newest SMS to <paramref name="e164"/>, decrypted as the dispatcher would.</summary>
    private static async Task<string> ReadRegistrationCodeAsync(string connectionString, byte[] masterKey, string e164, CancellationToken cancellationToken)
    {
        var protector = new AesGcmSecretProtector(masterKey, []);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT payload FROM outbox_messages WHERE channel = 'Sms' ORDER BY created_at DESC LIMIT 20", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var sms = OutboxPayloads.Deserialize<SmsMessage>(protector.Unprotect((byte[])reader[0], SecretPurposes.OutboxPayload));
            if (sms.To == e164 && SixDigits().Match(sms.Text) is { Success: true } match)
            {
                return match.Value;
            }
        }

        throw new InvalidOperationException("No registration SMS to the template phone was found in the outbox.");
    }

    /// <summary>An ES256 device token (see docs/api.md): sub = device id, two minutes long, a fresh jti.</summary>
    private static string DeviceToken(ECDsa key, long deviceId)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "ES256", typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            sub = deviceId.ToString(CultureInfo.InvariantCulture),
            iat = now,
            exp = now + 120,
            jti = Guid.NewGuid().ToString("N"),
        }));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return header + "." + payload + "." + Base64Url(signature);
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {text}");
            }

            return JsonNode.Parse(text)!;
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex(@"app_id:\s+(\d+)")]
    private static partial Regex AppIdLine();

    [GeneratedRegex(@"API key:\s+(\S+)")]
    private static partial Regex ApiKeyLine();

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
