using System.Globalization;

namespace Authy.Application.OneTouch;

/// <summary>Authy's opaque 24-hex ids (Mongo-style) for fields clients read as strings: derived, stable, not secret.</summary>
public static class OpaqueIds
{
    public static string App(int appId) => appId.ToString("x24", CultureInfo.InvariantCulture);

    public static string User(long userId) => userId.ToString("x24", CultureInfo.InvariantCulture);

    public static string Request(Guid uuid) => uuid.ToString("N")[..24];
}
