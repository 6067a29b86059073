using Npgsql;

namespace Authy.Infrastructure.Persistence;

/// <summary>
/// Npgsql settings the server wants unless the operator's connection string says otherwise (docs/configuration.md):
/// <list type="bullet">
/// <item><c>Max Auto Prepare=64</c>: the statements every request runs (the API-key lookup, the member, the throttle
/// hit, the used-step update) are prepared once per connection after <c>Auto Prepare Min Usages</c> (2) uses, so
/// PostgreSQL stops parsing and planning them each time. Npgsql's default is 0, no preparation.</item>
/// <item><c>No Reset On Close=true</c>: EF Core opens and closes the connection around each query, and Npgsql's
/// default resets the session (<c>DISCARD ALL</c>) at every return to the pool. The server leaves no session state
/// behind: its transactions and advisory locks are transaction-scoped, and its <c>LISTEN</c> has its own unpooled
/// connection.</item>
/// </list>
/// </summary>
public static class PostgresConnectionDefaults
{
    public static string Apply(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!Mentions(connectionString, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, params string[] keywords) =>
        connectionString.Split(';').Select(part => part.Split('=')[0].Trim())
            .Any(key => keywords.Any(keyword => string.Equals(key, keyword, StringComparison.OrdinalIgnoreCase)));
}
