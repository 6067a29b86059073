using System.Globalization;

namespace Authy.Application.Webhooks;

/// <summary>UTC times as the Webhooks API writes them: RFC 3339 to the second, <c>2026-11-24T00:39:00Z</c>.</summary>
public static class Rfc3339
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
