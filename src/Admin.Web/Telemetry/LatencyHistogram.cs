using System.Numerics;

namespace Djinn.Admin.Web.Telemetry;

/// <summary>
/// Log-linear latency buckets over microseconds (HdrHistogram-style): exact below 32 µs, then 32 linear
/// sub-buckets per power of two up to 2^32 µs (~71 min). A bucket's midpoint is within 1/64 (1.6%) of any value in it.
/// </summary>
internal static class LatencyHistogram
{
    private const int SubBits = 5;
    private const int SubBuckets = 1 << SubBits;
    private const int MaxOctave = 31;

    /// <summary>Number of buckets.</summary>
    public const int Length = (MaxOctave - SubBits + 2) * SubBuckets;

    /// <summary>The bucket of a duration.</summary>
    public static int BucketOf(TimeSpan duration)
    {
        var micros = (ulong)Math.Clamp(duration.Ticks / 10, 0, (1L << (MaxOctave + 1)) - 1);
        if (micros < SubBuckets)
        {
            return (int)micros;
        }

        var octave = 63 - BitOperations.LeadingZeroCount(micros);
        var sub = (int)(micros >> (octave - SubBits)) & (SubBuckets - 1);
        return ((octave - SubBits + 1) * SubBuckets) + sub;
    }

    /// <summary>The midpoint of <paramref name="bucket"/>, in microseconds.</summary>
    public static double MidpointMicros(int bucket)
    {
        if (bucket < SubBuckets)
        {
            return bucket;
        }

        var octave = (bucket / SubBuckets) + SubBits - 1;
        var sub = bucket % SubBuckets;
        var width = 1L << (octave - SubBits);
        var lower = (long)(SubBuckets + sub) << (octave - SubBits);
        return lower + (width / 2.0);
    }

    /// <summary>
    /// The <paramref name="quantile"/> (0–1) by the nearest-rank method over <paramref name="counts"/> holding
    /// <paramref name="total"/> values, as a bucket midpoint in milliseconds capped at <paramref name="maxMs"/>.
    /// </summary>
    public static double PercentileMs(ReadOnlySpan<int> counts, long total, double quantile, double maxMs)
    {
        if (total <= 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return Math.Min(MidpointMicros(i) / 1000.0, maxMs);
            }
        }

        return maxMs;
    }
}
