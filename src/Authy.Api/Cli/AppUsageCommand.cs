using System.Globalization;
using Authy.Application.Abstractions;
using Authy.Application.Apps;
using Authy.Application.Apps.Usage;
using Authy.Application.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Authy.Api.Cli;

/// <summary>
/// <c>apps usage --id N</c>: this month's app/stats counts beside the application's delivery limits (allowed countries,
/// monthly send cap and how much of it is used) and the server's prefix limit, so an operator sees cost and fraud
/// controls in one place.
/// </summary>
internal static class AppUsageCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CliCommand command, TextWriter output, CancellationToken cancellationToken)
    {
        var id = command.Id;
        var app = await services.GetRequiredService<IAuthyDb>().Apps.AsNoTracking()
            .Where(a => a.Id == id)
            .Select(a => new AuthenticatedApp(a.Id, a.Name, a.Settings))
            .FirstOrDefaultAsync(cancellationToken);
        if (app is null)
        {
            await output.WriteLineAsync($"No application has app_id {id}.");
            return 1;
        }

        var settings = app.Settings;
        var stats = await services.GetRequiredService<GetAppStats>().ExecuteAsync(app, cancellationToken);
        var month = stats.Months[^1];
        // The cap's counter runs only while a cap is set, so it is read only then.
        var sends = settings.MonthlySendCap > 0 ? await services.GetRequiredService<SendGuard>().MonthlySendsAsync(app.Id, cancellationToken) : 0;
        var fraud = services.GetRequiredService<IOptions<SendGuardOptions>>().Value;
        var monthName = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month.Month);

        await output.WriteLineAsync($"Application \"{app.Name}\" (app_id {app.Id}), {monthName} {month.Year} (UTC)");
        await output.WriteLineAsync($"  API calls: {month.ApiCallsCount}  verifications: {month.AuthsCount}  SMS: {month.SmsCount}  calls: {month.CallsCount}  users added: {month.UsersCount}  total users: {stats.TotalUsers}");
        await output.WriteLineAsync(settings.MonthlySendCap > 0
            ? $"  Monthly send cap: {sends} of {settings.MonthlySendCap} SMS and calls used"
            : "  Monthly send cap: none (set MonthlySendCap to cap SMS and calls; the counts above show this month's)");
        await output.WriteLineAsync($"  Allowed countries: {(string.IsNullOrWhiteSpace(settings.AllowedCountries) ? "all" : settings.AllowedCountries.ToUpperInvariant())}");
        await output.WriteLineAsync($"  SMS falls back to a call: {(settings.SmsFallbackToVoice ? "yes" : "no")}");
        await output.WriteLineAsync(fraud.MaxSendsPerPrefix > 0
            ? $"  Server prefix limit: {fraud.MaxSendsPerPrefix} sends per {fraud.PrefixDigits}-digit prefix per {fraud.PrefixWindowSeconds} s, all applications"
            : "  Server prefix limit: off");
        return 0;
    }
}
