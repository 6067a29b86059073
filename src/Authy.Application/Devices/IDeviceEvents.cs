namespace Authy.Application.Devices;

/// <summary>An event as a device stream delivers it: <see cref="Id"/> orders events and lets a reconnect resume.</summary>
public sealed record DeviceEventMessage(long Id, string Type, string Data, DateTimeOffset CreatedAt);

/// <summary>
/// Real-time events to devices, on any node. Events are stored (so a stream that reconnects with the last id it saw
/// loses nothing) and announced to every node (PostgreSQL LISTEN/NOTIFY; an in-process signal on the embedded SQLite).
/// </summary>
public interface IDeviceEvents
{
    /// <summary>Stores one event per device and wakes the streams of those devices, wherever they are connected.</summary>
    Task PublishAsync(IReadOnlyCollection<long> deviceIds, string type, object data, CancellationToken cancellationToken);

    /// <summary>
    /// The device's events after <paramref name="afterId"/> — or, when null, those of the last <c>Push:RecentEventsSeconds</c>
    /// (so a notice that made the user open the app is still shown) — then live ones until cancelled.
    /// </summary>
    IAsyncEnumerable<DeviceEventMessage> SubscribeAsync(long deviceId, long? afterId, CancellationToken cancellationToken);
}

/// <summary>The event types devices receive; clients ignore types they do not know.</summary>
public static class DeviceEventTypes
{
    /// <summary>An application asked for a code and was told the user has the app: "open the app".</summary>
    public const string TokenRequested = "token_requested";

    /// <summary>A new OneTouch approval request for the user (hidden details are never sent).</summary>
    public const string ApprovalRequest = "approval_request";

    /// <summary>Seeds this device shows were replaced: fetch <c>GET /device/v1/tokens</c> again to get the new ones.</summary>
    public const string TokensChanged = "tokens_changed";

    /// <summary>Another device was registered for the user's phone: "a new device was added to your account".</summary>
    public const string DeviceAdded = "device_added";
}

/// <summary>The data of <see cref="DeviceEventTypes.TokenRequested"/>.</summary>
public sealed record TokenRequested(int AppId, string AppName, string Channel, DateTimeOffset RequestedAt);

/// <summary>
/// The data of <see cref="DeviceEventTypes.TokensChanged"/>: the applications whose seeds were replaced, and why
/// (<c>device_removed</c>, with the removed device's name).
/// </summary>
public sealed record TokensChanged(IReadOnlyList<int> AppIds, string Reason, string? DeviceName, DateTimeOffset ChangedAt);

/// <summary>The data of <see cref="DeviceEventTypes.DeviceAdded"/>: the new device, as its registration named it.</summary>
public sealed record DeviceAdded(long DeviceId, string Name, string OsType, DateTimeOffset AddedAt);
