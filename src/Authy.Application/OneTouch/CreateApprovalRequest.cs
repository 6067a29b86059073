using System.Text.Json;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Devices;
using Authy.Application.Outcomes;
using Authy.Application.Users;
using Microsoft.EntityFrameworkCore;

namespace Authy.Application.OneTouch;

public sealed record ApprovalLogo(string Res, string Url);

/// <summary>
/// The parameters of approval_requests: the texts as sent (details flattened to strings), and how long the request
/// lives (<see cref="TimeSpan.Zero"/>: it never expires), parsed by the surface.
/// </summary>
public sealed record CreateApprovalRequestCommand(
    string? Message,
    IReadOnlyDictionary<string, string>? Details,
    IReadOnlyDictionary<string, string>? HiddenDetails,
    IReadOnlyList<ApprovalLogo>? Logos,
    TimeSpan SecondsToExpire);

/// <summary>
/// onetouch approval_requests: stores the request and pushes it at once to every device of the user. A user without a
/// device yet is asked all the same, as Authy's sandbox and production answered success: the request waits, pending,
/// for a device to register (which lists it and is told of it, <see cref="AnnouncePendingApprovals"/>), and expires as
/// usual.
/// </summary>
public sealed class CreateApprovalRequest(IAuthyDb db, IDeviceEvents deviceEvents, TimeProvider time)
{
    /// <summary>The longest message clients send (python, ruby and java allow 200; authy-client 144).</summary>
    public const int MaxMessageLength = 200;
    public static readonly TimeSpan DefaultExpiry = TimeSpan.FromDays(1);
    public const int MaxDetails = 50;
    public const int MaxDetailLength = 500;
    private static readonly HashSet<string> LogoResolutions = new(StringComparer.Ordinal) { "default", "low", "med", "high" };

    public async Task<Outcome<Guid>> ExecuteAsync(AuthenticatedApp app, long authyId, CreateApprovalRequestCommand command, CancellationToken cancellationToken)
    {
        if (Validate(command) is { } invalid)
        {
            return invalid;
        }

        var secondsToExpire = (int)command.SecondsToExpire.TotalSeconds;

        // The member and the user's devices in one query.
        var found = await db.FindMemberWithDevicesAsync(app.Id, authyId, cancellationToken);
        var active = AppUserQueries.Active(found?.Member);
        if (!active.IsSuccess)
        {
            return active.Failure!;
        }

        var member = active.Value;
        var devices = found!.Value.Devices.ConvertAll(d => d.Id);
        var now = time.GetUtcNow();
        var request = new ApprovalRequest
        {
            Id = Guid.NewGuid(),
            AppId = app.Id,
            AppUserId = member.Id,
            UserId = authyId,
            Message = command.Message!.Trim(),
            Details = JsonSerializer.Serialize(command.Details ?? new Dictionary<string, string>()),
            HiddenDetails = JsonSerializer.Serialize(command.HiddenDetails ?? new Dictionary<string, string>()),
            Logos = command.Logos is { Count: > 0 } logos ? JsonSerializer.Serialize(logos.Select(l => new { res = l.Res, url = l.Url })) : null,
            SecondsToExpire = secondsToExpire,
            ExpiresAt = secondsToExpire == 0 ? null : now.AddSeconds(secondsToExpire),
            Status = ApprovalStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.ApprovalRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);

        if (devices.Count == 0)
        {
            return request.Id;
        }

        try
        {
            await deviceEvents.PublishAsync(devices, DeviceEventTypes.ApprovalRequest, DeviceApprovals.ToDeviceView(request, app.Name), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A device was removed meanwhile; the others were not told, but the request stands and devices list it.
        }

        return request.Id;
    }

    private static Failure? Validate(CreateApprovalRequestCommand command)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(command.SecondsToExpire, TimeSpan.Zero);
        var message = command.Message?.Trim();
        if (string.IsNullOrEmpty(message))
        {
            return Failures.Missing("Message");
        }

        if (message.Length > MaxMessageLength)
        {
            return Failures.Invalid("Message", $"must be at most {MaxMessageLength} characters");
        }

        foreach (var (name, details) in new[] { (nameof(command.Details), command.Details), (nameof(command.HiddenDetails), command.HiddenDetails) })
        {
            if (details is { Count: > MaxDetails } || details?.Any(d => d.Key.Length > 100 || d.Value.Length > MaxDetailLength) == true)
            {
                return Failures.Invalid(name, $"at most {MaxDetails} entries, keys up to 100 and values up to {MaxDetailLength} characters");
            }
        }

        if (command.Logos is { } logos && (logos.Count > 4 || logos.Any(l => !LogoResolutions.Contains(l.Res) || !IsHttpUrl(l.Url))))
        {
            return Failures.Invalid("Logos", "each logo needs res (default, low, med or high) and an http(s) url; at most 4");
        }

        return null;
    }

    private static bool IsHttpUrl(string url) =>
        url.Length <= 500 && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
