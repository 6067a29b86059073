using System.Globalization;
using System.Text.Json.Nodes;
using Authy.Application.Abstractions;
using Authy.Application.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.OneTouch;

/// <summary>
/// Queues the callback of an answered approval request (never of an expired one) when its application configured a
/// callback URL: Authy's body (spec §3.17), delivered through the outbox with retries, so it survives restarts and
/// provider-side failures. The queued message holds no key: <see cref="DeliverCallback"/> signs it when it is sent.
/// </summary>
public sealed class OneTouchCallbacks(IAuthyDb db, OutboxWriter outbox)
{
    public const string CallbackAction = "approval_request_status";

    public async Task QueueAsync(Guid uuid, CancellationToken cancellationToken)
    {
        var row = await db.ApprovalRequests.AsNoTracking()
            .Where(r => r.Id == uuid)
            .Select(r => new
            {
                Request = r,
                App = db.Apps.Where(a => a.Id == r.AppId).Select(a => new { a.Settings.OneTouchCallbackUrl, a.Settings.OneTouchCallbackMethod, HasKey = a.EncryptedApiKey != null }).First(),
                Device = db.Devices.Where(d => d.Id == r.DeviceId).Select(d => new { d.Id, d.OsType, d.RegistrationMethod, d.CreatedAt, d.LastSyncedAt }).FirstOrDefault(),
            })
            .FirstAsync(cancellationToken);
        if (string.IsNullOrEmpty(row.App.OneTouchCallbackUrl) || !row.App.HasKey)
        {
            return;
        }

        var request = row.Request;
        var status = request.Status.ToString().ToLowerInvariant();
        var body = new JsonObject
        {
            ["authy_id"] = request.UserId,
            // A string: authy-client's verifier rejects a number here.
            ["device_uuid"] = request.DeviceId?.ToString(CultureInfo.InvariantCulture),
            ["callback_action"] = CallbackAction,
            ["uuid"] = request.Id.ToString("D"),
            ["status"] = status,
            ["approval_request"] = new JsonObject
            {
                ["transaction"] = new JsonObject
                {
                    ["details"] = JsonNode.Parse(request.Details),
                    ["device_details"] = new JsonObject(),
                    ["device_geolocation"] = string.Empty,
                    ["device_signing_time"] = request.DeviceSignedAt?.ToUnixTimeSeconds(),
                    ["encrypted"] = false,
                    ["flagged"] = false,
                    ["hidden_details"] = JsonNode.Parse(request.HiddenDetails),
                    ["message"] = request.Message,
                    ["reason"] = string.Empty,
                    ["requester_details"] = null,
                    ["status"] = status,
                    ["uuid"] = request.Id.ToString("D"),
                    ["created_at_time"] = request.CreatedAt.ToUnixTimeSeconds(),
                    ["customer_uuid"] = request.AppId,
                },
                ["expiration_timestamp"] = request.ExpiresAt?.ToUnixTimeSeconds(),
                ["logos"] = request.Logos is null ? null : JsonNode.Parse(request.Logos),
                ["app_id"] = OpaqueIds.App(request.AppId),
            },
            ["signature"] = request.DeviceSignature is null ? null : Convert.ToBase64String(request.DeviceSignature),
            ["device"] = row.Device is null ? null : new JsonObject
            {
                ["city"] = null,
                ["country"] = null,
                ["ip"] = null,
                ["region"] = null,
                ["registration_city"] = null,
                ["registration_country"] = null,
                ["registration_ip"] = null,
                ["registration_method"] = row.Device.RegistrationMethod,
                ["registration_region"] = null,
                ["os_type"] = row.Device.OsType,
                ["last_account_recovery_at"] = null,
                ["id"] = row.Device.Id,
                ["registration_date"] = row.Device.CreatedAt.ToUnixTimeSeconds(),
                ["last_sync_date"] = row.Device.LastSyncedAt?.ToUnixTimeSeconds(),
            },
        };

        outbox.Add(new CallbackMessage(row.App.OneTouchCallbackUrl, row.App.OneTouchCallbackMethod, body.ToJsonString(), request.AppId), request.AppId, request.UserId);
        await db.SaveChangesAsync(cancellationToken);
    }
}
