using Authy.Application.Abstractions;
using Authy.Application.Devices;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.OneTouch;

/// <summary>
/// Tells a device that has just registered of its user's pending, unexpired approval requests, as if they had been
/// created after it: requests may be made before the user has any device, and the device's first event stream (which
/// replays recent events) should show them without waiting for a poll of the list.
/// </summary>
public sealed class AnnouncePendingApprovals(IAuthyDb db, IDeviceEvents deviceEvents, TimeProvider time)
{
    /// <summary>
    /// At most this many, the newest: each is one stored event, and a user with more has a backlog the device's
    /// list (<see cref="DeviceApprovals.ListPendingAsync"/>) still shows in full.
    /// </summary>
    public const int MaxAnnounced = 20;

    public async Task ExecuteAsync(long deviceId, long userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.ApprovalRequests.AsNoTracking()
            .Where(r => r.UserId == userId && r.Status == ApprovalStatus.Pending && (r.ExpiresAt == null || r.ExpiresAt > now))
            .OrderByDescending(r => r.CreatedAt)
            .Take(MaxAnnounced)
            .Select(r => new { Request = r, AppName = db.Apps.Where(a => a.Id == r.AppId).Select(a => a.Name).First() })
            .ToListAsync(cancellationToken);
        try
        {
            // Oldest first, as they would have arrived.
            foreach (var row in rows.AsEnumerable().Reverse())
            {
                await deviceEvents.PublishAsync([deviceId], DeviceEventTypes.ApprovalRequest, DeviceApprovals.ToDeviceView(row.Request, row.AppName), cancellationToken);
            }
        }
        catch (DbUpdateException)
        {
            // The device was removed meanwhile: nobody is left to tell.
        }
    }
}
