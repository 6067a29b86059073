namespace Authy.Application.Apps.Usage;

/// <summary>
/// Counts what each application does, per calendar month, for app/stats. Recording is in memory and costs no database
/// round trip, because it happens on every request; the counts reach the database in batches (and at shutdown), so a
/// node that dies loses at most its last unflushed seconds of counts — statistics, never a user's state.
/// </summary>
public interface IUsageMeter
{
    void Record(int appId, UsageKind kind);

    /// <summary>Writes this node's pending counts, so a read right after sees them.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
