using System.Numerics;

namespace Authy.Bench.Load;

/// <summary>
/// A log-linear latency histogram in microseconds, in the manner of HdrHistogram: values below 256 µs are counted
/// exactly; above, each power of two is split into 128 equal buckets, so a reported value is at most 1/128 (0.8%)
/// above the true one. Every recorded value lands in a bucket (no sampling), so percentiles come from all requests.
/// Not thread-safe: each worker records into its own and the results are merged.
/// </summary>
public sealed class LatencyHistogram
{
    private const int ExactBuckets = 256;
    private const int SubBuckets = 128;
    private const int SubBucketBits = 7;

    // Shifts up to 40 cover 2^47 µs, far beyond any timeout.
    private const int MaxShift = 40;

    private readonly long[] _counts = new long[ExactBuckets + (MaxShift * SubBuckets)];

    public long Count { get; private set; }

    public long MinMicros { get; private set; } = long.MaxValue;

    public long MaxMicros { get; private set; }

    public double SumMicros { get; private set; }

    public double MeanMicros => Count == 0 ? 0 : SumMicros / Count;

    public void Record(long micros)
    {
        micros = Math.Max(0, micros);
        _counts[IndexOf(micros)]++;
        Count++;
        SumMicros += micros;
        MinMicros = Math.Min(MinMicros, micros);
        MaxMicros = Math.Max(MaxMicros, micros);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        SumMicros += other.SumMicros;
        MinMicros = Math.Min(MinMicros, other.MinMicros);
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0–100): the highest value of the bucket holding the request of
    /// that rank, capped at the recorded maximum. Zero when nothing was recorded.
    /// </summary>
    public long ValueAt(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestInBucket(i), MaxMicros);
            }
        }

        return MaxMicros;
    }

    internal static int IndexOf(long micros)
    {
        if (micros < ExactBuckets)
        {
            return (int)micros;
        }

        // The most significant bit is at position >= 8; keep the top 8 bits (128..255) and count the shift.
        var msb = 63 - BitOperations.LeadingZeroCount((ulong)micros);
        var shift = Math.Min(msb - SubBucketBits, MaxShift);
        var top = Math.Min(micros >> shift, (2 * SubBuckets) - 1);
        return ExactBuckets + ((shift - 1) * SubBuckets) + (int)(top - SubBuckets);
    }

    internal static long HighestInBucket(int index)
    {
        if (index < ExactBuckets)
        {
            return index;
        }

        var shift = ((index - ExactBuckets) / SubBuckets) + 1;
        var top = ((index - ExactBuckets) % SubBuckets) + SubBuckets;
        return ((top + 1L) << shift) - 1;
    }
}
