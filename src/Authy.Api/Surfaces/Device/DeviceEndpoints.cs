using System.Text.Json;
using Authy.Api.Http;
using Authy.Application.Delivery;
using Authy.Application.Devices;
using Authy.Application.Observability;
using Authy.Application.OneTouch;

namespace Authy.Api.Surfaces.Device;

/// <summary>
/// The device API (ours; the Authy app's own protocol is private): register an authenticator by proving the phone,
/// then read its tokens and events with ES256-signed device tokens. docs/api.md is the reference.
/// </summary>
internal static class DeviceEndpoints
{
    // Proxies commonly drop connections idle for 30–60 s.
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    // The same 64 KiB as every Authy route (the parameter bag's limit); a device's largest body is well under 1 KiB.
    private static readonly BodyLimit BodyLimit = new(BodyLimit.DefaultMaxBytes, static () => DeviceProblems.BodyTooLarge);

    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/device/v1").WithGroupName(DeviceOpenApi.DocumentName).WithTags("Devices").WithMetadata(BodyLimit).DisableAntiforgery();
        open.MapPost("/registrations", StartRegistration)
            .WithName(nameof(StartRegistration))
            .WithSummary("Start registering a device")
            .WithDescription("Sends a 6-digit code to the phone by SMS or call (valid 10 minutes). No API key is needed, so the send passes the server's send guard with the limits for unauthenticated requests: per phone, per number and prefix, per client address, and the server's allowed countries and channels (403). A 429 carries `Retry-After`. Complete the registration with that code and the device's public key.")
            .Produces<RegistrationStartedResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        open.MapPost("/registrations/{registrationId:guid}/complete", CompleteRegistration)
            .WithName(nameof(CompleteRegistration))
            .WithSummary("Complete a device registration")
            .WithDescription("Proves the phone with the code and records the device's P-256 public key (JWK). Afterwards the device authenticates with ES256 tokens signed by the matching private key.")
            .Produces<DeviceRegisteredResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var device = app.MapGroup("/device/v1")
            .WithGroupName(DeviceOpenApi.DocumentName)
            .WithTags("Devices")
            .WithMetadata(BodyLimit)
            .RequireAuthorization(DevicePolicies.Device)
            .AddOpenApiOperationTransformer(DeviceOpenApi.RequireDeviceToken);
        device.MapGet("/device", GetDevice)
            .WithName(nameof(GetDevice))
            .WithSummary("This device")
            .WithDescription("The authenticated device: ids, name, OS type, masked phone.")
            .Produces<DeviceResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        device.MapGet("/tokens", ListTokens)
            .WithName(nameof(ListTokens))
            .WithSummary("Tokens to show")
            .WithDescription("One token per application the user belongs to that allows token sync (7 digits, the Authy period, SHA-1), with the server's time so the device can correct its clock. `secret` is sent once per `seed_version`: on the first sync and after a rotation; otherwise it is null and the device uses the secret it stored.")
            .Produces<TokensResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        device.MapGet("/events", StreamEvents)
            .WithName(nameof(StreamEvents))
            .WithSummary("Events for this device (Server-Sent Events)")
            .WithDescription("A text/event-stream of events (`token_requested`, `approval_request`, `tokens_changed`, `device_added`). Resume after a drop with `Last-Event-ID` (or `last_event_id`); stored events since then come first. Accepts the device token as `access_token` in the query too, for EventSource.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        device.MapGet("/approval_requests", ListApprovalRequests)
            .WithName(nameof(ListApprovalRequests))
            .WithSummary("Pending OneTouch requests")
            .WithDescription("The user's pending, unexpired approval requests, oldest first. Hidden details are never sent to devices.")
            .Produces<ApprovalRequestsResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        device.MapPost("/approval_requests/{uuid:guid}/decision", DecideApprovalRequest)
            .WithName(nameof(DecideApprovalRequest))
            .WithSummary("Approve or deny a OneTouch request")
            .WithDescription("`status` approved or denied, `signed_at` unix seconds, `signature` the device's ES256 signature (raw r||s, base64url) over `uuid|status|signed_at`. Accepted once, while pending and unexpired, from a device of the request's user; the signature is kept.")
            .Produces<DecisionResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        device.MapDelete("/device", RemoveDevice)
            .WithName(nameof(RemoveDevice))
            .WithSummary("Remove this device")
            .WithDescription("Deletes the device and its key, and replaces every seed the device was handed, so its codes stop verifying; the user's other devices get `tokens_changed`. SMS and calls go to the phone again.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    internal static async Task<IResult> StartRegistration(
        StartRegistrationRequest request, HttpContext context, StartDeviceRegistration startDeviceRegistration, CancellationToken cancellationToken)
    {
        // Parsed here, in the order the API has always checked them: the channel, then the number.
        var channel = PhoneChannels.ParseVia(request.Via);
        if (!channel.IsSuccess)
        {
            return DeviceProblems.From(channel.Failure!);
        }

        var phone = StartDeviceRegistration.ParsePhone(Text(request.CountryCode), request.PhoneNumber);
        if (!phone.IsSuccess)
        {
            return DeviceProblems.From(phone.Failure!);
        }

        var command = new StartDeviceRegistrationCommand(phone.Value, channel.Value, request.Locale, context.Connection.RemoteIpAddress);
        var outcome = await startDeviceRegistration.ExecuteAsync(command, cancellationToken);
        return outcome.IsSuccess
            ? TypedResults.Created((string?)null, new RegistrationStartedResponse(outcome.Value.RegistrationId, outcome.Value.ExpiresIn, outcome.Value.Via, outcome.Value.Cellphone))
            : DeviceProblems.From(outcome.Failure!);
    }

    internal static async Task<IResult> CompleteRegistration(Guid registrationId, CompleteRegistrationRequest request, CompleteDeviceRegistration completeDeviceRegistration, CancellationToken cancellationToken)
    {
        var command = new CompleteDeviceRegistrationCommand(registrationId, request.Code, request.Name, request.OsType, request.PublicKey);
        var outcome = await completeDeviceRegistration.ExecuteAsync(command, cancellationToken);
        return outcome.IsSuccess
            ? TypedResults.Created((string?)null, new DeviceRegisteredResponse(outcome.Value.DeviceId, outcome.Value.AuthyId))
            : DeviceProblems.From(outcome.Failure!);
    }

    internal static async Task<IResult> GetDevice(HttpContext context, DeviceQueries deviceQueries, CancellationToken cancellationToken)
    {
        var info = await deviceQueries.GetAsync(Device(context), cancellationToken);
        return info is null
            ? DeviceProblems.TokenInvalid
            : TypedResults.Ok(new DeviceResponse(info.DeviceId, info.AuthyId, info.Name, info.OsType, info.Cellphone, info.CreatedAt));
    }

    internal static async Task<IResult> ListTokens(HttpContext context, DeviceQueries deviceQueries, TimeProvider time, CancellationToken cancellationToken)
    {
        var tokens = await deviceQueries.ListTokensAsync(Device(context), cancellationToken);
        return tokens is null
            ? DeviceProblems.TokenInvalid // removed since its token was checked
            : TypedResults.Ok(new TokensResponse(tokens, time.GetUtcNow().ToUnixTimeSeconds()));
    }

    internal static Task StreamEvents(HttpContext context, IDeviceEvents deviceEvents, CancellationToken cancellationToken) =>
        ServerSentEvents.StreamAsync(
            context,
            deviceEvents.SubscribeAsync(Device(context).DeviceId, ServerSentEvents.LastEventId(context.Request), cancellationToken),
            KeepAlive,
            cancellationToken);

    internal static async Task<IResult> ListApprovalRequests(HttpContext context, DeviceApprovals deviceApprovals, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ApprovalRequestsResponse(await deviceApprovals.ListPendingAsync(Device(context), cancellationToken)));

    internal static async Task<IResult> DecideApprovalRequest(Guid uuid, DecisionRequest request, HttpContext context, DeviceApprovals deviceApprovals, CancellationToken cancellationToken)
    {
        var outcome = await deviceApprovals.DecideAsync(Device(context), uuid, new ApprovalDecision(request.Status, request.SignedAt, request.Signature), cancellationToken);
        if (!outcome.IsSuccess)
        {
            return DeviceProblems.From(outcome.Failure!);
        }

        var status = outcome.Value.ToString().ToLowerInvariant();
        AuthyMetrics.Approval(status);
        return TypedResults.Ok(new DecisionResponse(uuid, status));
    }

    internal static async Task<IResult> RemoveDevice(HttpContext context, Application.Devices.RemoveDevice removeDevice, CancellationToken cancellationToken)
    {
        await removeDevice.ExecuteAsync(Device(context), cancellationToken);
        return TypedResults.NoContent();
    }

    private static AuthenticatedDevice Device(HttpContext context) =>
        context.Features.Get<AuthenticatedDevice>() ?? throw new InvalidOperationException("A device endpoint ran without device authentication.");

    // country_code arrives as a JSON number or a string.
    private static string? Text(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        _ => null,
    };
}

internal static class DevicePolicies
{
    public const string Device = "Device";
}

internal sealed record StartRegistrationRequest(JsonElement? CountryCode, string? PhoneNumber, string? Via, string? Locale);

internal sealed record RegistrationStartedResponse(Guid RegistrationId, int ExpiresIn, string Via, string Cellphone);

internal sealed record CompleteRegistrationRequest(string? Code, string? Name, string? OsType, DevicePublicKey? PublicKey);

internal sealed record DeviceRegisteredResponse(long DeviceId, long AuthyId);

internal sealed record DeviceResponse(long DeviceId, long AuthyId, string Name, string OsType, string Cellphone, DateTimeOffset CreatedAt);

internal sealed record TokensResponse(IReadOnlyList<SyncedToken> Tokens, long ServerTime);

internal sealed record ApprovalRequestsResponse(IReadOnlyList<DeviceApprovalView> ApprovalRequests);

internal sealed record DecisionRequest(string? Status, long SignedAt, string? Signature);

internal sealed record DecisionResponse(Guid Uuid, string Status);
