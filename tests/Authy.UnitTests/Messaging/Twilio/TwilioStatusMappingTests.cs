using Authy.Application.Messaging;
using Authy.Infrastructure.Messaging.Twilio;

namespace Authy.UnitTests.Messaging.Twilio;

public sealed class TwilioStatusMappingTests
{
    [Theory]
    [InlineData("queued", DeliveryStatus.Queued)]
    [InlineData("sending", DeliveryStatus.Queued)]
    [InlineData("sent", DeliveryStatus.Sent)]
    [InlineData("delivered", DeliveryStatus.Delivered)]
    [InlineData("undelivered", DeliveryStatus.Undelivered)]
    [InlineData("failed", DeliveryStatus.Failed)]
    [InlineData("receiving", null)]
    public void MapMessage_TwilioStatus_GivesDeliveryStatus(string status, DeliveryStatus? expected) =>
        Assert.Equal(expected, TwilioStatusCallbacks.MapMessage(status));

    [Theory]
    [InlineData("initiated", false, DeliveryStatus.Queued)]
    [InlineData("ringing", false, DeliveryStatus.Sent)]
    [InlineData("in-progress", false, DeliveryStatus.Sent)]
    [InlineData("completed", true, DeliveryStatus.Delivered)]
    [InlineData("completed", false, DeliveryStatus.Undelivered)]
    [InlineData("busy", false, DeliveryStatus.Undelivered)]
    [InlineData("no-answer", false, DeliveryStatus.Undelivered)]
    [InlineData("canceled", false, DeliveryStatus.Undelivered)]
    [InlineData("failed", false, DeliveryStatus.Failed)]
    public void MapCall_TwilioStatus_GivesDeliveryStatus(string status, bool codeRead, DeliveryStatus expected) =>
        Assert.Equal(expected, TwilioStatusCallbacks.MapCall(status, codeRead));

    [Theory]
    [InlineData(null, DeliveryStatus.Queued, true)]
    [InlineData(DeliveryStatus.Queued, DeliveryStatus.Sent, true)]
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Delivered, true)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Sent, false)] // out of order: never back
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Sent, false)]
    [InlineData(DeliveryStatus.Delivered, DeliveryStatus.Failed, false)] // final stays final
    [InlineData(DeliveryStatus.Sent, DeliveryStatus.Undelivered, true)]
    public void Advances_OnlyForward(DeliveryStatus? current, DeliveryStatus next, bool expected) =>
        Assert.Equal(expected, TwilioStatusCallbacks.Advances(current, next));
}
