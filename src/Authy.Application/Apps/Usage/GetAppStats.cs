using Authy.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.Apps.Usage;

/// <summary>One month of app/stats, already zero-filled.</summary>
public sealed record MonthlyStats(int Year, int Month, long ApiCallsCount, long AuthsCount, long SmsCount, long CallsCount, long UsersCount);

public sealed record AppStats(int AppId, long TotalUsers, IReadOnlyList<MonthlyStats> Months);

/// <summary>
/// app/stats: the application's counts per calendar month (UTC), oldest first, from the month it was created or from
/// eleven months ago, whichever is later, to the current month; months without activity read zero. <c>total_users</c>
/// is the application's current membership.
/// </summary>
public sealed class GetAppStats(IAuthyDb db, IUsageMeter meter, TimeProvider time)
{
    public const int MaxMonths = 12;

    public async Task<AppStats> ExecuteAsync(AuthenticatedApp app, CancellationToken cancellationToken)
    {
        await meter.FlushAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var current = new DateOnly(now.Year, now.Month, 1);
        var createdAt = await db.Apps.Where(a => a.Id == app.Id).Select(a => a.CreatedAt).SingleAsync(cancellationToken);
        var created = new DateOnly(createdAt.UtcDateTime.Year, createdAt.UtcDateTime.Month, 1);
        var first = current.AddMonths(1 - MaxMonths);
        if (created > first)
        {
            first = created <= current ? created : current;
        }

        var firstKey = (first.Year * 12) + first.Month;
        var rows = await db.UsageMonths.AsNoTracking()
            .Where(u => u.AppId == app.Id && (u.Year * 12) + u.Month >= firstKey)
            .ToListAsync(cancellationToken);
        var months = new List<MonthlyStats>(MaxMonths);
        for (var month = first; month <= current; month = month.AddMonths(1))
        {
            var row = rows.FirstOrDefault(r => r.Year == month.Year && r.Month == month.Month);
            months.Add(row is null
                ? new MonthlyStats(month.Year, month.Month, 0, 0, 0, 0, 0)
                : new MonthlyStats(month.Year, month.Month, row.ApiCallsCount, row.AuthsCount, row.SmsCount, row.CallsCount, row.UsersCount));
        }

        var totalUsers = await db.AppUsers.LongCountAsync(m => m.AppId == app.Id, cancellationToken);
        return new AppStats(app.Id, totalUsers, months);
    }
}
