using System.Globalization;
using Authy.Api.Surfaces.Authy.Contracts;
using Authy.Api.Surfaces.Authy.OpenApi;
using Authy.Api.Surfaces.Authy.Parameters;
using Authy.Application.Apps.Usage;
using Authy.Application.Phones;

namespace Authy.Api.Surfaces.Authy;

/// <summary>app/details (spec §3.10) and phones/info (spec §3.14).</summary>
internal static class AppEndpoints
{
    /// <summary>The plan Authy reported for paying applications; a self-hosted server has no plans, and no client checks it.</summary>
    private const string Plan = "pay_as_you_go";

    // English whatever the server's culture: clients parse these names.
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    private static readonly AuthyParameter<string?> UserIp = AuthyParameter.Text("user_ip", "The end user's IP, for the audit trail.");

    private static readonly AuthyParameter<NormalizedPhone?> Phone = AuthyParameter.Phone(
        "The calling code (`1`, `+44`) or an ISO region (`US`).", "The national number, or the number with its calling code after a `+` (`+1 775-461-5609`).");

    public static RouteGroupBuilder MapAppEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/app/details", GetAppDetails)
            .WithName(nameof(GetAppDetails))
            .WithTags("Application")
            .WithSummary("Application details")
            .WithDescription("The calling application: name, integer app_id, and whether SMS, calls and OneTouch are enabled.")
            .Declares<AppDetailsResponse>(UserIp);

        group.MapGet("/app/stats", GetAppStats)
            .WithName(nameof(GetAppStats))
            .WithTags("Application")
            .WithSummary("Application statistics")
            .WithDescription("Counts per calendar month (UTC), oldest first, for up to 12 months from the application's creation: API calls, successful verifications, SMS, calls and users added. Each node writes its counts every few seconds (`Usage:FlushIntervalSeconds`).")
            .Declares<AppStatsResponse>(UserIp);

        group.MapGet("/phones/info", GetPhoneInfo)
            .WithName(nameof(GetPhoneInfo))
            .WithTags("Phones")
            .WithSummary("Phone number information")
            .WithDescription("The number's kind (cellphone, landline, voip, toll_free…) and original carrier, from libphonenumber's offline data; `ported` is always false. node-authy sends the parameters as a form body on this GET: that works.")
            .Declares<PhoneInfoResponse>(Phone, UserIp);
        return group;
    }

    internal static AuthyResult GetAppDetails(AuthyRequest request) =>
        AuthyResult.Ok(new AppDetailsResponse(new AppDetails(
            request.App.Name, Plan, request.App.Settings.SmsEnabled, request.App.Settings.PhoneCallsEnabled, request.App.Id, OnetouchEnabled: true)));

    internal static async Task<AuthyResult> GetAppStats(AuthyRequest request, GetAppStats getAppStats, CancellationToken cancellationToken)
    {
        var stats = await getAppStats.ExecuteAsync(request.App, cancellationToken);
        var rows = stats.Months
            .Select(m => new AppStatsRow(m.SmsCount, m.CallsCount, m.UsersCount, m.AuthsCount, MonthNames[m.Month - 1], m.ApiCallsCount, m.Year))
            .ToList();
        return AuthyResult.Ok(new AppStatsResponse("Monthly statistics.", rows.Count, stats.TotalUsers, stats.AppId, Success: true, rows));
    }

    internal static AuthyResult GetPhoneInfo(AuthyRequest request, GetPhoneInfo getPhoneInfo, TimeProvider time)
    {
        var info = getPhoneInfo.Execute(request.Get(Phone)!);
        var asOf = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return AuthyResult.Ok(new PhoneInfoResponse($"Phone number information as of {asOf} UTC", info.Type, info.Provider ?? string.Empty));
    }
}
