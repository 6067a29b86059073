namespace Authy.Api.Surfaces.Authy;

/// <summary>authy_id path segments: positive integers. Anything else names no user (404 60026), as an unknown id does.</summary>
internal static class AuthyIds
{
    public static bool TryParse(string? text, out long id) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;
}
