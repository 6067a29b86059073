namespace Authy.Application.OneTouch;

/// <summary>
/// A OneTouch approval request: a message the user approves or denies on a registered device. Answered once; a pending
/// request past its expiry reads as expired. The device's signature over the decision is kept (non-repudiation).
/// </summary>
public sealed class ApprovalRequest
{
    public Guid Id { get; set; }

    public int AppId { get; set; }

    public long AppUserId { get; set; }

    public long UserId { get; set; }

    public required string Message { get; set; }

    /// <summary>Visible details, a compact JSON object of strings.</summary>
    public required string Details { get; set; }

    /// <summary>Details never sent to the device, only echoed in callbacks; compact JSON object.</summary>
    public required string HiddenDetails { get; set; }

    /// <summary>Logos as a compact JSON array of <c>{"res":…,"url":…}</c>, or null.</summary>
    public string? Logos { get; set; }

    /// <summary>As requested; 0 means the request never expires.</summary>
    public int SecondsToExpire { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Stored decision: pending, approved or denied (expired is computed from <see cref="ExpiresAt"/>).</summary>
    public ApprovalStatus Status { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public long? DeviceId { get; set; }

    /// <summary>The device's ES256 signature over <c>uuid|status|signed_at</c>.</summary>
    public byte[]? DeviceSignature { get; set; }

    public DateTimeOffset? DeviceSignedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum ApprovalStatus
{
    Pending = 0,
    Approved = 1,
    Denied = 2,
    Expired = 3,
}
