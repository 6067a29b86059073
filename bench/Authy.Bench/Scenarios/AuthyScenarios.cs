using System.Globalization;
using System.Text.Json;
using Authy.Bench.Load;

namespace Authy.Bench.Scenarios;

/// <summary>Users taken in turn, in a scattered order, so load spreads over the whole table and its per-user limits.</summary>
public sealed class UserPool(IReadOnlyList<long> userIds)
{
    private readonly long[] _ids = [.. userIds];
    private readonly long _stride = userIds.Count > 7919 && userIds.Count % 7919 != 0 ? 7919 : 1;
    private long _next = -1;

    public int Count => _ids.Length;

    public long Next() => _ids[(int)((Interlocked.Increment(ref _next) * _stride) % _ids.Length)];
}

/// <summary>The requests the server is measured with, each as an official Authy client sends it.</summary>
public static class AuthyScenarios
{
    public const string ApiKeyHeader = "X-Authy-API-Key";

    private static HttpRequestMessage Get(string path, string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ApiKeyHeader, apiKey);
        return request;
    }

    private static HttpRequestMessage PostForm(string path, string apiKey, IEnumerable<KeyValuePair<string, string>> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(ApiKeyHeader, apiKey);
        return request;
    }

    /// <summary>GET verify/{token}/{id} with a valid, unused 7-digit code: the success path, which ends in a write.</summary>
    public sealed class Verify(string apiKey, TotpTickets tickets) : IScenario
    {
        public string Name => "verify";

        public async Task RunOnceAsync(Probe probe, CancellationToken cancellationToken)
        {
            if (!tickets.TryNext(out var authyId, out var code))
            {
                probe.Skip(Name, "no-unused-code");
                await Task.Delay(10, cancellationToken);
                return;
            }

            await probe.SendAsync(Name, Get(Invariant($"/protected/json/verify/{code}/{authyId}"), apiKey), readBody: false, cancellationToken);
        }
    }

    /// <summary>GET sms/{id} for users without an authenticator: checks the limits and queues an SMS in the outbox.</summary>
    public sealed class Sms(string apiKey, UserPool users) : IScenario
    {
        public string Name => "sms";

        public Task RunOnceAsync(Probe probe, CancellationToken cancellationToken) =>
            probe.SendAsync(Name, Get(Invariant($"/protected/json/sms/{users.Next()}"), apiKey), readBody: false, cancellationToken);
    }

    /// <summary>POST users/new with a phone number never registered before: a new user and a new membership.</summary>
    public sealed class UsersNew(string apiKey, int firstNumber) : IScenario
    {
        private long _next = firstNumber - 1;

        public string Name => "users/new";

        public Task RunOnceAsync(Probe probe, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _next);
            var form = new Dictionary<string, string>
            {
                ["user[email]"] = Invariant($"bench{n}@example.com"),
                ["user[cellphone]"] = BenchPhones.NewUser(n),
                ["user[country_code]"] = "1",
            };
            return probe.SendAsync(Name, PostForm("/protected/json/users/new", apiKey, form), readBody: false, cancellationToken);
        }
    }

    /// <summary>POST a OneTouch approval request for a user with a device, then GET its status.</summary>
    public sealed class OneTouch(string apiKey, UserPool users) : IScenario
    {
        public const string Create = "onetouch create";
        public const string Status = "onetouch status";

        private static readonly KeyValuePair<string, string>[] Form =
        [
            new("message", "Sign in to Bench"),
            new("details[Account]", "bench@example.com"),
            new("details[Location]", "127.0.0.1"),
            new("seconds_to_expire", "600"),
        ];

        public string Name => "onetouch";

        public async Task RunOnceAsync(Probe probe, CancellationToken cancellationToken)
        {
            var created = await probe.SendAsync(Create, PostForm(Invariant($"/onetouch/json/users/{users.Next()}/approval_requests"), apiKey, Form), readBody: true, cancellationToken);
            if (!created.IsSuccess || created.Body is null)
            {
                return;
            }

            using var json = JsonDocument.Parse(created.Body);
            var uuid = json.RootElement.GetProperty("approval_request").GetProperty("uuid").GetString();
            await probe.SendAsync(Status, Get("/onetouch/json/approval_requests/" + uuid, apiKey), readBody: false, cancellationToken);
        }
    }

    /// <summary>GET a path of the floor app: the bare endpoint, or the one with one read and one write.</summary>
    public sealed class Floor(string name, string path) : IScenario
    {
        public string Name => name;

        public Task RunOnceAsync(Probe probe, CancellationToken cancellationToken) =>
            probe.SendAsync(Name, new HttpRequestMessage(HttpMethod.Get, path), readBody: false, cancellationToken);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
