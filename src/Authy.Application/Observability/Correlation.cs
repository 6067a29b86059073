namespace Authy.Application.Observability;

/// <summary>
/// The correlation id of the work in progress: the request's (set by the Api for each request) or the one an outbox
/// message was written under (set by the dispatcher while it delivers it). Log lines carry it as <c>CorrelationId</c>,
/// so a request's log lines and its message's delivery lines are found by one search. Flows with the async context.
/// </summary>
public static class Correlation
{
    /// <summary>The longest id accepted from a client; longer ones are replaced by a fresh id.</summary>
    public const int MaxLength = 64;

    private static readonly AsyncLocal<string?> CurrentId = new();

    public static string? Current => CurrentId.Value;

    /// <summary>Makes <paramref name="id"/> current until the returned scope is disposed.</summary>
    public static IDisposable Begin(string? id)
    {
        var previous = CurrentId.Value;
        CurrentId.Value = id;
        return new Scope(previous);
    }

    /// <summary>
    /// Whether a client-supplied id may be used as is: 1–64 characters of letters, digits and <c>-_.:</c>. Anything else
    /// (spaces, quotes, control characters) could forge or break log lines, so it is replaced.
    /// </summary>
    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => CurrentId.Value = previous;
    }
}
