using System.Net;
using Authy.Application.Messaging;
using Authy.Infrastructure.Messaging.Twilio;

namespace Authy.UnitTests.Messaging.Twilio;

public sealed class TwilioErrorsTests
{
    [Theory]
    [InlineData(21211, DeliveryRefusal.InvalidNumber)] // invalid To
    [InlineData(21217, DeliveryRefusal.InvalidNumber)] // call: invalid number
    [InlineData(21614, DeliveryRefusal.NotMobile)] // not a mobile number
    [InlineData(21635, DeliveryRefusal.NotMobile)] // landline
    [InlineData(21408, DeliveryRefusal.CountryNotAllowed)] // SMS geo permission
    [InlineData(21215, DeliveryRefusal.CountryNotAllowed)] // voice geo permission
    [InlineData(21612, DeliveryRefusal.CountryNotAllowed)] // no route
    [InlineData(21610, DeliveryRefusal.OptedOut)] // recipient opted out
    public void Classify_DestinationErrors_ArePermanentWithTheirRefusal(int twilioCode, DeliveryRefusal refusal)
    {
        var failure = TwilioErrors.Classify(HttpStatusCode.BadRequest, twilioCode);

        Assert.True(failure.Permanent);
        Assert.Equal(refusal, failure.Refusal);
        Assert.False(failure.ConfigurationError);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, 20003)]
    [InlineData(HttpStatusCode.Unauthorized, null)]
    [InlineData(HttpStatusCode.NotFound, 20404)]
    [InlineData(HttpStatusCode.BadRequest, 21212)]
    [InlineData(HttpStatusCode.BadRequest, 21606)]
    [InlineData(HttpStatusCode.BadRequest, 21210)]
    public void Classify_ConfigurationErrors_AreRetriedAndFlagged(HttpStatusCode status, int? twilioCode)
    {
        var failure = TwilioErrors.Classify(status, twilioCode);

        Assert.False(failure.Permanent);
        Assert.True(failure.ConfigurationError);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 20429)]
    [InlineData(HttpStatusCode.TooManyRequests, null)]
    [InlineData(HttpStatusCode.InternalServerError, null)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 20500)]
    [InlineData(HttpStatusCode.BadGateway, null)]
    public void Classify_ThrottlingAndServerErrors_AreTransient(HttpStatusCode status, int? twilioCode)
    {
        var failure = TwilioErrors.Classify(status, twilioCode);

        Assert.False(failure.Permanent);
        Assert.False(failure.ConfigurationError);
    }

    [Fact]
    public void Classify_UnknownClientError_IsPermanentWithGenericCode() =>
        Assert.Equal(new TwilioFailure(true, DeliveryRefusal.Refused, false), TwilioErrors.Classify(HttpStatusCode.BadRequest, 21999));
}
