using System.Globalization;
using Authy.Api.Cli;
using Authy.Api.Endpoints;
using Authy.Api.Http;
using Authy.Api.Surfaces.Authy;
using Authy.Api.Surfaces.Authy.OpenApi;
using Authy.Api.Surfaces.Device;
using Authy.Api.Surfaces.Verify;
using Authy.Application.Apps;
using Authy.Application.Observability;
using Authy.Application.Verify.Accounts;
using Authy.Infrastructure.Messaging.Twilio;
using Authy.Infrastructure.Persistence;
using Authy.Infrastructure.Secrets;
using Microsoft.AspNetCore.Authentication;
using Prometheus;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Authy.Api;

/// <summary>The host's composition, in the order Program.cs reads it.</summary>
internal static class ApiComposition
{
    internal const string TextLogTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {CorrelationId}{NewLine}{Exception}";

    private enum ConsoleLogFormat
    {
        Json,
        Text,
        None,
    }

    /// <summary>
    /// Serilog from the <c>Serilog</c> configuration section, plus the console in <c>Serilog:ConsoleFormat</c>: <c>Json</c>
    /// (the default: one compact JSON object per line, for log shippers), <c>Text</c> (Development's default) or
    /// <c>None</c>. Paths are logged with codes redacted; no keys, codes or full phones are logged.
    /// </summary>
    public static WebApplicationBuilder AddAuthyLogging(this WebApplicationBuilder builder)
    {
        var consoleFormat = builder.Configuration.GetValue("Serilog:ConsoleFormat", ConsoleLogFormat.Json);
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger
                    .ReadFrom.Configuration(builder.Configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    .Enrich.With<CorrelationIdEnricher>();
                // Through a queue and one writer thread: the console sink writes each line under a lock, with a system
                // call, which on the request path was the server's most contended lock under load. A full queue
                // (10,000 lines) makes requests wait rather than lose lines; the queue is flushed at shutdown.
                _ = consoleFormat switch
                {
                    ConsoleLogFormat.Json => logger.WriteTo.Async(sink => sink.Console(new RenderedCompactJsonFormatter()), blockWhenFull: true),
                    ConsoleLogFormat.Text => logger.WriteTo.Async(
                        sink => sink.EscapingControlCharacters(
                            escaped => escaped.Console(outputTemplate: TextLogTemplate, formatProvider: CultureInfo.InvariantCulture)),
                        blockWhenFull: true),
                    _ => logger,
                };
            },
            preserveStaticLogger: true);
        return builder;
    }

    public static WebApplicationBuilder AddAuthyApi(this WebApplicationBuilder builder, bool startsServer)
    {
        // /metrics publishes this server's own meter only: other libraries' meters label series with connection
        // details (Npgsql names each pool by its connection string).
        Metrics.ConfigureMeterAdapter(options => options.InstrumentFilterPredicate = instrument => instrument.Meter.Name == AuthyMetrics.MeterName);
        builder.Services.AddProblemDetails();
        // The wire surfaces that answer requests no route matched, by path (each route group names its own).
        builder.Services.AddSingleton<IWireSurface>(AuthySurface.Instance);
        builder.Services.AddSingleton<IWireSurface>(VerifySurface.Instance);
        builder.Services.AddTrustedProxies();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, DeviceTokenAuthenticationHandler>(DeviceTokenAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, DashboardAuthenticationHandler>(DashboardAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, VerifyBasicAuthenticationHandler>(VerifyBasicAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthyPolicies.ApiKey, policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(DevicePolicies.Device, policy => policy
                .AddAuthenticationSchemes(DeviceTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(DashboardPolicies.Dashboard, policy => policy
                .AddAuthenticationSchemes(DashboardAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser())
            .AddPolicy(VerifyPolicies.Basic, policy => policy
                .AddAuthenticationSchemes(VerifyBasicAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser());
        builder.Services.AddAuthyOpenApi();
        builder.Services.AddDeviceOpenApi();
        PublicUrlOptions.Register(builder.Services, builder.Configuration);
        builder.Services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = AuthyWire.JsonOptions.PropertyNamingPolicy;
            options.SerializerOptions.Encoder = AuthyWire.JsonOptions.Encoder;
        });
        if (!startsServer)
        {
            // CLI commands share the services but must not start background work against the database.
            builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = false);
        }
        else
        {
            MetricsAccess.AddMetricsPort(builder, builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new());
        }

        return builder;
    }

    /// <summary>
    /// Applies migrations when configured (always on the embedded default), checks the master key against the database
    /// and, on the embedded default with no application (or no Verify account) yet, creates "Demo" and prints its key
    /// (or its Account SID and auth token) once — to the console, not the log.
    /// </summary>
    public static async Task PrepareStorageAsync(this WebApplication app, TextWriter console)
    {
        var database = app.Services.GetRequiredService<ResolvedDatabase>();
        await using var scope = app.Services.CreateAsyncScope();
        if (database.ApplyMigrationsOnStartup)
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        // Before anything is read or written: a wrong master key stops the start here (MasterKeyMismatchException).
        await scope.ServiceProvider.GetRequiredService<MasterKeyCheck>().EnsureAsync(CancellationToken.None);

        if (database.IsEmbeddedDefault)
        {
            var demo = await scope.ServiceProvider.GetRequiredService<ManageApps>().EnsureDemoAppAsync(CancellationToken.None);
            if (demo is not null)
            {
                await console.WriteLineAsync();
                await CliRunner.WriteKeyAsync(console, "Embedded mode: created the demo application", demo);
                var baseUrl = (app.Configuration["urls"] ?? "http://localhost:5000").Split(';')[0].TrimEnd('/');
                await console.WriteLineAsync($"  Try: curl -H 'X-Authy-API-Key: {demo.ApiKey}' -d 'user[email]=me@example.com' -d 'user[cellphone]=201-555-0123' -d 'user[country_code]=1' {baseUrl}/protected/json/users/new");
                await console.WriteLineAsync();
            }

            // The Verify v2 surface's credentials beside the Authy key: a helper library needs an Account SID and token.
            var demoAccount = await scope.ServiceProvider.GetRequiredService<ManageAccounts>().EnsureDemoAccountAsync(CancellationToken.None);
            if (demoAccount is not null)
            {
                await AccountsCommand.WriteAccountAsync(console, "Embedded mode: created the demo Verify account", demoAccount);
                await console.WriteLineAsync();
            }
        }
    }

    public static WebApplication UseAuthyPipeline(this WebApplication app)
    {
        app.UseMetricsPortIsolation();
        app.UseTrustedProxies();
        // Routing is placed here, not left to the host (which would run it first), so that //protected/… is routed
        // as /protected/….
        app.UseCollapsedLeadingSlashes();
        app.UseRouting();
        app.UseCorrelationId();
        // Request counts and durations by route template (never the raw path: it holds tokens and ids) and status.
        app.UseHttpMetrics();
        app.UseSerilogRequestLogging(options =>
        {
            // The host's logger, not the static one (which stays silent: several hosts may share a test process).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetMessageTemplateProperties = (context, _, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(RequestLogRedaction.Path(context.Request.Path))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });
        app.UseSurfaceErrorHandling();
        app.UseEventRequestContext();
        app.UseMiddleware<ParameterBagMiddleware>();
        app.UseMiddleware<BodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapAuthyEndpoints(this WebApplication app)
    {
        // The reference authenticator: static files under wwwroot/authenticator, no build step. The bare path gets a
        // redirect so the page's relative links resolve; a route would also match "/authenticator/" and loop.
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value == "/authenticator")
            {
                context.Response.Redirect(context.Request.PathBase + "/authenticator/" + context.Request.QueryString);
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = file => SecurityHeaders.ForStaticPage(file.Context.Response) });
        app.MapAuthyApi();
        app.MapDeviceEndpoints();
        app.MapOperationsEndpoints(app.Environment);
        if (TwilioProvider.IsConfigured(app.Services))
        {
            app.MapTwilioEndpoints();
        }

        app.MapAuthyMetrics();
        // prometheus-net's meter adapter drops measurements made before its first collection: collect once now, so
        // counts from the first requests are kept.
        Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null).GetAwaiter().GetResult();

        // The API's description is public in the repository, but a Production server need not advertise its routes;
        // Development keeps the UI at hand.
        if (app.Configuration.GetValue<bool?>("Swagger:Enabled") ?? app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.UseSwaggerUI(options =>
            {
                // The Authy document keeps the name it was published under (/openapi/v1.json).
                options.SwaggerEndpoint("/openapi/v1.json", "Authy-compatible API v1");
                options.SwaggerEndpoint($"/openapi/{DeviceOpenApi.DocumentName}.json", "Device API");
                options.RoutePrefix = "swagger";
                options.DocumentTitle = "Authy-compatible API";
            });
        }

        return app;
    }
}
