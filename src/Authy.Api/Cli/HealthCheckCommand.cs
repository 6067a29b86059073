namespace Authy.Api.Cli;

/// <summary>
/// <c>healthcheck</c>: GETs the running server's readiness endpoint and exits 0 when it answers 2xx, 1 otherwise.
/// The container image has no curl or wget, so its HEALTHCHECK runs the server binary with this verb.
/// </summary>
internal static class HealthCheckCommand
{
    public const string DefaultUrl = "http://localhost:8080/health/ready";

    public static async Task<int> RunAsync(string? url, TextWriter output, CancellationToken cancellationToken)
    {
        url ??= DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            await output.WriteLineAsync($"healthcheck needs an absolute http(s) --url, not \"{url}\".");
            return 2;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            await output.WriteLineAsync($"{uri}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{uri}: {e.Message}");
            return 1;
        }
    }
}
