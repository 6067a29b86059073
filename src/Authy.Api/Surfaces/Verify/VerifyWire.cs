using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Authy.Api.Http;

namespace Authy.Api.Surfaces.Verify;

/// <summary>
/// Writes Verify bodies as Twilio does (spec §1.4, §1.7): compact snake_case JSON with every field present (null where
/// there is no value), timestamps as <c>yyyy-MM-ddTHH:mm:ssZ</c>, lowercase enum values, and the four-key error body.
/// </summary>
internal static class VerifyWire
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // csharp's Page.FromJson fails on an absent key where it copes with null, and every OAI example has all keys.
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
        // The default encoder writes "+" as \u002B; a phone number in a body or a 404's path must read as sent.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters =
        {
            // System.Text.Json lifts a struct's converter to its Nullable<T>, so this covers DateTimeOffset? as well.
            new TwilioDateConverter(),
            new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower),
        },
    };

    /// <summary>A success body serialized with <see cref="JsonOptions"/>.</summary>
    public static Task WriteJsonAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), JsonOptions)).AsTask();
    }

    /// <summary>
    /// <c>{"code":…,"detail":…,"details":…,"message":…,"more_info":…,"status":…}</c>, <c>detail</c> and <c>details</c>
    /// only when set: Twilio's keys in its (alphabetical) order. Never <c>type</c> and <c>title</c>: node and python
    /// would then raise their RFC 9457 exception instead of the one callers catch (spec §1.7).
    /// </summary>
    public static Task WriteErrorAsync(HttpContext context, VerifyError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/json; charset=utf-8";
        RetryAfterResult.SetHeader(response, error.RetryAfter);
        if (error.Status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
        }

        return response.Body.WriteAsync(ErrorBody(error)).AsTask();
    }

    private static byte[] ErrorBody(VerifyError error)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonOptions.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", error.Code);
            if (error.Detail is { } detail)
            {
                writer.WriteString("detail", detail);
            }

            if (error.Details is { } details)
            {
                writer.WriteStartObject("details");
                foreach (var (key, value) in details)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteString("message", error.Message);
            writer.WriteString("more_info", error.MoreInfo);
            writer.WriteNumber("status", error.Status);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Writes <c>2015-07-30T20:00:00Z</c>: UTC, whole seconds, a literal <c>Z</c>. twilio-python parses with
    /// <c>strptime("%Y-%m-%dT%H:%M:%SZ")</c> and silently hands back a string for anything else (spec §1.4). Reads any
    /// ISO 8601 value, as clients send dates in more than one shape (spec §1.3).
    /// </summary>
    private sealed class TwilioDateConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture));
    }
}
