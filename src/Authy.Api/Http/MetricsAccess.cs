using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Prometheus;

namespace Authy.Api.Http;

/// <summary>Who may read <c>/metrics</c> (section <c>Metrics</c>).</summary>
/// <remarks>
/// The series name every route, error code and delivery outcome, which is more than the public should see. So outside
/// Development <c>/metrics</c> is not served on the public port unless it is moved to a port of its own
/// (<see cref="Port"/>), guarded by a token (<see cref="BearerToken"/>), or opened on purpose
/// (<see cref="AllowAnonymous"/>).
/// </remarks>
internal sealed class MetricsOptions : IValidatableObject
{
    public const string SectionName = "Metrics";

    /// <summary>Minimum length of <see cref="BearerToken"/>: long enough that guessing it is hopeless.</summary>
    public const int MinTokenLength = 32;

    /// <summary>
    /// A port of its own (every interface) that serves <c>/metrics</c> and nothing else; <c>/metrics</c> is then not
    /// served on the other ports. Default none.
    /// </summary>
    [Range(1, 65535)]
    public int? Port { get; set; }

    /// <summary>
    /// When set, a scrape must send <c>Authorization: Bearer {token}</c> (compared in constant time), on
    /// <see cref="Port"/> or, without one, on the public port. At least 32 characters. Default none.
    /// </summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// Serve <c>/metrics</c> on the public port to anyone when neither <see cref="Port"/> nor <see cref="BearerToken"/>
    /// is set. Default: true in Development, false otherwise.
    /// </summary>
    public bool? AllowAnonymous { get; set; }

    public string? Token => string.IsNullOrWhiteSpace(BearerToken) ? null : BearerToken.Trim();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Token is { Length: < MinTokenLength })
        {
            yield return new ValidationResult(
                $"Metrics:BearerToken must be at least {MinTokenLength} characters (e.g. `openssl rand -hex 32`).",
                [nameof(BearerToken)]);
        }
    }
}

/// <summary>Maps <c>/metrics</c> with the access <see cref="MetricsOptions"/> asks for, and binds its port.</summary>
internal static class MetricsAccess
{
    /// <summary>
    /// Adds <see cref="MetricsOptions.Port"/> to the addresses Kestrel listens on, next to the ones configured the usual
    /// way (<c>ASPNETCORE_URLS</c>, <c>--urls</c>, <c>ASPNETCORE_HTTP_PORTS</c>): Kestrel ignores those as soon as an
    /// endpoint is configured in code, so the port is appended to the list rather than listened on separately.
    /// </summary>
    public static void AddMetricsPort(WebApplicationBuilder builder, MetricsOptions options)
    {
        if (options.Port is not { } port || port is < 1 or > 65535)
        {
            return; // an invalid port fails the start through option validation
        }

        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
        {
            var fromPorts = Ports(builder.Configuration[WebHostDefaults.HttpPortsKey], "http")
                .Concat(Ports(builder.Configuration[WebHostDefaults.HttpsPortsKey], "https"))
                .ToList();
            urls = fromPorts.Count > 0 ? string.Join(';', fromPorts) : "http://localhost:5000"; // Kestrel's own default
        }

        builder.WebHost.UseUrls($"{urls.TrimEnd(';')};http://*:{port}");
    }

    /// <summary>
    /// Maps <c>/metrics</c> when some access is allowed, checking the port and token before the exporter runs. On the
    /// metrics port every other path answers 404, so the port exposes nothing but the metrics.
    /// </summary>
    public static void MapAuthyMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value;
        var anonymous = options.AllowAnonymous ?? app.Environment.IsDevelopment();
        if (options.Port is null && options.Token is null && !anonymous)
        {
            return;
        }

        var expected = options.Token is { } token ? SHA256.HashData(Encoding.UTF8.GetBytes(token)) : null;
        app.MapMetrics().Add(endpoint =>
        {
            var export = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                if (options.Port is { } port && context.Connection.LocalPort != port)
                {
                    // The Host header is the client's to set, so the port is the one the connection arrived on.
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                if (expected is not null && !HasToken(context.Request, expected))
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                return export(context);
            };
        });
    }

    /// <summary>On the metrics port, anything but the metrics endpoint is not found (before static files and routes run).</summary>
    public static WebApplication UseMetricsPortIsolation(this WebApplication app)
    {
        var port = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value.Port;
        if (port is null)
        {
            return app;
        }

        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort == port && context.Request.Path != "/metrics")
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    // Both sides hashed first: equal lengths for FixedTimeEquals, and the time taken says nothing about the token's length.
    private static bool HasToken(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => $"{scheme}://*:{p}");
}
