using Authy.Application.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Authy.Infrastructure.Outbox;

/// <summary>Wakes this node's dispatcher when a message was just saved, so a code goes out without waiting for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread released it first: the dispatcher is already awake.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}

/// <summary>Notifies <see cref="OutboxSignal"/> after a save that added outbox messages.</summary>
public sealed class OutboxSignalInterceptor(OutboxSignal signal) : SaveChangesInterceptor
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> Pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context
            && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            Pending.AddOrUpdate(context, true);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        // TryGetValue first: it takes no lock, and most saves added no message.
        if (eventData.Context is { } context && Pending.TryGetValue(context, out _) && Pending.Remove(context))
        {
            signal.Notify();
        }

        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    // Contexts are pooled: a failed save must not leave its flag for the next request's save to find.
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            Pending.Remove(context);
        }

        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }
}
