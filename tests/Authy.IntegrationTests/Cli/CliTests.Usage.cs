using System.Globalization;
using Authy.IntegrationTests.Support;

namespace Authy.IntegrationTests.Cli;

/// <summary><c>apps usage</c>: the month's counts beside the delivery limits.</summary>
public sealed partial class CliTests
{
    [Fact]
    public async Task AppsUsage_ShowsTheMonthsCountsAndTheCapInUse()
    {
        var app = await factory.CreateAppAsync("Metered", s =>
        {
            s.MonthlySendCap = 50;
            s.AllowedCountries = "us,ca";
        });
        var client = factory.CreateApiClient(app.ApiKey);
        var id = await AuthyApiFactory.RegisterUserAsync(client, TestPhone.Next());
        await client.GetApiAsync($"/protected/json/sms/{id}");
        await client.GetApiAsync($"/protected/json/call/{id}");

        var output = await RunAsync("apps", "usage", "--id", app.Id.ToString(CultureInfo.InvariantCulture));
        var unknown = new StringWriter();
        var unknownExit = await Authy.Api.Cli.CliRunner.RunAsync(
            factory.Services, Authy.Api.Cli.CliCommand.Parse(["apps", "usage", "--id", "999999"]), unknown, TestContext.Current.CancellationToken);

        Assert.Contains($"Application \"Metered\" (app_id {app.Id})", output, StringComparison.Ordinal);
        Assert.Contains("SMS: 1  calls: 1  users added: 1", output, StringComparison.Ordinal);
        Assert.Contains("Monthly send cap: 2 of 50 SMS and calls used", output, StringComparison.Ordinal);
        Assert.Contains("Allowed countries: US,CA", output, StringComparison.Ordinal);
        Assert.Contains("Server prefix limit: 100 sends per 7-digit prefix", output, StringComparison.Ordinal);
        Assert.Equal(1, unknownExit);
        Assert.Contains("No application has app_id 999999.", unknown.ToString(), StringComparison.Ordinal);
    }
}
