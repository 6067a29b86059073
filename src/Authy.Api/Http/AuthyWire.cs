using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Authy.Application.Errors;

namespace Authy.Api.Http;

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

        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(JsonOptions), Encoding.UTF8);
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
        writer.WriteStartElement(XmlConvert.EncodeLocalName(name.Replace('_', '-')));
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
                writer.WriteString(value.TryGetValue<string>(out var s) ? s : value.ToJsonString(JsonOptions));
                break;
        }
    }

    // Rails names array items by the singular of the array's name (devices → device).
    private static string Singular(string name) =>
        name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y"
        : name.EndsWith('s') ? name[..^1]
        : name + "-item";
}
