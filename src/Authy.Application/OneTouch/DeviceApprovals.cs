using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Devices;
using Authy.Application.Outcomes;
using Authy.Application.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Application.OneTouch;

/// <summary>An approval request as a device sees it: never the hidden details.</summary>
public sealed record DeviceApprovalView(
    Guid Uuid,
    int AppId,
    string AppName,
    string Message,
    JsonElement Details,
    JsonElement? Logos,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt);

/// <summary>A device's answer: the decision and its ES256 signature over <c>uuid|status|signed_at</c>.</summary>
public sealed record ApprovalDecision(string? Status, long SignedAt, string? Signature);

/// <summary>
/// The device side of OneTouch: the user's pending requests, and the decision — accepted once, only from a device of
/// the request's user, only while pending and unexpired, and only with a valid signature by that device's key, which
/// is kept for non-repudiation. Anything else is refused and changes nothing.
/// </summary>
public sealed class DeviceApprovals(
    IAuthyDb db,
    OneTouchCallbacks callbacks,
    WebhookEvents webhooks,
    TimeProvider time,
    IOptions<DeviceOptions> options)
{
    public async Task<IReadOnlyList<DeviceApprovalView>> ListPendingAsync(AuthenticatedDevice device, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.ApprovalRequests.AsNoTracking()
            .Where(r => r.UserId == device.UserId && r.Status == ApprovalStatus.Pending && (r.ExpiresAt == null || r.ExpiresAt > now))
            .OrderBy(r => r.CreatedAt)
            .Select(r => new { Request = r, AppName = db.Apps.Where(a => a.Id == r.AppId).Select(a => a.Name).First() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => ToDeviceView(r.Request, r.AppName)).ToList();
    }

    public async Task<Outcome<ApprovalStatus>> DecideAsync(AuthenticatedDevice device, Guid uuid, ApprovalDecision decision, CancellationToken cancellationToken)
    {
        var status = decision.Status switch
        {
            "approved" => ApprovalStatus.Approved,
            "denied" => ApprovalStatus.Denied,
            _ => (ApprovalStatus?)null,
        };
        if (status is null)
        {
            return Failures.Invalid("Status", "must be approved or denied");
        }

        var now = time.GetUtcNow();
        var request = await db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == uuid && r.UserId == device.UserId, cancellationToken);
        if (request is null)
        {
            return Failures.ApprovalRequestNotFound(uuid.ToString()); // another user's request looks like no request
        }

        var signature = DeviceKeys.FromBase64Url(decision.Signature);
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(decision.SignedAt, 0, 253402300799));
        var publicKey = await db.Devices.AsNoTracking().Where(d => d.Id == device.DeviceId).Select(d => d.PublicKey).FirstOrDefaultAsync(cancellationToken);
        if (signature is not { Length: 64 } || publicKey is null
            || (now - signedAt).Duration() > TimeSpan.FromSeconds(options.Value.ClockSkewSeconds + options.Value.MaxTokenLifetimeSeconds)
            || !DeviceKeys.VerifySignature(publicKey, SignedText(uuid, decision.Status!, decision.SignedAt), signature))
        {
            return Failures.SignatureInvalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var answered = await db.ApprovalRequests
            .Where(r => r.Id == uuid && r.Status == ApprovalStatus.Pending && (r.ExpiresAt == null || r.ExpiresAt > now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Status, status.Value)
                      .SetProperty(r => r.ProcessedAt, now)
                      .SetProperty(r => r.UpdatedAt, now)
                      .SetProperty(r => r.DeviceId, device.DeviceId)
                      .SetProperty(r => r.DeviceSignature, signature)
                      .SetProperty(r => r.DeviceSignedAt, signedAt),
                cancellationToken);
        if (answered == 0)
        {
            return Failures.ApprovalRequestNotPending;
        }

        // The callback and the webhook event are queued in the same transaction as the decision: they go out if and only
        // if the decision stands.
        var answer = status.Value.ToString().ToLowerInvariant();
        await webhooks.RaiseAsync(
            request.AppId,
            WebhookEventNames.OneTouchRequestResponded,
            request.UserId,
            new JsonObject
            {
                ["onetouch_request"] = new JsonObject { ["s_uuid"] = uuid.ToString("D"), ["s_status"] = answer },
                ["device"] = new JsonObject { ["s_id"] = device.DeviceId.ToString(CultureInfo.InvariantCulture) },
            },
            cancellationToken);
        await callbacks.QueueAsync(uuid, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return status.Value;
    }

    /// <summary>What a device signs: <c>uuid|status|signed_at</c> (lower-case uuid with hyphens, unix seconds).</summary>
    public static byte[] SignedText(Guid uuid, string status, long signedAt) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{uuid:D}|{status}|{signedAt}"));

    internal static DeviceApprovalView ToDeviceView(ApprovalRequest request, string appName) =>
        new(
            request.Id,
            request.AppId,
            appName,
            request.Message,
            JsonDocument.Parse(request.Details).RootElement.Clone(),
            request.Logos is null ? null : JsonDocument.Parse(request.Logos).RootElement.Clone(),
            request.CreatedAt,
            request.ExpiresAt);
}
