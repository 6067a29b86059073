using System.Globalization;

namespace Authy.Bench.Scenarios;

/// <summary>
/// The bench's US phone numbers, in three ranges that never meet: the template user (area code 201), the users
/// that users/new registers (202) and the cloned users (eight other area codes). Cloned numbers are spread over
/// 6,400 seven-digit prefixes (country code, area code, exchange), as real users are: the server limits SMS per
/// prefix (Fraud:MaxSendsPerPrefix), and numbers bunched in one prefix would measure that limit instead of the server.
/// </summary>
public static class BenchPhones
{
    public const int ClonePrefixes = 6400;

    private static readonly string[] CloneAreaCodes = ["212", "213", "312", "415", "617", "646", "718", "917"];

    public const string Template = "2012000001";

    public static string NewUser(long n) =>
        string.Create(CultureInfo.InvariantCulture, $"202{200 + (n % 800)}{n / 800 % 10000:D4}");

    /// <summary>The national number of clone <c>i</c> as a SQL expression over the integer column <paramref name="i"/>.</summary>
    public static string CloneSql(string i) =>
        $"(ARRAY['{string.Join("','", CloneAreaCodes)}'])[({i} % {ClonePrefixes}) / 800 + 1]"
        + $" || (200 + ({i} % {ClonePrefixes}) % 800)::text"
        + $" || lpad(({i} / {ClonePrefixes})::text, 4, '0')";
}
