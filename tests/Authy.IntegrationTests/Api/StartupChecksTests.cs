using Authy.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Authy.IntegrationTests.Api;

/// <summary>What fails closed at start in Production: no master key, or the Log provider not explicitly allowed.</summary>
public sealed class StartupChecksTests
{
    [Fact]
    public async Task Production_WithoutMasterKey_RefusesToStart()
    {
        await using var factory = new MisconfiguredProductionFactory(masterKey: string.Empty, allowLog: true);

        var error = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync().AsTask);

        Assert.Contains("Security:MasterKey is required in Production", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithLogProviderNotAllowed_RefusesToStart()
    {
        await using var factory = new MisconfiguredProductionFactory(masterKey: null, allowLog: false);

        var error = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync().AsTask);

        Assert.Contains("The Log provider delivers nothing and is refused in Production", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) => error.ToString();

    private sealed class MisconfiguredProductionFactory(string? masterKey, bool allowLog) : AuthyApiFactory(new Sqlite())
    {
        protected override string Environment => "Production";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (masterKey is not null)
            {
                builder.UseSetting("Security:MasterKey", masterKey);
            }

            builder.UseSetting("Messaging:AllowLogProviderInProduction", allowLog ? "true" : "false");
        }
    }
}
