using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Authy.Application.Outcomes;

namespace Authy.Api.Surfaces.Verify;

/// <summary>
/// A list request's paging (spec §1.6): <c>PageSize</c> 1–1000 (default 50), <c>Page</c> ≥ 0 (client state, or the
/// offset when no token is given), an opaque <c>PageToken</c>, and the other query parameters, which are the list's
/// filters and are repeated in every page URL.
/// </summary>
internal sealed record VerifyPageRequest(int PageSize, int Page, VerifyPageToken? PageToken, IReadOnlyList<KeyValuePair<string, string>> Filters)
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 1000;

    /// <summary>The paging parameters of <paramref name="query"/>, or a failure naming the one that is unusable.</summary>
    public static Outcome<VerifyPageRequest> Parse(IQueryCollection query)
    {
        // An empty value is "not supplied": node sends an explicit null as "PageSize=" (spec §1.3).
        var pageSize = DefaultPageSize;
        if (Supplied(query, nameof(PageSize)) is { } sizeText
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return Failures.Invalid(nameof(PageSize), "must be a whole number from 1 to 1000");
        }

        var page = 0;
        if (Supplied(query, nameof(Page)) is { } pageText && !int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page))
        {
            return Failures.Invalid(nameof(Page), "must be a whole number from 0");
        }

        VerifyPageToken? token = null;
        if (Supplied(query, nameof(PageToken)) is { } tokenText && (token = VerifyPageToken.Decode(tokenText)) is null)
        {
            return Failures.Invalid(nameof(PageToken), "must be a token from a page URL this server gave");
        }

        List<KeyValuePair<string, string>> filters = [];
        foreach (var (name, values) in query)
        {
            // The query collection looks names up regardless of case, so "pagesize" was read above as PageSize.
            if (!PagingNames.Contains(name))
            {
                filters.AddRange(values.Select(value => new KeyValuePair<string, string>(name, value ?? "")));
            }
        }

        return new VerifyPageRequest(pageSize, page, token, filters);
    }

    private static readonly HashSet<string> PagingNames = new([nameof(PageSize), nameof(Page), nameof(PageToken)], StringComparer.OrdinalIgnoreCase);

    private static string? Supplied(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !string.IsNullOrEmpty(values[^1]) ? values[^1] : null;
}

/// <summary>Which side of the key a page lies on: after it going forward, before it going back.</summary>
internal enum PageDirection
{
    After,
    Before,
}

/// <summary>
/// A keyset cursor: the (created, sid) of the record a page continues from. Clients treat it as opaque; it is
/// base64url so it passes through a query string untouched, and it carries the full-precision timestamp because the
/// keyset comparison must see the stored value, not the whole seconds the bodies show.
/// </summary>
internal sealed record VerifyPageToken(PageDirection Direction, DateTimeOffset Created, string Sid)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{(Direction == PageDirection.After ? 'A' : 'B')}.{Created.UtcTicks}.{Sid}")));

    /// <summary>The token <paramref name="text"/> encodes, or null when it is not one this server issued.</summary>
    public static VerifyPageToken? Decode(string text)
    {
        if (text.Length > 128 || !Base64Url.IsValid(text))
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('.');
        }
        catch (FormatException)
        {
            return null;
        }

        return parts is [var direction and ("A" or "B"), var ticksText, var sid]
            && long.TryParse(ticksText, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && IsSid(sid)
                ? new VerifyPageToken(direction == "A" ? PageDirection.After : PageDirection.Before, new DateTimeOffset(ticks, TimeSpan.Zero), sid)
                : null;
    }

    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    // Spec §1.8: two uppercase letters and 32 hex digits.
    private static bool IsSid(string text) =>
        text.Length == 34 && char.IsAsciiLetterUpper(text[0]) && char.IsAsciiLetterUpper(text[1]) && !text.AsSpan(2).ContainsAnyExcept(HexDigits);
}

/// <summary>
/// The paging envelope of a list (spec §1.6): the records under their key, and <c>meta</c> with all seven keys
/// (csharp's <c>Page.FromJson</c> fails on an absent one) and absolute URLs that node and python follow verbatim.
/// </summary>
internal static class VerifyPaging
{
    /// <summary>
    /// The page of <paramref name="records"/> answering <paramref name="request"/> at <paramref name="path"/>
    /// (<c>/v2/Services/VAxx/Webhooks</c>). <paramref name="hasMore"/> says whether records follow the last one;
    /// <paramref name="keyOf"/> gives a record's (created, sid), from which the next and previous tokens are cut.
    /// </summary>
    public static JsonObject Envelope<T>(
        Uri publicBase,
        PathString path,
        string key,
        VerifyPageRequest request,
        IReadOnlyList<T> records,
        bool hasMore,
        Func<T, (DateTimeOffset Created, string Sid)> keyOf)
    {
        var listUrl = publicBase.GetLeftPart(UriPartial.Path).TrimEnd('/') + path.ToUriComponent();
        string PageUrl(int page, VerifyPageToken? token)
        {
            var url = new StringBuilder(listUrl).Append('?');
            foreach (var (name, value) in request.Filters)
            {
                url.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
            }

            url.Append(CultureInfo.InvariantCulture, $"PageSize={request.PageSize}&Page={page}");
            if (token is not null)
            {
                url.Append("&PageToken=").Append(token.Encode());
            }

            return url.ToString();
        }

        string? next = null;
        if (hasMore && records.Count > 0)
        {
            var (created, sid) = keyOf(records[^1]);
            next = PageUrl(request.Page + 1, new VerifyPageToken(PageDirection.After, created, sid));
        }

        string? previous = null;
        if (request.Page > 0 && records.Count > 0)
        {
            var (created, sid) = keyOf(records[0]);
            previous = PageUrl(request.Page - 1, new VerifyPageToken(PageDirection.Before, created, sid));
        }

        var meta = new VerifyPageMeta(
            request.Page,
            request.PageSize,
            PageUrl(0, null),
            previous,
            PageUrl(request.Page, request.PageToken),
            next,
            key);

        return new JsonObject
        {
            [key] = JsonSerializer.SerializeToNode(records, VerifyWire.JsonOptions),
            ["meta"] = JsonSerializer.SerializeToNode(meta, VerifyWire.JsonOptions),
        };
    }

    private sealed record VerifyPageMeta(
        int Page,
        int PageSize,
        string FirstPageUrl,
        string? PreviousPageUrl,
        string Url,
        string? NextPageUrl,
        string Key);
}
