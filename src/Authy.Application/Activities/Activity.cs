namespace Authy.Application.Activities;

/// <summary>A <c>register_activity</c> record: the audit trail an application reports about its user.</summary>
public sealed class Activity
{
    public long Id { get; set; }

    public int AppId { get; set; }

    public long UserId { get; set; }

    public required string Type { get; set; }

    public string? UserIp { get; set; }

    /// <summary>The optional <c>data</c> hash, as compact JSON.</summary>
    public string? Data { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
