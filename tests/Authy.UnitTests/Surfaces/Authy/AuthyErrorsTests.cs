using System.Reflection;
using Authy.Api.Surfaces.Authy;
using Authy.Application.Outcomes;

namespace Authy.UnitTests.Surfaces.Authy;

public sealed class AuthyErrorsTests
{
    private static IEnumerable<AuthyError> Catalogue() =>
        typeof(AuthyErrors).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Select(p => (AuthyError)p.GetValue(null)!)
            .Concat([AuthyErrors.MissingParameter("x"), AuthyErrors.InvalidParameter("x", "y"), AuthyErrors.UserNotValid([])]);

    /// <summary>One failure of each reason, built as the use cases build them.</summary>
    public static TheoryData<Failure> EveryFailure() =>
    [
        Failures.Missing("CountryCode"),
        Failures.Invalid("CodeLength", "must be a whole number from 4 to 10"),
        Failures.InvalidPhoneNumber,
        Failures.InvalidPublicKey,
        Failures.InvalidUser([new("Cellphone", ValueProblem.Missing)]),
        Failures.InvalidWebhook([new("Name", ValueProblem.TooLong) { Limit = 100 }]),
        Failures.UserNotFound,
        Failures.PhoneVerificationNotFound("+1 201-555-0123"),
        Failures.ApprovalRequestNotFound("0d5c5a8e-3c4f-4f39-a1c0-4cc44f6a0b2e"),
        Failures.DeviceRegistrationNotFound,
        Failures.WebhookNotFound,
        Failures.TokenIncorrect,
        Failures.TokenReused,
        Failures.PhoneVerificationCodeIncorrect,
        Failures.RegistrationCodeIncorrect,
        Failures.SignatureInvalid,
        Failures.ApplicationKeyInvalid,
        Failures.DashboardKeysNotSet,
        Failures.AccessKeyMissing,
        Failures.AccessKeyInvalid,
        Failures.SignatureNonceMissing,
        Failures.SignatureNonceReused,
        Failures.SignatureNonceOutOfWindow,
        Failures.SmsDisabled,
        Failures.CallsDisabled,
        Failures.CountryNotAllowed,
        Failures.CustomCodeDisallowed,
        Failures.CustomMessageDisallowed,
        Failures.ActionMessageDisallowed,
        Failures.GenericTokensDisabled,
        Failures.UserBlocked,
        Failures.ApprovalRequestNotPending,
        Failures.UserHasNoEmail,
        Failures.WebhookLimitReached(20),
        Failures.Throttled(TimeSpan.FromSeconds(90)),
        Failures.MonthlySmsLimitReached,
        Failures.MonthlyCallsLimitReached,
    ];

    [Fact]
    public void Catalogue_EveryEntryIsAnAuthyCodeWithAnErrorStatusAndMessage() =>
        Assert.All(Catalogue(), e =>
        {
            Assert.Matches("^600[0-9]{2}$|^601[0-3][0-9]$", e.Code);
            Assert.InRange(e.Status, 400, 599);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        });

    [Fact]
    public void Catalogue_NoTwoEntriesAreTheSame() =>
        Assert.Equal(Catalogue().Count(), Catalogue().Select(e => (e.Code, e.Status, e.Message)).Distinct().Count());

    [Fact]
    public void Catalogue_MessagesClientsCompareAreExact()
    {
        Assert.Equal("Invalid API key", AuthyErrors.InvalidApiKey.Message);
        Assert.Equal("Token is invalid", AuthyErrors.TokenInvalid.Message);
        Assert.Equal("Token is invalid. Token was used recently.", AuthyErrors.TokenReused.Message);
        Assert.Equal("User not found.", AuthyErrors.UserNotFound.Message);
        Assert.Equal("Invalid parameter: country_code - Parameter is required", AuthyErrors.MissingParameter("country_code").Message);
        Assert.Equal([new KeyValuePair<string, string>("token", "is invalid")], AuthyErrors.TokenInvalid.TopLevel);
    }

    [Fact]
    public void EveryFailure_CoversEveryReason() =>
        Assert.Equal(
            Enum.GetValues<FailureReason>().Order(),
            EveryFailure().Select(row => row.Data.Reason).Order());

    [Theory]
    [MemberData(nameof(EveryFailure))]
    public void From_AnswersEveryFailureWithAnAuthyError(Failure failure)
    {
        var error = AuthyErrors.From(failure);

        Assert.Matches("^600[0-9]{2}$|^601[0-3][0-9]$", error.Code);
        // Authy's statuses follow the failure's kind (a conflict is 409, or 400 where Authy answered that).
        int[] statuses = failure.Kind switch
        {
            FailureKind.Invalid => [400],
            FailureKind.NotFound => [404],
            FailureKind.Rejected => [401],
            FailureKind.Forbidden => [403],
            FailureKind.Conflict => [400, 409],
            FailureKind.Throttled => [429],
            _ => [],
        };
        Assert.Contains(error.Status, statuses);
    }

    [Fact]
    public void From_NamesFieldsByTheirAuthyParameters()
    {
        Assert.Equal("Invalid parameter: code_length - must be a whole number from 4 to 10", AuthyErrors.From(Failures.Invalid("CodeLength", "must be a whole number from 4 to 10")).Message);
        Assert.Equal("Invalid parameter: seconds_to_expire - Parameter is required", AuthyErrors.From(Failures.Missing("SecondsToExpire")).Message);

        var user = AuthyErrors.From(Failures.InvalidUser([new("Cellphone", ValueProblem.Missing), new("CountryCode", ValueProblem.Unsupported), new("Email", ValueProblem.Invalid)]));
        Assert.Equal(("60027", 400), (user.Code, user.Status));
        Assert.Equal(
            [new("cellphone", "is invalid and can't be blank"), new KeyValuePair<string, string>("country_code", "is not supported"), new("email", "is invalid")],
            user.Fields);

        var webhook = AuthyErrors.From(Failures.InvalidWebhook([
            new("Name", ValueProblem.TooLong) { Limit = 100 },
            new("Events", ValueProblem.Unknown) { Detail = "nope" },
            new("Url", ValueProblem.Invalid) { Detail = "must use http or https" },
            new("Url", ValueProblem.Missing)]));
        Assert.Equal(
            [new("name", "is too long (maximum is 100 characters)"), new("events", "has unknown events: nope"), new("url", "must use http or https"), new KeyValuePair<string, string>("url", "can't be blank")],
            webhook.Fields);
    }

    [Fact]
    public void From_ThrottledCarriesTheWaitAsRetryAfter()
    {
        var error = AuthyErrors.From(Failures.Throttled(TimeSpan.FromSeconds(42)));

        Assert.Equal(("60003", 429, "DoS protection"), (error.Code, error.Status, error.Message));
        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
    }
}
