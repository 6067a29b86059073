using Authy.Infrastructure.Persistence;
using Npgsql;

namespace Authy.UnitTests.Persistence;

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void Apply_PlainConnectionString_AddsPreparationAndNoReset()
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=db;Database=authy;Username=authy;Password=secret"));

        Assert.Equal(64, result.MaxAutoPrepare);
        Assert.Equal(2, result.AutoPrepareMinUsages);
        Assert.True(result.NoResetOnClose);
        Assert.Equal("db", result.Host);
        Assert.Equal("secret", result.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false;Auto Prepare Min Usages=7")]
    [InlineData("Host=db;maxautoprepare=0;NORESETONCLOSE=false;AutoPrepareMinUsages=7")]
    public void Apply_OperatorsChoice_IsKept(string connectionString)
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));

        Assert.Equal(0, result.MaxAutoPrepare);
        Assert.Equal(7, result.AutoPrepareMinUsages);
        Assert.False(result.NoResetOnClose);
    }
}
