namespace Authy.Api.Http;

/// <summary>
/// A request path as logged: codes kept out (<c>/verify/{token}/</c> is logged as <c>/verify/[token]/</c>) and control
/// characters percent-encoded again, as they came on the wire. Kestrel decodes <c>%0d%0a</c> in a path, and written raw
/// into a text log it would end the line and let the client write one of its own.
/// </summary>
internal static partial class RequestLogRedaction
{
    public static string Path(PathString path)
    {
        var value = EscapeControlCharacters(path.Value ?? string.Empty);
        return VerifyToken().Replace(value, "/verify/[token]/");
    }

    /// <summary>C0 and C1 controls, DEL and the Unicode line and paragraph separators as UTF-8 percent-escapes.</summary>
    internal static string EscapeControlCharacters(string value)
    {
        if (!value.Any(ControlCharacterEscapingSink.MustEscape))
        {
            return value;
        }

        var builder = new System.Text.StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var c in value)
        {
            if (!ControlCharacterEscapingSink.MustEscape(c))
            {
                builder.Append(c);
                continue;
            }

            var length = System.Text.Encoding.UTF8.GetBytes([c], utf8);
            foreach (var b in utf8[..length])
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex("/verify/[^/]*/", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex VerifyToken();
}
