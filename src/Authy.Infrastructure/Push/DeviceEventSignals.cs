namespace Authy.Infrastructure.Push;

/// <summary>
/// This node's wake-ups for device streams: a stream watches its device, and a publish on this node (or a NOTIFY from
/// another node) signals it. A signal is a flag, not a message: the stream re-reads the database, which stays the one
/// source of truth. A device's entry is removed with its last watcher, so streams that come and go leave nothing behind.
/// </summary>
public sealed class DeviceEventSignals
{
    private readonly Dictionary<long, HashSet<DeviceEventWatch>> _watchers = [];
    private readonly Lock _lock = new();

    /// <summary>Starts watching <paramref name="deviceId"/>; dispose the watch when the stream ends.</summary>
    public DeviceEventWatch Watch(long deviceId)
    {
        var watch = new DeviceEventWatch(this, deviceId);
        lock (_lock)
        {
            if (!_watchers.TryGetValue(deviceId, out var set))
            {
                set = [];
                _watchers.Add(deviceId, set);
            }

            set.Add(watch);
        }

        return watch;
    }

    /// <summary>Wakes every stream of <paramref name="deviceId"/> on this node.</summary>
    public void Signal(long deviceId)
    {
        DeviceEventWatch[] watches;
        lock (_lock)
        {
            if (!_watchers.TryGetValue(deviceId, out var set))
            {
                return;
            }

            watches = [.. set];
        }

        foreach (var watch in watches)
        {
            watch.Set();
        }
    }

    /// <summary>Wakes every stream on this node (after notifications may have been missed).</summary>
    public void SignalAll()
    {
        DeviceEventWatch[] watches;
        lock (_lock)
        {
            watches = [.. _watchers.Values.SelectMany(set => set)];
        }

        foreach (var watch in watches)
        {
            watch.Set();
        }
    }

    /// <summary>How many streams watch <paramref name="deviceId"/> on this node.</summary>
    public int WatcherCount(long deviceId)
    {
        lock (_lock)
        {
            return _watchers.TryGetValue(deviceId, out var set) ? set.Count : 0;
        }
    }

    /// <summary>How many devices have a stream on this node: an entry lives exactly as long as its streams.</summary>
    internal int WatchedDeviceCount
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    internal void Remove(DeviceEventWatch watch)
    {
        lock (_lock)
        {
            if (_watchers.TryGetValue(watch.DeviceId, out var set) && set.Remove(watch) && set.Count == 0)
            {
                _watchers.Remove(watch.DeviceId);
            }
        }
    }
}

/// <summary>One stream's wake-up flag: set by any number of signals, cleared by the wait that sees it.</summary>
public sealed class DeviceEventWatch : IDisposable
{
    private readonly DeviceEventSignals _owner;
    private readonly SemaphoreSlim _flag = new(0, 1);
    private int _disposed;

    internal DeviceEventWatch(DeviceEventSignals owner, long deviceId)
    {
        _owner = owner;
        DeviceId = deviceId;
    }

    public long DeviceId { get; }

    /// <summary>Waits until signalled (true, and the flag is cleared) or <paramref name="timeout"/> passes (false).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _flag.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _owner.Remove(this);
            _flag.Dispose();
        }
    }

    internal void Set()
    {
        try
        {
            if (_flag.CurrentCount == 0)
            {
                _flag.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another signal set it first: the stream wakes either way.
        }
        catch (ObjectDisposedException)
        {
            // The stream ended between the signaller's snapshot and this call.
        }
    }
}
