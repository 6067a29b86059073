using System.Net;
using Authy.Application.Messaging;
using Authy.Infrastructure.Messaging.HttpGateway;
using Authy.Infrastructure.Messaging.Smtp;
using MailKit.Net.Smtp;

namespace Authy.UnitTests.Messaging.Delivery;

/// <summary>Which provider errors fail a message at once and which are retried.</summary>
public sealed class DeliveryErrorsTests
{
    [Theory]
    [InlineData(550)]
    [InlineData(551)]
    [InlineData(553)]
    public void SmtpClassify_RecipientRefused5xx_IsPermanentRecipientRefused(int status)
    {
        var exception = Assert.IsType<PermanentDeliveryException>(SmtpEmailSender.Classify(SmtpErrorCode.RecipientNotAccepted, status));

        Assert.Equal(DeliveryRefusal.RecipientRefused, exception.Refusal);
        Assert.Equal("smtp", exception.Provider);
    }

    [Fact]
    public void SmtpClassify_MessageRefused5xx_IsPermanent() =>
        Assert.IsType<PermanentDeliveryException>(SmtpEmailSender.Classify(SmtpErrorCode.MessageNotAccepted, 554));

    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 450)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 451)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, 452)]
    [InlineData(SmtpErrorCode.SenderNotAccepted, 550)]
    [InlineData(SmtpErrorCode.UnexpectedStatusCode, 554)]
    public void SmtpClassify_TemporaryOrConfigurationError_IsTransient(SmtpErrorCode stage, int status) =>
        Assert.IsType<SmtpDeliveryException>(SmtpEmailSender.Classify(stage, status));

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public void GatewayIsPermanent_4xx_IsPermanent(HttpStatusCode status) => Assert.True(HttpGatewaySmsSender.IsPermanent(status));

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.MovedPermanently)]
    public void GatewayIsPermanent_408_429_5xx_3xx_AreRetried(HttpStatusCode status) => Assert.False(HttpGatewaySmsSender.IsPermanent(status));
}
