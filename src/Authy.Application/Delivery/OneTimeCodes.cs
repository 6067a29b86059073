using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using Authy.Application.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Authy.Application.Delivery;

/// <summary>What counting a wrong code did.</summary>
public enum WrongCode
{
    /// <summary>Counted; attempts remain.</summary>
    Counted,

    /// <summary>Counted, and it was the last attempt of the budget: exactly one wrong check gets this answer.</summary>
    SpentTheBudget,

    /// <summary>Nothing was pending any more (completed, expired or spent by other checks meanwhile).</summary>
    NothingPending,
}

/// <summary>
/// Random codes sent to a person (phone verification, device registration; not TOTP, which is derived from a seed):
/// drawn uniformly, stored only as a MAC under the master key bound to the row that owns them, compared in constant
/// time, and guarded by an attempt budget that holds for concurrent checks on any number of nodes.
/// </summary>
public static class OneTimeCodes
{
    /// <summary>A uniformly random code of <paramref name="length"/> digits, leading zeros kept.</summary>
    public static string Draw(int length)
    {
        var digits = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            digits.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return digits.ToString();
    }

    /// <summary>Whether <paramref name="code"/> is <paramref name="minLength"/> to <paramref name="maxLength"/> ASCII digits.</summary>
    public static bool IsDigits(string? code, int minLength, int maxLength) =>
        code is not null && code.Length >= minLength && code.Length <= maxLength && code.All(char.IsAsciiDigit);

    /// <summary>
    /// The code's MAC under the master key for <paramref name="purpose"/>, bound to <paramref name="ownerId"/> so equal
    /// codes of two rows differ. Keyed by a secret the database does not hold: a dump cannot be used to try the few
    /// thousand possible codes.
    /// </summary>
    public static byte[] Mac(ISecretProtector protector, string purpose, Guid ownerId, string code) =>
        protector.Mac([.. ownerId.ToByteArray(), .. Encoding.UTF8.GetBytes(code)], purpose);

    /// <summary>Whether <paramref name="code"/> is the one whose MAC is <paramref name="storedMac"/>, in constant time.</summary>
    public static bool Matches(ISecretProtector protector, string purpose, Guid ownerId, byte[] storedMac, string code) =>
        CryptographicOperations.FixedTimeEquals(storedMac, Mac(protector, purpose, ownerId, code));

    /// <summary>
    /// Counts one wrong code on the row <paramref name="live"/> selects (a query that finds it only while it can still be
    /// checked, its budget included), with a compare-and-set on the count <paramref name="seen"/>: of concurrent wrong
    /// checks each counts once, and exactly one spends the budget. <paramref name="whenSpent"/> adds the updates that
    /// end the row with its last attempt, if it has any beyond the count.
    /// </summary>
    public static async Task<WrongCode> CountWrongAsync<T>(
        IQueryable<T> live,
        Expression<Func<T, int>> failures,
        int seen,
        int budget,
        Action<UpdateSettersBuilder<T>>? whenSpent,
        CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            var next = seen + 1;
            var spends = next >= budget;
            var counted = await live.Where(Equals(failures, seen)).ExecuteUpdateAsync(
                setters =>
                {
                    setters.SetProperty(failures, next);
                    if (spends)
                    {
                        whenSpent?.Invoke(setters);
                    }
                },
                cancellationToken);
            if (counted == 1)
            {
                return spends ? WrongCode.SpentTheBudget : WrongCode.Counted;
            }

            // Another check moved first: start again from the count it left, unless the row is over.
            var current = await live.AsNoTracking().Select(Nullable(failures)).FirstOrDefaultAsync(cancellationToken);
            if (current is null)
            {
                return WrongCode.NothingPending;
            }

            seen = current.Value;
        }
    }

    private static Expression<Func<T, bool>> Equals<T>(Expression<Func<T, int>> failures, int value) =>
        Expression.Lambda<Func<T, bool>>(Expression.Equal(failures.Body, Expression.Constant(value)), failures.Parameters);

    private static Expression<Func<T, int?>> Nullable<T>(Expression<Func<T, int>> failures) =>
        Expression.Lambda<Func<T, int?>>(Expression.Convert(failures.Body, typeof(int?)), failures.Parameters);
}
