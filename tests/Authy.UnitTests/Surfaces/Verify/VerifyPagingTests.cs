using System.Text.Json.Nodes;
using Authy.Api.Surfaces.Verify;
using Authy.Application.Outcomes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Authy.UnitTests.Surfaces.Verify;

public sealed class VerifyPagingTests
{
    private static readonly Uri PrefixedBase = new("https://example.test/verify-prefix");

    private const string WebhooksPath = "/v2/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Webhooks";

    private sealed record Webhook(string Sid, DateTimeOffset DateCreated);

    private static Webhook Record(int i) =>
        new($"YW{i:x32}", new DateTimeOffset(2026, 12, 8, 1, 2, i, 250, TimeSpan.Zero));

    private static VerifyPageRequest Parsed(string query) =>
        VerifyPageRequest.Parse(new QueryCollection(QueryHelpers.ParseQuery(query))).Value;

    private static Failure? Refusal(string query) =>
        VerifyPageRequest.Parse(new QueryCollection(QueryHelpers.ParseQuery(query))).Failure;

    private static JsonObject Meta(VerifyPageRequest request, IReadOnlyList<Webhook> records, bool hasMore) =>
        VerifyPaging.Envelope(PrefixedBase, WebhooksPath, "webhooks", request, records, hasMore, w => (w.DateCreated, w.Sid))["meta"]!.AsObject();

    [Fact]
    public void Parse_NothingGiven_DefaultsToFiftyFromPageZero()
    {
        var request = Parsed("");

        Assert.Equal((50, 0, null), (request.PageSize, request.Page, request.PageToken));
        Assert.Empty(request.Filters);
    }

    [Fact]
    public void Parse_PagingNamesInAnyCaseAreNotFilters()
    {
        var request = Parsed("?pagesize=5&Status=pending");

        Assert.Equal(5, request.PageSize);
        Assert.Equal([new KeyValuePair<string, string>("Status", "pending")], request.Filters);
    }

    [Fact]
    public void Parse_EmptyValuesAreNotSupplied() =>
        Assert.Equal(50, Parsed("?PageSize=&Page=").PageSize);

    [Theory]
    [InlineData("?PageSize=0", "PageSize")]
    [InlineData("?PageSize=1001", "PageSize")]
    [InlineData("?PageSize=ten", "PageSize")]
    [InlineData("?PageSize=-5", "PageSize")]
    [InlineData("?Page=-1", "Page")]
    [InlineData("?PageToken=not-a-token", "PageToken")]
    [InlineData("?PageToken=QS4xLlZB", "PageToken")]
    public void Parse_OutOfRangeOrGarbage_IsRefusedNamingTheParameter(string query, string field)
    {
        var failure = Refusal(query);

        Assert.NotNull(failure);
        Assert.Equal((FailureReason.InvalidValue, field), (failure.Reason, failure.Field));
        Assert.Equal($"Invalid parameter: {field}", VerifyErrors.From(failure).Message);
    }

    [Theory]
    [InlineData("?PageSize=1", 1)]
    [InlineData("?PageSize=1000", 1000)]
    public void Parse_PageSizeBoundsAreAccepted(string query, int size) =>
        Assert.Equal(size, Parsed(query).PageSize);

    [Fact]
    public void PageToken_RoundTrips()
    {
        var token = new VerifyPageToken(PageDirection.Before, new DateTimeOffset(2026, 12, 8, 1, 2, 3, TimeSpan.Zero).AddTicks(1234567), "YWaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

        var encoded = token.Encode();

        Assert.Matches("^[A-Za-z0-9_-]+$", encoded);
        Assert.Equal(token, VerifyPageToken.Decode(encoded));
        Assert.Equal(token, Parsed($"?PageToken={encoded}").PageToken);
    }

    [Fact]
    public void Envelope_MetaHasAllSevenKeysAndNullsOnASinglePage()
    {
        var envelope = VerifyPaging.Envelope(PrefixedBase, WebhooksPath, "webhooks", Parsed(""), [Record(1)], hasMore: false, w => (w.DateCreated, w.Sid));

        Assert.Equal(["webhooks", "meta"], envelope.Select(p => p.Key));
        var meta = envelope["meta"]!.AsObject();
        Assert.Equal(["page", "page_size", "first_page_url", "previous_page_url", "url", "next_page_url", "key"], meta.Select(p => p.Key));
        Assert.Null(meta["next_page_url"]);
        Assert.Null(meta["previous_page_url"]);
        Assert.Equal("webhooks", (string?)meta["key"]);
        Assert.Equal(0, (int?)meta["page"]);
        Assert.Equal(50, (int?)meta["page_size"]);
        Assert.Equal($"https://example.test/verify-prefix{WebhooksPath}?PageSize=50&Page=0", (string?)meta["first_page_url"]);
        Assert.Equal($"https://example.test/verify-prefix{WebhooksPath}?PageSize=50&Page=0", (string?)meta["url"]);
        Assert.Equal("YW00000000000000000000000000000001", (string?)envelope["webhooks"]![0]!["sid"]);
        Assert.Equal("2026-12-08T01:02:01Z", (string?)envelope["webhooks"]![0]!["date_created"]);
    }

    [Fact]
    public void Envelope_NextPageContinuesAfterTheLastRecordWithFiltersRepeated()
    {
        var meta = Meta(Parsed("?Status=pending&Channel=sms&Channel=call&PageSize=2"), [Record(1), Record(2)], hasMore: true);

        var next = (string)meta["next_page_url"]!;
        Assert.StartsWith($"https://example.test/verify-prefix{WebhooksPath}?Status=pending&Channel=sms&Channel=call&PageSize=2&Page=1&PageToken=", next, StringComparison.Ordinal);
        Assert.Equal($"https://example.test/verify-prefix{WebhooksPath}?Status=pending&Channel=sms&Channel=call&PageSize=2&Page=0", (string?)meta["first_page_url"]);
        Assert.Equal(new VerifyPageToken(PageDirection.After, Record(2).DateCreated, Record(2).Sid), Parsed(new Uri(next).Query).PageToken);
    }

    [Fact]
    public void Envelope_LaterPageLinksBackBeforeItsFirstRecordAndKeepsItsOwnToken()
    {
        var token = new VerifyPageToken(PageDirection.After, Record(2).DateCreated, Record(2).Sid).Encode();

        var meta = Meta(Parsed($"?PageSize=2&Page=1&PageToken={token}"), [Record(3)], hasMore: false);

        Assert.Null(meta["next_page_url"]);
        Assert.Equal($"https://example.test/verify-prefix{WebhooksPath}?PageSize=2&Page=1&PageToken={token}", (string?)meta["url"]);
        var previous = Parsed(new Uri((string)meta["previous_page_url"]!).Query);
        Assert.Equal((0, new VerifyPageToken(PageDirection.Before, Record(3).DateCreated, Record(3).Sid)), (previous.Page, previous.PageToken));
    }

    [Fact]
    public void Envelope_FilterValuesAreEscaped()
    {
        var meta = Meta(Parsed("?To=%2B15017122661"), [], hasMore: false);

        Assert.Equal($"https://example.test/verify-prefix{WebhooksPath}?To=%2B15017122661&PageSize=50&Page=0", (string?)meta["url"]);
    }
}
