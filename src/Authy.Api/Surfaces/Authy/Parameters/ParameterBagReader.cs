using System.Text;
using System.Text.Json;
using Authy.Api.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Authy.Api.Surfaces.Authy.Parameters;

/// <summary>
/// Reads every parameter of an Authy request (query string plus form, JSON or multipart body)
/// into one <see cref="ParameterBag"/>, the same way on GET, DELETE and POST.
/// </summary>
/// <remarks>
/// <para>The rules come from the client table in spec §1.3:</para>
/// <list type="bullet">
///   <item>Bodies are read on every method: node sends form bodies on GET, authy-client a JSON body
///   on <c>GET users/{id}/status</c>.</item>
///   <item>An empty or whitespace-only body carries no parameters whatever its Content-Type (java
///   posts <c>application/json</c> with nothing in it; node labels empty GET bodies as form).</item>
///   <item>Form (any charset parameter) and multipart fields go through <see cref="RackParameterParser"/>;
///   <c>application/json</c> and <c>*/*+json</c> must hold a JSON object; a body without a
///   Content-Type is JSON when it starts with <c>{</c> and form otherwise; any other media type
///   with a body is refused rather than silently ignored.</item>
///   <item>The body is decoded as strict UTF-8 and capped at <see cref="ParameterBagReaderOptions.MaxBodyBytes"/>
///   (checked against Content-Length first, then counted while reading).</item>
/// </list>
/// <para>Route values are not read here; the endpoint layer applies them with
/// <see cref="ParameterBag.WithRouteValues"/> so that path values win. The body is consumed and
/// not rewound: callers read it only through this reader.</para>
/// </remarks>
internal static class ParameterBagReader
{
    // RFC 2046 §5.1.1 caps a multipart boundary at 70 characters.
    private const int MaxBoundaryLength = 70;


    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private enum BodyFormat
    {
        Form,
        Json,
        Multipart,
        Unsupported,
    }

    public static async Task<ParameterBagReadResult> ReadAsync(
        HttpRequest request,
        ParameterBagReaderOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBodyBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxJsonDepth);

        var query = new ParameterBag(RackParameterParser.ParseUrlEncoded(request.QueryString.Value));

        // Refuse a declared oversize body before reading a byte of it.
        if (request.ContentLength > options.MaxBodyBytes)
        {
            return ParameterBagReadResult.Failure(ParameterBagError.BodyTooLarge, query);
        }

