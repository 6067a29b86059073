using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Outcomes;
using Authy.Application.Users;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.OneTouch;

/// <summary>An approval request as its application sees it, with the status computed at the server's time.</summary>
public sealed record ApprovalRequestView(
    Guid Uuid,
    string AppName,
    int AppId,
    long AuthyId,
    string? UserEmail,
    ApprovalStatus Status,
    int SecondsToExpire,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt,
    bool Notified,
    DeviceSummary? Device);

/// <summary>onetouch approval_requests/{uuid}: only the calling application's requests; a pending request past its expiry reads as expired.</summary>
public sealed class GetApprovalRequest(IAuthyDb db, TimeProvider time)
{
    public async Task<Outcome<ApprovalRequestView>> ExecuteAsync(AuthenticatedApp app, string uuid, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(uuid, out var id))
        {
            return Failures.ApprovalRequestNotFound(uuid);
        }

        var row = await db.ApprovalRequests.AsNoTracking()
            .Where(r => r.Id == id && r.AppId == app.Id)
            .Select(r => new
            {
                Request = r,
                Email = db.AppUsers.Where(m => m.Id == r.AppUserId).Select(m => m.Email).FirstOrDefault(),
                Device = db.Devices.Where(d => d.Id == r.DeviceId)
                    .Select(d => new DeviceSummary(d.Id, d.OsType, d.RegistrationMethod, d.CreatedAt, d.LastSyncedAt))
                    .FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return Failures.ApprovalRequestNotFound(uuid);
        }

        var request = row.Request;
        var (status, processedAt) = EffectiveStatus(request, time.GetUtcNow());
        return new ApprovalRequestView(
            request.Id, app.Name, app.Id, request.UserId, row.Email, status, request.SecondsToExpire,
            request.CreatedAt, processedAt ?? request.UpdatedAt, processedAt, Notified: false, row.Device);
    }

    /// <summary>A pending request past its expiry is expired, processed at its expiry time.</summary>
    public static (ApprovalStatus Status, DateTimeOffset? ProcessedAt) EffectiveStatus(ApprovalRequest request, DateTimeOffset now) =>
        request.Status == ApprovalStatus.Pending && request.ExpiresAt is { } expiresAt && expiresAt <= now
            ? (ApprovalStatus.Expired, expiresAt)
            : (request.Status, request.ProcessedAt);
}
