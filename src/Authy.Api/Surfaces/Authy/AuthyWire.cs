using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace Authy.Api.Surfaces.Authy;

/// <summary>
/// Writes Authy bodies: compact snake_case JSON (so <c>"token":"is valid"</c> appears literally, as python checks), or
/// Rails-style XML for <c>/protected/xml/...</c> (root <c>hash</c>, dasherized keys, typed attributes).
/// </summary>
internal static class AuthyWire
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
        // The default encoder writes "+" as \u002B; masked phones must read "+1-XXX-XXX-XX12" byte for byte.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static bool WantsXml(HttpContext context) =>
        context.Request.RouteValues.TryGetValue("format", out var format) && format is "xml"
        || context.Request.Path.StartsWithSegments("/protected/xml") || context.Request.Path.StartsWithSegments("/onetouch/xml");

    public static Task WriteAsync(HttpContext context, int status, JsonNode body, bool isError)
    {
        context.Response.StatusCode = status;
        if (WantsXml(context))
        {
            context.Response.ContentType = "application/xml; charset=utf-8";
            return context.Response.WriteAsync(ToXml(body, isError ? "errors" : "hash"), Encoding.UTF8);
        }

        return WriteJsonAsync(context, status, JsonSerializer.SerializeToUtf8Bytes(body, JsonOptions));
    }

    /// <summary>A JSON body already encoded as UTF-8.</summary>
    public static Task WriteJsonAsync(HttpContext context, int status, byte[] utf8Json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.Body.WriteAsync(utf8Json).AsTask();
    }

    public static Task WriteErrorAsync(HttpContext context, AuthyError error) =>
        WriteAsync(context, error.Status, ErrorBody(error), isError: true);

    /// <summary>
    /// <c>{fields…, "message", extras…, "success":false, "errors":{fields…, "message"}, "error_code":"600xx"}</c>:
    /// <c>errors</c> is a flat string map (go and .NET clients decode it as one) and <c>error_code</c> a string.
    /// </summary>
    public static JsonObject ErrorBody(AuthyError error)
    {
        var body = new JsonObject();
        var errors = new JsonObject();
        foreach (var (field, problem) in error.Fields)
        {
            body[field] = problem;
            errors[field] = problem;
        }

        body["message"] = error.Message;
        foreach (var (key, value) in error.TopLevel)
        {
            body[key] = value;
        }

        if (error.ErrorsRepeatMessage)
        {
            errors["message"] = error.Message;
        }

        body["success"] = false;
        body["errors"] = errors;
        body["error_code"] = error.Code;
        return body;
    }

    internal static string ToXml(JsonNode body, string root)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
        {
            WriteElement(writer, root, body);
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + builder;
    }

    private static void WriteElement(XmlWriter writer, string name, JsonNode? node)
    {
        // Keys can come from clients (OneTouch details): EncodeLocalName turns any character a name cannot hold into
        // _xHHHH_, and an empty key, which no element can be named, gets a placeholder.
        writer.WriteStartElement(name.Length == 0 ? "_" : XmlConvert.EncodeLocalName(XmlSafe(name).Replace('_', '-')));
        switch (node)
        {
            case null:
                writer.WriteAttributeString("nil", "true");
                break;
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    WriteElement(writer, key, child);
                }

                break;
            case JsonArray array:
                writer.WriteAttributeString("type", "array");
                foreach (var item in array)
                {
                    WriteElement(writer, Singular(name), item);
                }

                break;
            case JsonValue value:
                WriteValue(writer, value);
                break;
        }

        writer.WriteEndElement();
    }

    private static void WriteValue(XmlWriter writer, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                writer.WriteAttributeString("type", "boolean");
                writer.WriteString(value.GetValueKind() == JsonValueKind.True ? "true" : "false");
                break;
            case JsonValueKind.Number:
                var text = value.ToJsonString(JsonOptions);
                writer.WriteAttributeString("type", text.Contains('.', StringComparison.Ordinal) ? "float" : "integer");
                writer.WriteString(text);
                break;
            default:
                writer.WriteString(XmlSafe(value.TryGetValue<string>(out var s) ? s : value.ToJsonString(JsonOptions)));
                break;
        }
    }

    /// <summary>
    /// <paramref name="text"/> with every character XML 1.0 cannot carry (most C0 controls, U+FFFE, U+FFFF, an unpaired
    /// surrogate) replaced by U+FFFD. XmlWriter throws on them, and they do reach the writer: stored values (an e-mail
    /// accepted before such addresses were refused) and echoed ones (the uuid of approval_requests/%01x). Without this
    /// one bad value would make a route answer 500 for good.
    /// </summary>
    internal static string XmlSafe(string text)
    {
        var first = FirstNonXmlChar(text);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            if (IsSurrogatePairAt(text, i))
            {
                builder.Append(text, i++, 2);
            }
            else
            {
                builder.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return builder.ToString();
    }

    private static int FirstNonXmlChar(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsSurrogatePairAt(text, i))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsSurrogatePairAt(string text, int i) =>
        i + 1 < text.Length && char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]);

    // Rails names array items by the singular of the array's name (devices → device).
    private static string Singular(string name) =>
        name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y"
        : name.EndsWith('s') ? name[..^1]
        : name + "-item";
}
