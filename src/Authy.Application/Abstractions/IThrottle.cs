namespace Authy.Application.Abstractions;

/// <summary>
/// Fixed-window counters kept in the database, so every node and every restart sees the same counts.
/// A window starts at a key's first hit and ends <c>window</c> later.
/// </summary>
public interface IThrottle
{
    /// <summary>Counts one more event for <paramref name="key"/> and returns the count in the current window, this one included.</summary>
    Task<int> HitAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>The count in the current window (0 when the window has passed).</summary>
    Task<int> CountAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    Task ResetAsync(string key, CancellationToken cancellationToken);
}
