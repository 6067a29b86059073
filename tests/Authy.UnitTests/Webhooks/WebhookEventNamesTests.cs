using Authy.Application.Webhooks;

namespace Authy.UnitTests.Webhooks;

public sealed class WebhookEventNamesTests
{
    [Fact]
    public void All_IsTheSpecsTwentyThreeNamesInOrder()
    {
        Assert.Equal(23, WebhookEventNames.All.Count);
        Assert.Equal(WebhookEventNames.All.Order(StringComparer.Ordinal), WebhookEventNames.All);
        Assert.Equal(WebhookEventNames.All.Count, WebhookEventNames.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(WebhookEventNames.All, name => Assert.Matches("^[a-z_]+$", name));
    }

    [Fact]
    public void Emitted_IsASubsetOfAll() =>
        Assert.All(WebhookEventNames.Emitted, name => Assert.True(WebhookEventNames.IsKnown(name)));

    [Theory]
    [InlineData("User_Added")]
    [InlineData("user_added ")]
    [InlineData("user_registration_completed")]
    [InlineData("")]
    public void IsKnown_NearMisses_AreRefused(string name) => Assert.False(WebhookEventNames.IsKnown(name));
}
