using System.Globalization;
using Authy.Api.Surfaces.Authy.Contracts;
using Authy.Api.Surfaces.Authy.OpenApi;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.OneTouch;
using Microsoft.OpenApi;

namespace Authy.Api.Surfaces.Authy;

/// <summary>OneTouch approval requests (spec §3.15–3.16) under <c>/onetouch/{format}</c>.</summary>
internal static class ApprovalRequestEndpoints
{
    private static readonly AuthyParameter<string?> Message = AuthyParameter.Text("message", "What the user approves (up to 200 characters).", required: true);

    private static readonly AuthyParameter<IReadOnlyDictionary<string, string>?> Details = AuthyParameter.Custom(
        AuthyParameter.InBag("details[<name>]", "Details shown to the user, e.g. `details[Amount]=10 USD`.", false, JsonSchemaType.Object),
        r => r.Parameters.GetStringMap("details"));

    private static readonly AuthyParameter<IReadOnlyDictionary<string, string>?> HiddenDetails = AuthyParameter.Custom(
        AuthyParameter.InBag("hidden_details[<name>]", "Details never shown to the user, echoed in callbacks.", false, JsonSchemaType.Object),
        r => r.Parameters.GetStringMap("hidden_details"));

    private static readonly AuthyParameter<IReadOnlyList<ApprovalLogo>?> Logos = AuthyParameter.Custom(
        AuthyParameter.InBag("logos[][res], logos[][url]", "Up to 4 logos; `res` is default, low, med or high (also `logos[0][res]` or a JSON array).", false, JsonSchemaType.Object),
        r => (IReadOnlyList<ApprovalLogo>?)r.Parameters.GetList("logos")?
            .Where(l => l.IsHash)
            .Select(l => new ApprovalLogo(l["res"]?.Value ?? string.Empty, l["url"]?.Value ?? string.Empty))
            .ToList());

    private static readonly AuthyParameter<TimeSpan> SecondsToExpire = AuthyParameter.Seconds(
        "seconds_to_expire", "Seconds until the request expires (default 86400; 0: never).", Application.OneTouch.CreateApprovalRequest.DefaultExpiry, "must be a whole number of seconds (0: never expires)");

    private static readonly AuthyParameter<string> Uuid = AuthyParameter.InPath("uuid", "The request's uuid, as create returned it.");

    public static RouteGroupBuilder MapApprovalRequestEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/users/{authyId}/approval_requests", CreateApprovalRequest)
            .WithName(nameof(CreateApprovalRequest))
            .WithTags("OneTouch")
            .WithSummary("Create a OneTouch approval request")
            .WithDescription("Pushes a request to approve or deny to every device of the user at once. Poll its status, or configure a callback URL to be told when it is approved or denied.")
            .Declares<ApprovalRequestCreatedResponse>(AuthyParameter.AuthyId, Message, Details, HiddenDetails, Logos, SecondsToExpire);

        group.MapGet("/approval_requests/{uuid}", GetApprovalRequest)
            .WithName(nameof(GetApprovalRequest))
            .WithTags("OneTouch")
            .WithSummary("Approval request status")
            .WithDescription("pending, approved, denied or expired (a pending request past its expiry reads as expired). `processed_at` is null while pending; `device` appears once answered.")
            .Declares<ApprovalRequestStatusResponse>(Uuid);
        return group;
    }

    internal static async Task<AuthyResult> CreateApprovalRequest(AuthyRequest request, CreateApprovalRequest createApprovalRequest, CancellationToken cancellationToken)
    {
        var command = new CreateApprovalRequestCommand(
            request.Get(Message), request.Get(Details), request.Get(HiddenDetails), request.Get(Logos), request.Get(SecondsToExpire));
        var id = request.Get(AuthyParameter.AuthyId);
        var outcome = await createApprovalRequest.ExecuteAsync(request.App, id, command, cancellationToken);
        return outcome.ToAuthyResult(uuid => new ApprovalRequestCreatedResponse(new ApprovalRequestUuid(uuid.ToString("D"))));
    }

    internal static async Task<AuthyResult> GetApprovalRequest(AuthyRequest request, GetApprovalRequest getApprovalRequest, CancellationToken cancellationToken)
    {
        var outcome = await getApprovalRequest.ExecuteAsync(request.App, request.Get(Uuid), cancellationToken);
        return outcome.ToAuthyResult(view => new ApprovalRequestStatusResponse(new ApprovalRequestStatusBody(
            view.AppName,
            view.AppId,
            view.AuthyId,
            OpaqueIds.Request(view.Uuid),
            view.UserEmail,
            OpaqueIds.App(view.AppId),
            Timestamp(view.CreatedAt),
            view.Notified,
            view.ProcessedAt is { } processed ? Timestamp(processed) : null,
            view.SecondsToExpire,
            view.Status.ToString().ToLowerInvariant(),
            Timestamp(view.UpdatedAt),
            OpaqueIds.User(view.AuthyId),
            view.Uuid.ToString("D"),
            view.Device is { } d
                ? new VerifiedDevice(d.Id, d.OsType, d.CreatedAt.ToUnixTimeSeconds(), d.RegistrationMethod, null, null, null, null, null, null, null, null, d.LastSyncedAt?.ToUnixTimeSeconds())
                : null)));
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
