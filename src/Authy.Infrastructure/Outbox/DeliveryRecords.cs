using System.Threading.Channels;
using Authy.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Authy.Infrastructure.Outbox;

/// <summary>
/// Records deliveries in batches: a send its provider accepted queues its row here, and one statement marks every
/// queued row delivered. Under load a statement carries whatever was accepted while the previous one ran; idle, one row.
/// A row not yet recorded keeps its lease, so no other node sends it meanwhile; if this node dies first, the row is
/// sent again after its lease (at least once, as before).
/// </summary>
internal sealed partial class DeliveryRecords(IServiceScopeFactory scopes, Action<Guid> recorded, ILogger logger)
{
    // Four parameters a row: well under SQLite's and PostgreSQL's limits on one statement.
    private const int MaxRowsPerStatement = 500;

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    private readonly Channel<DeliveredMessage> _queue = Channel.CreateUnbounded<DeliveredMessage>();

    public void Add(DeliveredMessage delivered) => _queue.Writer.TryWrite(delivered);

    /// <summary>No more deliveries come: <see cref="RunAsync"/> writes what is queued and ends.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>
    /// Writes batches until <see cref="Complete"/>. A failed write (the database is down) is retried every second until
    /// <paramref name="stopping"/>; after that, one more try, then the rows are left to their leases.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            try
            {
                await FlushAsync(CancellationToken.None);
            }
            catch (Exception exception)
            {
                LogRecordFailed(logger, exception);
                if (stopping.IsCancellationRequested)
                {
                    Drop();
                    continue;
                }

                try
                {
                    await Task.Delay(RetryAfterFailure, stopping);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: the loop makes its last try.
                }
            }
        }
    }

    /// <summary>Writes every queued delivery now; on failure the batch goes back to the queue and the error is thrown.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = new List<DeliveredMessage>();
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxRowsPerStatement && _queue.Reader.TryRead(out var delivered))
            {
                batch.Add(delivered);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await OutboxStatements.RecordDeliveredAsync(scope.ServiceProvider.GetRequiredService<AuthyDbContext>(), batch, cancellationToken);
            }
            catch
            {
                // Back to the queue for the next try; once the queue is completed (stopping) they stay unrecorded.
                var lost = batch.Count(delivered => !_queue.Writer.TryWrite(delivered));
                if (lost > 0)
                {
                    LogDropped(logger, lost);
                }

                throw;
            }

            foreach (var delivered in batch)
            {
                recorded(delivered.Id);
            }
        }
    }

    private void Drop()
    {
        var dropped = 0;
        while (_queue.Reader.TryRead(out _))
        {
            dropped++;
        }

        if (dropped > 0)
        {
            LogDropped(logger, dropped);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record delivered outbox messages; retrying")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping with {Count} delivered outbox messages unrecorded: they will be sent again when their leases end")]
    private static partial void LogDropped(ILogger logger, int count);
}