        // A request that cannot have a body (no Content-Length, not chunked: most GETs) carries none to read.
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return ParameterBagReadResult.Success(query, query);
        }

        var body = await BodyLimit.ReadAsync(request.Body, options.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return ParameterBagReadResult.Failure(ParameterBagError.BodyTooLarge, query);
        }

        var (bodyNode, error) = await ParseBodyAsync(body, request.ContentType, options, cancellationToken);
        if (error != ParameterBagError.None)
        {
            return ParameterBagReadResult.Failure(error, query);
        }

        var merged = bodyNode is null ? query : query.MergedWith(new ParameterBag(bodyNode));
        return ParameterBagReadResult.Success(merged, query);
    }

    // A null node with no error means "no body parameters".
    private static async Task<(ParamNode? Node, ParameterBagError Error)> ParseBodyAsync(
        byte[] body,
        string? contentType,
        ParameterBagReaderOptions options,
        CancellationToken cancellationToken)
    {
        var content = SkipUtf8Bom(body);
        if (IsBlank(content.Span))
        {
            return (null, ParameterBagError.None);
        }

        var format = Classify(contentType, content.Span, out var boundary);
        if (format == BodyFormat.Unsupported)
        {
            return (null, ParameterBagError.UnsupportedMediaType);
        }

        // Multipart may carry binary file parts, so only its text fields are decoded (below).
        if (format == BodyFormat.Multipart)
        {
            return await ParseMultipartAsync(body, boundary, cancellationToken);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content.Span);
        }
        catch (DecoderFallbackException)
        {
            return (null, ParameterBagError.InvalidEncoding);
        }

        return format switch
        {
            BodyFormat.Form => (RackParameterParser.ParseUrlEncoded(text), ParameterBagError.None),
            BodyFormat.Json => ParseJson(text, options.MaxJsonDepth),
            _ => (null, ParameterBagError.UnsupportedMediaType),
        };
    }

    private static BodyFormat Classify(string? contentType, ReadOnlySpan<byte> content, out string boundary)
    {
        boundary = string.Empty;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            // php and some samples send no Content-Type at all; guess from the first character.
            return FirstNonBlank(content) == (byte)'{' ? BodyFormat.Json : BodyFormat.Form;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return BodyFormat.Unsupported;
        }

        var type = mediaType.MediaType;
        if (type.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            // Every client percent-encodes UTF-8; a charset parameter is not trusted to say otherwise.
            return BodyFormat.Form;
        }

        if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return BodyFormat.Json;
        }

        if (type.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).ToString();
            return BodyFormat.Multipart;
        }

        return BodyFormat.Unsupported;
    }

    private static (ParamNode? Node, ParameterBagError Error) ParseJson(string text, int maxDepth)
    {
        var documentOptions = new JsonDocumentOptions
        {
            MaxDepth = maxDepth,
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
        };
        try
        {
            using var document = JsonDocument.Parse(text, documentOptions);
            // Rails wrapped a non-object body as {"_json": ...}; no Authy client sends one, so refuse it.
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (JsonParameterParser.Parse(document.RootElement), ParameterBagError.None)
                : (null, ParameterBagError.InvalidJson);
        }
        catch (JsonException)
        {
            return (null, ParameterBagError.InvalidJson);
        }
        catch (InvalidOperationException)
        {
            // A "\ud800" escape: valid JSON syntax, but a lone surrogate has no text form.
            return (null, ParameterBagError.InvalidEncoding);
        }
    }

    // Multipart is parsed here rather than through HttpRequest.ReadFormAsync because the form
    // collection groups values by name and loses the order across names, which Rack's
    // "a[][x]=1&a[][y]=2&a[][x]=3" rule depends on. The body is already buffered and capped.
    private static async Task<(ParamNode? Node, ParameterBagError Error)> ParseMultipartAsync(
        byte[] body,
        string boundary,
        CancellationToken cancellationToken)
    {
        if (boundary.Length == 0 || boundary.Length > MaxBoundaryLength)
        {
            return (null, ParameterBagError.InvalidEncoding);
        }

        var pairs = new List<KeyValuePair<string, string?>>();
        try
        {
            using var stream = new MemoryStream(body, writable: false);
            var reader = new MultipartReader(boundary, stream);
            while (pairs.Count <= RackParameterParser.MaxPairs
                && await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || !StringSegment.IsNullOrEmpty(disposition.FileName)
                    || !StringSegment.IsNullOrEmpty(disposition.FileNameStar))
                {
                    // Files and non-form parts carry no parameters; the reader skips their bodies.
                    continue;
                }

                using var value = new MemoryStream();
                await section.Body.CopyToAsync(value, cancellationToken);
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
                pairs.Add(new(name, StrictUtf8.GetString(value.GetBuffer(), 0, (int)value.Length)));
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or ArgumentException)
        {
            // IOException: truncated body or missing boundary; InvalidDataException: oversized
            // headers; ArgumentException includes DecoderFallbackException for non-UTF-8 fields.
            return (null, ParameterBagError.InvalidEncoding);
        }

        return (RackParameterParser.Parse(pairs), ParameterBagError.None);
    }

    private static ReadOnlyMemory<byte> SkipUtf8Bom(byte[] body) =>
        body.AsSpan().StartsWith("\uFEFF"u8) ? body.AsMemory(3) : body.AsMemory();

    private static bool IsBlank(ReadOnlySpan<byte> content) => content.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    private static byte FirstNonBlank(ReadOnlySpan<byte> content)
    {
        var index = content.IndexOfAnyExcept(" \t\r\n"u8);
        return index < 0 ? (byte)0 : content[index];
    }
}
