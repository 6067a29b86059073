using Authy.Application.Otp;

namespace Authy.Bench.Load;

/// <summary>
/// Hands out (user, code) pairs that the server will accept as valid. The server accepts a code once per user and
/// step, and only for a step later than the last one it accepted for that user, within ±window of its clock. So each
/// user can be verified once per step of the window (13 times at ±180 s and 30 s steps), then once per new step.
/// Users are taken in a fixed scattered order (a stride coprime with the count), so every user is used once before
/// any is used again, and each gets the next unused step, oldest first. All bench users share one seed (cloned from
/// one user the server registered), so one key computes every code.
/// </summary>
public sealed class TotpTickets
{
    // Codes are issued a little inside the window, so a code computed at the window's edge is still accepted a moment later.
    private static readonly TimeSpan EdgeMargin = TimeSpan.FromSeconds(3);

    private readonly byte[] _seed;
    private readonly long[] _userIds;
    private readonly long[] _lastStep;
    private readonly long _stride;
    private readonly TimeSpan _window;
    private readonly TotpParameters _parameters;
    private long _ticket = -1;

    public TotpTickets(byte[] seed, IReadOnlyList<long> userIds, TimeSpan window, TotpParameters parameters)
    {
        _seed = seed;
        _userIds = [.. userIds];
        _lastStep = new long[_userIds.Length];
        Array.Fill(_lastStep, long.MinValue);
        _stride = CoprimeStride(_userIds.Length);
        _window = window;
        _parameters = parameters;
    }

    public int UserCount => _userIds.Length;

    /// <summary>Takes over the steps <paramref name="previous"/> issued, for the users both know: the server remembers them.</summary>
    public void CarryOver(TotpTickets previous)
    {
        var index = new Dictionary<long, int>(_userIds.Length);
        for (var i = 0; i < _userIds.Length; i++)
        {
            index[_userIds[i]] = i;
        }

        for (var i = 0; i < previous._userIds.Length; i++)
        {
            if (index.TryGetValue(previous._userIds[i], out var mine))
            {
                _lastStep[mine] = Math.Max(_lastStep[mine], Interlocked.Read(ref previous._lastStep[i]));
            }
        }
    }

    /// <summary>The next user and a code for an unused step; false when every user's window is used up for now.</summary>
    public bool TryNext(out long authyId, out string code)
    {
        var index = (int)((Interlocked.Increment(ref _ticket) * _stride) % _userIds.Length);
        var now = DateTimeOffset.UtcNow;
        var first = Totp.AcceptedSteps(now + EdgeMargin, _window, _parameters.StepSeconds).First;
        var last = Totp.AcceptedSteps(now - EdgeMargin, _window, _parameters.StepSeconds).Last;
        while (true)
        {
            var previous = Interlocked.Read(ref _lastStep[index]);
            var step = Math.Max(previous == long.MinValue ? first : previous + 1, first);
            if (step > last)
            {
                authyId = 0;
                code = string.Empty;
                return false;
            }

            if (Interlocked.CompareExchange(ref _lastStep[index], step, previous) == previous)
            {
                authyId = _userIds[index];
                code = Totp.Compute(_seed, step, _parameters);
                return true;
            }
        }
    }

    /// <summary>
    /// How many codes can be issued within <paramref name="seconds"/> from now: every step of the window for each user
    /// not yet used, plus one per user for each new step.
    /// </summary>
    public long Budget(double seconds)
    {
        var steps = (2 * (long)_window.TotalSeconds / _parameters.StepSeconds) + 1;
        return _userIds.Length * (steps + (long)(seconds / _parameters.StepSeconds));
    }

    private static long CoprimeStride(int count)
    {
        foreach (var candidate in new long[] { 7919, 104729, 1299709, 1 })
        {
            if (candidate < count && Gcd(candidate, count) == 1)
            {
                return candidate;
            }
        }

        return 1;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
