using Authy.Api.Surfaces.Verify;
using Authy.Application.Outcomes;
using Authy.UnitTests.Surfaces.Authy;

namespace Authy.UnitTests.Surfaces.Verify;

public sealed class VerifyErrorsTests
{
    [Fact]
    public void From_EveryReasonIsCovered() =>
        Assert.Equal(
            Enum.GetValues<FailureReason>().Order(),
            AuthyErrorsTests.EveryFailure().Select(row => row.Data.Reason).Order());

    [Theory]
    [MemberData(nameof(AuthyErrorsTests.EveryFailure), MemberType = typeof(AuthyErrorsTests))]
    public void From_AnswersEveryFailureWithATwilioError(Failure failure)
    {
        var error = VerifyErrors.From(failure, "/Services/VAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

        Assert.InRange(error.Code, 10000, 99999);
        Assert.InRange(error.Status, 400, 599);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.Equal($"https://www.twilio.com/docs/errors/{error.Code}", error.MoreInfo);
        Assert.Equal(error.Status == 401, error.Detail is not null);
    }

    [Fact]
    public void From_NamesFieldsByTheirVerifyParameters()
    {
        Assert.Equal(
            (20001, 400, "Missing required parameter Channel in the post body"),
            Parts(VerifyErrors.From(Failures.Missing("Channel"))));
        Assert.Equal(
            (60200, 400, "Invalid parameter: CodeLength"),
            Parts(VerifyErrors.From(Failures.Invalid("CodeLength", "must be a whole number from 4 to 10"))));
        Assert.Equal((60200, 400, "Invalid parameter: To"), Parts(VerifyErrors.From(Failures.InvalidPhoneNumber)));
    }

    [Fact]
    public void From_NotFoundNamesThePathWithoutV2() =>
        Assert.Equal(
            (20404, 404, "The requested resource /Services/VAxx/VerificationCheck was not found"),
            Parts(VerifyErrors.From(Failures.PhoneVerificationNotFound("+1 201-555-0123"), "/Services/VAxx/VerificationCheck")));

    [Fact]
    public void From_ThrottledIs20429WithTheWaitAsRetryAfter()
    {
        var error = VerifyErrors.From(Failures.Throttled(TimeSpan.FromSeconds(42)));

        Assert.Equal((20429, 429, "Too many requests"), Parts(error));
        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
    }

    [Fact]
    public void From_DisabledChannelIs400Code60223() =>
        Assert.Equal((60223, 400, "Delivery channel disabled"), Parts(VerifyErrors.From(Failures.SmsDisabled)));

    [Fact]
    public void From_InvalidRecordListsEachFieldInDetails()
    {
        var error = VerifyErrors.From(Failures.InvalidWebhook([new("FriendlyName", ValueProblem.Missing), new("WebhookUrl", ValueProblem.Invalid) { Detail = "must use https" }]));

        Assert.Equal((60200, 400, "Invalid parameter: FriendlyName"), Parts(error));
        Assert.Equal(new Dictionary<string, string> { ["FriendlyName"] = "is required", ["WebhookUrl"] = "must use https" }, error.Details);
    }

    [Fact]
    public void AuthenticationErrors_AreTwiliosTexts()
    {
        Assert.Equal((20003, 401, "Authentication Error - invalid username"), Parts(VerifyErrors.AuthenticationFailed));
        Assert.Equal("Your AccountSid or AuthToken was incorrect.", VerifyErrors.AuthenticationFailed.Detail);
        Assert.Equal((20003, 401, "Authentication Error - No credentials provided"), Parts(VerifyErrors.NoCredentials));
        Assert.Equal((20003, 401, "Authenticate"), Parts(VerifyErrors.Authenticate("x")));
    }

    [Fact]
    public void TransportErrors_HaveTheirStatuses()
    {
        Assert.Equal((20004, 405), (VerifyErrors.MethodNotAllowed.Code, VerifyErrors.MethodNotAllowed.Status));
        Assert.Equal((20500, 500), (VerifyErrors.InternalError.Code, VerifyErrors.InternalError.Status));
        Assert.Equal((20503, 503), (VerifyErrors.ServiceUnavailable.Code, VerifyErrors.ServiceUnavailable.Status));
        Assert.Equal((20415, 415), (VerifyErrors.UnsupportedMediaType.Code, VerifyErrors.UnsupportedMediaType.Status));
        Assert.Equal((20413, 413), (VerifyErrors.BodyTooLarge.Code, VerifyErrors.BodyTooLarge.Status));
    }

    private static (int Code, int Status, string Message) Parts(VerifyError error) => (error.Code, error.Status, error.Message);
}
